/**
 * Vietnamese text normalisation for matching unit names.
 *
 * Sources disagree on Unicode form (NFC/NFD), letter case and tone-mark placement
 * ("Hòa" / "Hoà", "Thủy" / "Thuỷ"); people also type without diacritics. These helpers
 * turn any of those spellings into one comparable key.
 */

const TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323";
// "oa", "oe", "uy" closing a syllable carry the tone on the first vowel in the traditional
// style ("Hòa", "Thủy") and on the second in the newer one ("Hoà", "Thuỷ"). "qu" + "y" is not
// such a pair: in "Quý" the u belongs to the consonant.
const NEW_STYLE_TONE = new RegExp(
  `(?<![qQ])([oO])([aAeE])([${TONE_MARKS}])(?![\\p{L}\\p{M}])|(?<![qQ])([uU])([yY])([${TONE_MARKS}])(?![\\p{L}\\p{M}])`,
  "gu",
);

// Precomposed new-style endings (oà, oé, uỷ …) or any combining mark (NFD input).
export const MAY_NEED_FOLDING = /[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]|[\u0300-\u036f]/;

/**
 * Moves tone marks on the open syllables "oa", "oe", "uy" to the first vowel, so that
 * "Hoà" and "Hòa", "Thuỷ" and "Thủy" compare equal. Returns NFC.
 *
 * @example
 * foldToneMarks("Thanh Hoá") // "Thanh Hóa"
 */
export function foldToneMarks(text: string): string {
  // Fast path for NFC text: most names have no such syllable, and NFD round trips are costly.
  if (!MAY_NEED_FOLDING.test(text)) return text.normalize("NFC");
  return text
    .normalize("NFD")
    .replace(NEW_STYLE_TONE, (_m, o1, a1, t1, u2, y2, t2) => (o1 ? o1 + t1 + a1 : u2 + t2 + y2))
    .normalize("NFC");
}

/**
 * Removes every diacritic, including the stroke of đ/Đ (and of its look-alike ð/Ð, the eth that
 * Windows-1258's Đ becomes when read as Windows-1252).
 *
 * @example
 * removeDiacritics("Đống Đa") // "Dong Da"
 */
export function removeDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đð]/g, "d")
    .replace(/[ĐÐ]/g, "D");
}

/**
 * Words that a line break cut with a hyphen or a soft hyphen, as text taken from a PDF has them
 * ("Xã Sơn Th-\nành Đông" → "Xã Sơn Thành Đông"), joined again. A hyphen before a capital is the
 * name's own ("Phan Rang-\nTháp Chàm"), and stays.
 */
export function joinHyphenatedLines(text: string): string {
  if (!text.includes("\n") && !text.includes("\r")) return text;
  return text.replace(/(\p{Ll})[-\u00ad\u2010][ \t]*(?:\r\n|\n|\r)[ \t]*(?=\p{Ll})/gu, "$1");
}

/**
 * The eth (ð/Ð), which looks like đ/Đ and stands for it in text read with the wrong code page,
 * as đ/Đ ("Ðống Ða" → "Đống Đa").
 */
export function dForEth(text: string): string {
  return text.replace(/[ðÐ]/g, (eth) => (eth === "ð" ? "đ" : "Đ"));
}

/**
 * A key that is equal for two spellings of the same name that differ only in Unicode form,
 * letter case, tone-mark placement, white space or hyphen spacing.
 *
 * @example
 * nameKey("Phường  Yên HOÀ") === nameKey("phường yên hòa") // true
 */
export function nameKey(text: string): string {
  return foldToneMarks(text.normalize("NFC").toLowerCase())
    .replace(/\s*[-–—]\s*/g, " - ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Like {@link nameKey}, without diacritics: "Đống Đa", "dong da" and "DONG  DA" share it.
 *
 * @example
 * looseKey("Phường Đống Đa") // "phuong dong da"
 */
export function looseKey(text: string): string {
  return removeDiacritics(nameKey(text));
}
