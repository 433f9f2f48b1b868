/**
 * Vietnamese in the font encodings used before Unicode (and in government spreadsheets long after),
 * read back as Windows-1252 or Latin-1 characters:
 * - TCVN3 (ABC, TCVN 5712:1993 VN3), one byte per letter: "Hµ Néi" for "Hà Nội";
 * - VNI-Windows, a letter and then a byte for its marks: "Haø Noäi" for "Hà Nội".
 */

/**
 * The six forms of a vowel, in this order: bare, sắc (acute), huyền (grave), hỏi (hook above), ngã
 * (tilde), nặng (dot below).
 */
const TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];

/**
 * TCVN3's codes for each vowel's six forms, in small letters: a capitals' font (.VnTimeH) shows the
 * same codes as capitals.
 */
const TCVN3_VOWELS: [string, string][] = [
  ["a", "a¸µ¶·¹"],
  ["ă", "¨¾»¼½Æ"],
  ["â", "©ÊÇÈÉË"],
  ["e", "eÐÌÎÏÑ"],
  ["ê", "ªÕÒÓÔÖ"],
  ["i", "iÝ×ØÜÞ"],
  ["o", "oãßáâä"],
  ["ô", "«èåæçé"],
  ["ơ", "¬íêëìî"],
  ["u", "uóïñòô"],
  ["ư", "\u00adøõö÷ù"],
  ["y", "yýúûüþ"],
];

/** TCVN3's letters: the vowels' forms, đ and the capitals it has codes for. */
const TCVN3 = new Map<string, string>([
  ...TCVN3_VOWELS.flatMap(([vowel, codes]) =>
    [...codes].map((code, tone): [string, string] => [code, (vowel + TONES[tone]).normalize("NFC")]),
  ).filter(([code]) => code >= "\u00a0"),
  ["®", "đ"],
  ["¡", "Ă"],
  ["¢", "Â"],
  ["£", "Ê"],
  ["¤", "Ô"],
  ["¥", "Ơ"],
  ["¦", "Ư"],
  ["§", "Đ"],
]);

/** VNI's letters of one code: ơ, ư, đ and the i and y forms it does not write as a vowel and a mark. */
const VNI_LETTERS = new Map<string, string>([
  ["ô", "ơ"],
  ["ö", "ư"],
  ["ñ", "đ"],
  ["í", "í"],
  ["ì", "ì"],
  ["æ", "ỉ"],
  ["ó", "ĩ"],
  ["ò", "ị"],
  ["î", "ỵ"],
]);

/** VNI's codes after a vowel: the shape they give (circumflex, breve or none) and the tone. */
const VNI_MARKS = new Map<string, { shape: string; tone: string }>([
  ...[..."øùûõï"].map((code): [string, { shape: string; tone: string }] => [
    code,
    { shape: "", tone: TONES["ùøûõï".indexOf(code) + 1] as string },
  ]),
  ...[..."âáàåãä"].map((code, i): [string, { shape: string; tone: string }] => [
    code,
    { shape: "\u0302", tone: TONES[i] as string },
  ]),
  ...[..."êéèúüë"].map((code, i): [string, { shape: string; tone: string }] => [
    code,
    { shape: "\u0306", tone: TONES[i] as string },
  ]),
]);

/**
 * The Latin-1 letters and signs Vietnamese written in Unicode never holds (all but the 34 Vietnamese
 * letters among them), as the body of a character class: these encodings put one in nearly every
 * marked word, and a wrong code page leaves them behind.
 */
export const LATIN1_NOT_VIETNAMESE =
  "\\u00a1-\\u00bf\\u00c4-\\u00c7\\u00cb\\u00ce-\\u00d1\\u00d6-\\u00d8\\u00db\\u00dc\\u00de-\\u00df\\u00e4-\\u00e7\\u00eb\\u00ee-\\u00f1\\u00f6-\\u00f8\\u00fb\\u00fc\\u00fe";

const LEGACY_SIGN = new RegExp(`[${LATIN1_NOT_VIETNAMESE}]`);

/** A character neither encoding makes: a Vietnamese letter of Unicode's own, a CJK character… */
const BEYOND_LEGACY = /[^\t\n\r -\u00ff\u2000-\u206f\u20ac\u2122]/;

/** A word as these encodings write it: ASCII and Latin-1 letters and signs. */
const WORD = /[A-Za-z\u00a1-\u00ff]+/g;

/**
 * A syllable, its tone left out: an onset (two or three consonants too, for the ethnic names of
 * units: "Krông", "Mlá"), a Vietnamese vowel group and a final ("Đắk", "Vàl", "Pưh" too).
 */
const SYLLABLE = new RegExp(
  "^(?:ngh|gi|qu|[bcdđfghjklmnpqrstvwxyz]{0,3})" +
    "(?:iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|" +
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ôô|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ưu|ươ|uy|ya|yê|" +
    "[aăâeêioôơuưy])" +
    "(?:ch|ng|nh|[chklmnpt])?$",
);

/**
 * The text with its words in TCVN3 or VNI-Windows written in Unicode. A text holding a character
 * neither makes (any Vietnamese letter of Unicode's own, "ộ", "ư") is left as it is. Otherwise the
 * encoding is taken that reads the most of the words holding Latin-1 letters or signs as
 * Vietnamese, when it reads four in five of them as Vietnamese letters and half as syllables (the
 * rest may be ethnic names: "Sơmei", "Lêê"), mends a word that is no Vietnamese as written ("Hµ")
 * into a syllable and spoils none that is. Latin-1 alone spells "Hòa Bình", which TCVN3 would read
 * as "Hũa Bỡnh": without a word to mend, the text stays; so does "Müller Straße".
 *
 * @example
 * // TCVN3 (its ư is the soft hyphen):
 * decodeLegacyFont("Ph\u00adêng Phóc X¸, QuËn Ba §×nh, Hµ Néi"); // "Phường Phúc Xá, Quận Ba Đình, Hà Nội"
 * // VNI-Windows:
 * decodeLegacyFont("Xaõ Thanh Tuøng, Huyeän Thanh Mieän"); // "Xã Thanh Tùng, Huyện Thanh Miện"
 */
export function decodeLegacyFont(text: string): string {
  if (!LEGACY_SIGN.test(text) || BEYOND_LEGACY.test(text)) return text;
  const touched = [...new Set(text.match(WORD) ?? [])].filter((word) => /[\u00a1-\u00ff]/.test(word));
  const vietnamese = new Set(touched.filter((word) => !LEGACY_SIGN.test(word) && lettersScore(word) > 0));
  const capitals = !/[a-z]/.test(text);
  let best: { words: Map<string, string>; score: number } | undefined;
  for (const read of [readTcvn3, readVni]) {
    const words = new Map<string, string>();
    let score = 0;
    let syllables = 0;
    let mended = 0;
    let spoilt = 0;
    for (const word of touched) {
      const letters = read(word);
      const letterScore = lettersScore(letters);
      if (letterScore === 0) {
        if (vietnamese.has(word)) spoilt++;
        continue;
      }
      words.set(word, capitals ? letters.toUpperCase() : letters);
      score += letterScore;
      if (letterScore === 2) syllables++;
      if (letterScore === 2 && !vietnamese.has(word) && /[A-Za-z]/.test(word)) mended++;
    }
    const convincing =
      mended > 0 && spoilt === 0 && words.size * 5 >= touched.length * 4 && syllables * 2 >= touched.length;
    if (convincing && score > (best?.score ?? 0)) best = { words, score };
  }
  if (!best) return text;
  const { words } = best;
  return text.replace(WORD, (word) => words.get(word) ?? word);
}

function readTcvn3(word: string): string {
  let letters = "";
  for (const char of word) letters += TCVN3.get(char) ?? char;
  return letters;
}

function readVni(word: string): string {
  let letters = "";
  for (const char of word) {
    const mark = VNI_MARKS.get(char.toLowerCase());
    const vowel = letters.at(-1)?.normalize("NFD");
    if (mark && vowel && canTake(vowel, mark.shape)) {
      letters = letters.slice(0, -1) + (vowel + mark.shape + mark.tone).normalize("NFC");
      continue;
    }
    const letter = VNI_LETTERS.get(char.toLowerCase());
    letters += letter ? (char === char.toLowerCase() ? letter : letter.toUpperCase()) : char;
  }
  return letters;
}

/** True when a vowel (decomposed) may take a VNI mark of this shape: it bears no tone yet. */
function canTake(vowel: string, shape: string): boolean {
  const base = vowel.charAt(0).toLowerCase();
  const marks = vowel.slice(1);
  if (!"aeiouy".includes(base) || /[\u0300\u0301\u0303\u0309\u0323]/.test(marks)) return false;
  if (shape === "\u0302") return "aeo".includes(base) && marks === "";
  if (shape === "\u0306") return base === "a" && marks === "";
  return true;
}

/**
 * How well letters read as Vietnamese: 2 for a syllable, 1 for Vietnamese letters with one tone at
 * most (the ethnic names of units: "Sơmei", "Lêê", "Krêy"), 0 for anything else.
 */
function lettersScore(letters: string): number {
  const parts = letters.toLowerCase().normalize("NFD");
  if (!/^(?:[a-zđ][\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]{0,2})+$/.test(parts)) return 0;
  if ((parts.match(/[\u0300\u0301\u0303\u0309\u0323]/g)?.length ?? 0) > 1) return 0;
  if (/[\u0302\u0306\u031b][\u0300\u0301\u0303\u0309\u0323]?[\u0302\u0306\u031b]/.test(parts)) return 0;
  const shaped = parts.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").normalize("NFC");
  return SYLLABLE.test(shaped) ? 2 : 1;
}
