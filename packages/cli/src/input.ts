/**
 * Reading input text in chunks: UTF-8, UTF-16 with its byte-order mark (Excel's "Unicode text") or
 * the "ANSI" text of older files (Windows-1258, or Windows-1252 holding the TCVN3 or VNI fonts)
 * turned into UTF-8; rejects binary data, replaces invalid UTF-8 and reports where.
 */
import type { Readable } from "node:stream";
import { decodeLegacyFont, LATIN1_NOT_VIETNAMESE, utf16ByteOrder } from "@diagioi/core";
import { UnusableInput } from "./errors.ts";

/** How much of the start tells UTF-8 from an 8-bit code page, and which. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Byte chunks of a stream, in UTF-8. Throws UnusableInput when the start holds NUL bytes and no
 * UTF-16 byte-order mark. A start that is no UTF-8 (more invalid sequences than valid ones) is read in
 * the code page of {@link codePageOf}, and `notice` says so.
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
      else if (isEightBit(bytes.subarray(0, SNIFF_BYTES))) {
        const encoding = codePageOf(bytes.subarray(0, SNIFF_BYTES));
        decoder = new TextDecoder(encoding);
        notice?.(
          encoding === "windows-1258"
            ? `${name} is not UTF-8: read as Windows-1258, the "ANSI" text of Vietnamese Windows`
            : `${name} is not UTF-8: read as Windows-1252, the "ANSI" text of older files (Vietnamese in the TCVN3 or VNI fonts is read from it)`,
        );
      }
    }
    if (decoder) {
      // Windows-1258 writes most tones as combining marks: composed here, as Unicode text has them.
      const text = decoder.decode(bytes, { stream: true }).normalize("NFC");
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
export function isEightBit(bytes: Uint8Array): boolean {
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

/** Vietnamese letters beyond Latin-1 (ă, đ, ơ, ư and the tones on them): no 8-bit code page read wrong makes them. */
const VIETNAMESE_LETTER = /[ăđĩũơưạ-ỹĂĐĨŨƠƯẠ-Ỹ]/gu;
/** What a wrong code page leaves: C1 controls, Latin-1 signs and letters no Vietnamese has, combining marks. */
const LEFT_OVER = new RegExp(`[\\u0080-\\u00a0${LATIN1_NOT_VIETNAMESE}]|[\\u0300-\\u036f]`, "gu");

/**
 * The 8-bit code page an older file's start reads best in: Windows-1258, Vietnamese Windows's own
 * (its letters, the tones as combining marks), or Windows-1252, whose Latin-1 letters hold the TCVN3
 * and VNI fonts' text ("Hµ Néi"), read line by line as {@link decodeLegacyFont} reads it. The one
 * giving more Vietnamese letters and fewer leftovers wins.
 */
export function codePageOf(bytes: Uint8Array): "windows-1252" | "windows-1258" {
  const score = (text: string) =>
    (text.match(VIETNAMESE_LETTER)?.length ?? 0) - 2 * (text.match(LEFT_OVER)?.length ?? 0);
  const vietnamese = new TextDecoder("windows-1258").decode(bytes).normalize("NFC");
  const latin = new TextDecoder("windows-1252")
    .decode(bytes)
    .split("\n")
    .map((line) => decodeLegacyFont(line))
    .join("\n");
  return score(vietnamese) > score(latin) ? "windows-1258" : "windows-1252";
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
