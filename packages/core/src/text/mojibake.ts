/**
 * Text saved as UTF-8 and read back as Windows-1252 (or Latin-1), as older databases and CSV exports
 * do: "XÃ£ Thanh TÃ¹ng" for "Xã Thanh Tùng", "Huyá»‡n" for "Huyện". Each run of the text between
 * spaces and separators is turned back into its bytes and decoded as UTF-8; a run that does not decode
 * is left as it is, so that right text is never changed (a Vietnamese word written right, once turned
 * into Windows-1252 bytes, is no valid UTF-8).
 */

/** A lead byte of a Vietnamese letter's UTF-8 form, read as Windows-1252, then a continuation byte. */
const SUSPECT =
  /[\u00c2-\u00c6\u00cc\u00cd\u00e1][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/** Windows-1252's characters for the bytes 0x80–0x9F. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

const BYTE_OF = new Map<string, number>([...CP1252_HIGH].map((char, i) => [char, 0x80 + i]));

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The text with its mis-decoded runs decoded right; the text itself when it holds none.
 *
 * @example
 * repairMojibake("XÃ£ Thanh TÃ¹ng"); // "Xã Thanh Tùng"
 * repairMojibake("XÃ THANH TÙNG"); // unchanged
 */
export function repairMojibake(text: string): string {
  if (!SUSPECT.test(text)) return text;
  // The no-break space of "Ã\u00a0" and "Æ\u00a0" (the bytes of "à" and "Ơ") often became a plain
  // space on the way: "Ã " is that unless capitals stand on both sides ("XÃ THANH" is right;
  // "ThÃ nh", "LÃ o", "HÃ  Ná»™i" are "Thành", "Lào", "Hà Nội"), and "Æ " always is.
  return text
    .replace(/(?<![A-Z])\u00c3 |\u00c3 (?![A-Z\u00c0-\u1ef8])/g, "\u00c3\u00a0")
    .replaceAll("\u00c6 ", "\u00c6\u00a0")
    .replace(/[^\t\n\r ,;|/()]+/g, (run) => decodedRun(run) ?? run);
}

/** The run's characters as bytes, decoded as UTF-8; undefined when they are not UTF-8 bytes. */
function decodedRun(run: string): string | undefined {
  if (!SUSPECT.test(run)) return undefined;
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    // Latin-1 reads bytes 80–9F as control characters, Windows-1252 as letters and signs.
    const byte = code <= 0xff ? code : BYTE_OF.get(run.charAt(i));
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
