/** An input the command cannot use at all: exit code 2 and this message, nothing else written. */
export class UnusableInput extends Error {}

/** "ENOENT" and its words: what a user reads of a system error. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: "no such file or folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "it is a folder",
    ENOSPC: "no space left on the device",
    EROFS: "read-only file system",
    ENOTDIR: "a part of the path is not a folder",
  };
  return code ? `${words[code] ?? code}` : (error as Error).message;
}
