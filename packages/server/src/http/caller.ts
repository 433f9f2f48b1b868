import { getConnInfo } from "@hono/node-server/conninfo";

/** The caller's address as the connection gives it ("unknown" behind an adapter that gives none). */
export function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
