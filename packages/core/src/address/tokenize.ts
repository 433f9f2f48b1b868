/**
 * Splits free text into word tokens that keep their place in the input, each with a loose form
 * (lower case, no diacritics) for matching and an exact form (lower case, tone marks folded) to
 * tell "Hòa" from "Hóa" when the writer typed diacritics.
 */
import { foldToneMarks, MAY_NEED_FOLDING } from "../text/normalize.ts";

export interface Token {
  /** Offsets in the NFC input. */
  start: number;
  end: number;
  loose: string;
  exact: string;
  /** The token had at least one diacritic. */
  marked: boolean;
  /** A comma, semicolon, slash, pipe, parenthesis or line break precedes it: a new part of the address. */
  breakBefore: boolean;
}

/** Loose letter (a–z) of each Vietnamese letter with diacritics, by char code; 0 elsewhere. */
const LOOSE_CODE = buildLooseTable();

function buildLooseTable(): Uint8Array {
  const table = new Uint8Array(0x1f00);
  const letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
  for (const letter of letters) {
    const base = letter === "đ" ? "d" : letter.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    table[letter.charCodeAt(0)] = base.charCodeAt(0);
  }
  return table;
}

/**
 * Tokens of a text. Letters followed by digits are split ("p1" → "p", "1"; "q.10" → "q", "10");
 * apostrophes inside a word are dropped from its forms ("H'Leo" → "hleo").
 */
export function tokenize(input: string): { text: string; tokens: Token[] } {
  const text = input.normalize("NFC");
  let lower = text.toLowerCase();
  if (MAY_NEED_FOLDING.test(lower)) {
    const folded = foldToneMarks(lower);
    if (folded.length === lower.length) lower = folded;
  }
  if (lower.length !== text.length) lower = text;
  const tokens: Token[] = [];
  let pendingBreak = false;
  let i = 0;
  const n = lower.length;
  while (i < n) {
    const code = lower.charCodeAt(i);
    if (!isWordCode(code, lower, i)) {
      if (isHardBreak(code)) pendingBreak = true;
      i++;
      continue;
    }
    const start = i;
    let previousWasDigit = -1; // -1 unknown, 0 letter, 1 digit
    while (i < n) {
      const c = lower.charCodeAt(i);
      if (!isWordCode(c, lower, i)) break;
      const digit = c >= 48 && c <= 57 ? 1 : 0;
      if (previousWasDigit === 0 && digit === 1) break; // "p1" → "p", "1"
      if (c !== 39 && c !== 0x2019) previousWasDigit = digit;
      i++;
    }
    const forms = wordForms(lower.slice(start, i), previousWasDigit === 1);
    if (!forms) continue;
    tokens.push({
      start,
      end: i,
      loose: forms[0],
      exact: forms[1],
      marked: forms[2],
      breakBefore: pendingBreak && tokens.length > 0,
    });
    pendingBreak = false;
  }
  return { text, tokens };
}

/** , ; / | ( ) and line breaks and tabs start a new part of the address. */
function isHardBreak(code: number): boolean {
  return (
    code === 44 ||
    code === 59 ||
    code === 47 ||
    code === 124 ||
    code === 40 ||
    code === 41 ||
    code === 10 ||
    code === 13 ||
    code === 9
  );
}

function isWordCode(code: number, text: string, at: number): boolean {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || code === 0x2019)
    return true;
  if (code < 0xc0) return false;
  if (code < 0x1f00 && LOOSE_CODE[code] !== 0) return true;
  return /\p{L}/u.test(text[at] as string);
}

type WordForms = [loose: string, exact: string, marked: boolean];

/** Forms of a lower-case word, cached: addresses repeat the same few thousand words. */
const WORDS = new Map<string, WordForms | null>();

function wordForms(word: string, endsInDigit: boolean): WordForms | null {
  let forms = WORDS.get(word);
  if (forms !== undefined) return forms;
  let loose = "";
  let exact = "";
  let marked = false;
  for (let k = 0; k < word.length; k++) {
    const c = word[k] as string;
    if (c === "'" || c === "’") continue;
    const code = c.charCodeAt(0);
    const plain = code < 0x1f00 ? (LOOSE_CODE[code] as number) : 0;
    if (plain !== 0) {
      marked = true;
      loose += String.fromCharCode(plain);
    } else {
      loose += c;
    }
    exact += c;
  }
  if (endsInDigit && loose.length > 1 && loose.startsWith("0")) loose = loose.replace(/^0+(?=\d)/, ""); // "P.01" → 1
  forms = loose.length === 0 ? null : [loose, exact, marked];
  if (word.length <= 40) {
    if (WORDS.size > 100_000) WORDS.clear();
    WORDS.set(word, forms);
  }
  return forms;
}

/** The loose key of a name: its tokens joined by one space ("Bà Rịa - Vũng Tàu" → "ba ria vung tau"). */
export function tokenKey(name: string): string {
  return tokenize(name)
    .tokens.map((t) => t.loose)
    .join(" ");
}

/** The exact key of a name (tone-folded, lower case, without punctuation). */
export function exactTokenKey(name: string): string {
  return tokenize(name)
    .tokens.map((t) => t.exact)
    .join(" ");
}
