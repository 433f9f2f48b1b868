/**
 * Reading input text in chunks: UTF-8, UTF-16 with its byte-order mark (Excel's "Unicode text") or
 * Windows-1252 (older files: Vietnamese in the TCVN3 or VNI fonts, saved as "ANSI" text) turned into
 * UTF-8; rejects binary data, replaces invalid UTF-8 and reports where.
 */
import type { Readable } from "node:stream";
import { utf16ByteOrder } from "@diagioi/core";
import { UnusableInput } from "./errors.ts";

/** How much of the start tells UTF-8 from Windows-1252. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Byte chunks of a stream, in UTF-8. Throws UnusableInput when the start holds NUL bytes and no
 * UTF-16 byte-order mark. A start that is no UTF-8 (more invalid sequences than valid ones) is read as
 * Windows-1252, and `notice` says so.
 */
export async function* byteChunks(
  stream: Readable,
  name: string,
  notice?: (message: string) => void,
): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | undefined;
  let first = true;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    if (first) {
      first = false;
      const encoding = utf16ByteOrder(bytes);
      if (encoding) decoder = new TextDecoder(encoding);
      else if (bytes.subarray(0, 8192).includes(0)) throw new UnusableInput(notTextMessage(name, bytes));
      else if (isWindows1252(bytes.subarray(0, SNIFF_BYTES))) {
        decoder = new TextDecoder("windows-1252");
        notice?.(
          `${name} is not UTF-8: read as Windows-1252 (the "ANSI" text of older files; Vietnamese in the TCVN3 or VNI fonts is read from it)`,
        );
      }
    }
    if (decoder) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) yield Buffer.from(text, "utf8");
    } else yield bytes;
  }
  const rest = decoder?.decode();
  if (rest) yield Buffer.from(rest, "utf8");
}

/**
 * True when bytes hold more sequences that are no UTF-8 than UTF-8 sequences beyond ASCII: text of an
 * 8-bit code page. A sequence cut at the end does not count.
 */
export function isWindows1252(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (i + length > bytes.length) break;
    let continued = length > 0;
    for (let k = 1; k < length && continued; k++) continued = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (continued) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return invalid > valid;
}

/** Why bytes with NULs cannot be read: UTF-16 written without its byte-order mark, or binary data. */
function notTextMessage(name: string, bytes: Buffer): string {
  const start = bytes.subarray(0, 8192);
  let nulsAtOdd = 0;
  let nuls = 0;
  for (let i = 0; i < start.length; i++) {
    if (start[i] !== 0) continue;
    nuls++;
    if (i % 2 === 1) nulsAtOdd++;
  }
  // ASCII letters in UTF-16 leave every other byte NUL, all on one side.
  const looksUtf16 = nuls >= start.length / 4 && (nulsAtOdd === nuls || nulsAtOdd === 0);
  return looksUtf16
    ? `${name}: this looks like UTF-16 text without a byte-order mark; save it as UTF-8 (or as UTF-16 with its mark)`
    : `${name}: this looks like binary data (NUL bytes), not text`;
}

/** Text chunks of a stream (see {@link byteChunks}). Throws UnusableInput when the start holds NUL bytes. */
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
