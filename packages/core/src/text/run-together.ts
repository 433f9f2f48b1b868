/**
 * Words run together with a capital at each word, without diacritics ("XaPhuNhuan,HuyenLucNgan"), as
 * some systems store addresses: split before each capital, in a run of three words or more, or of two
 * after a designation's word ("thonTrung", "TinhBacGiang"). A run of two otherwise is left as it is:
 * some names are written so ("EaBar"), and the reader finds them joined.
 */

const LOWER_THEN_UPPER = /[a-z][A-Z]/;
const FIRST_WORD = /^[A-Z]?[a-z]*$/;
const NEXT_WORD = /^[A-Z][a-z]*$/;

/** First words of a run, in small letters, that make its split sure (a designation's or a hamlet's). */
const OPENERS = new Set([
  "p",
  "q",
  "x",
  "h",
  "f",
  "t",
  "xa",
  "phuong",
  "huyen",
  "quan",
  "tinh",
  "thanhpho",
  "thixa",
  "thitran",
  "tp",
  "tx",
  "tt",
  "thon",
  "xom",
  "ap",
  "khupho",
  "to",
  "ban",
  "duong",
  "pho",
  "ngo",
  "hem",
]);

/**
 * The text with its runs of capitalised words split into words.
 *
 * @example
 * splitRunTogether("XaPhuNhuan,HuyenLucNgan"); // "Xa Phu Nhuan,Huyen Luc Ngan"
 * splitRunTogether("Xã EaBar"); // unchanged
 */
export function splitRunTogether(text: string): string {
  if (!LOWER_THEN_UPPER.test(text)) return text;
  // Runs without diacritics only: words typed in random case ("HUyỆn", "pHƯỚC") are left whole.
  return text.replace(/[\p{L}\p{M}]+/gu, (run) => {
    if (!/^[A-Za-z]+$/.test(run)) return run;
    // A capital before a capitalised word ("QDongDa", "XaARooi") is a word of its own.
    const words = run.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
    if (words.length < 2) return run;
    if (words.length === 2 && !OPENERS.has((words[0] as string).toLowerCase())) return run;
    // Each word after the first a capital and small letters ("Phu", not "NG" of "PhuoNG" in a text
    // typed in random case), as is the first past its own capital ("thon", "Xa", "Q").
    if (!words.every((word, i) => (i === 0 ? FIRST_WORD : NEXT_WORD).test(word))) return run;
    return words.join(" ");
  });
}
