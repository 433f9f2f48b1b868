/** Reading input text in chunks: rejects binary data, replaces invalid UTF-8 and reports where. */
import type { Readable } from "node:stream";
import { UnusableInput } from "./errors.ts";

/** Byte chunks of a stream. Throws UnusableInput when the start holds NUL bytes. */
export async function* byteChunks(stream: Readable, name: string): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    if (first && bytes.subarray(0, 8192).includes(0)) {
      throw new UnusableInput(`${name}: this looks like binary data (NUL bytes), not text`);
    }
    first = false;
    yield bytes;
  }
}

/** Text chunks of a stream, decoded as UTF-8. Throws UnusableInput when the start holds NUL bytes. */
export async function* textChunks(stream: Readable, name: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const bytes of byteChunks(stream, name)) yield decoder.decode(bytes, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Lines of a chunked text, without their line ends. */
export async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const lines of lineBatchesOf(chunks)) yield* lines;
}

/** Lines of a chunked text, without their line ends, as the chunks complete them: one await per chunk. */
export async function* lineBatchesOf(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let pending = "";
  for await (const chunk of chunks) {
    pending += chunk;
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const end = pending.indexOf("\n", start);
      if (end < 0) break;
      lines.push(pending.slice(start, end > start && pending[end - 1] === "\r" ? end - 1 : end));
      start = end + 1;
    }
    pending = pending.slice(start);
    if (lines.length > 0) yield lines;
  }
  if (pending) yield [pending.endsWith("\r") ? pending.slice(0, -1) : pending];
}

/** True when decoding replaced invalid UTF-8 in this text. */
export function hasReplacement(text: string): boolean {
  return text.includes("\uFFFD");
}
