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

const HARD_BREAK = new Set([",", ";", "/", "|", "(", ")", "\n", "\r", "\t"]);

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
  while (i < lower.length) {
    const ch = lower[i] as string;
    if (!isWordChar(ch)) {
      if (HARD_BREAK.has(ch)) pendingBreak = true;
      i++;
      continue;
    }
    const start = i;
    let previousWasDigit: boolean | undefined;
    while (i < lower.length) {
      const c = lower[i] as string;
      if (!isWordChar(c)) break;
      const digit = isDigit(c);
      if (previousWasDigit === false && digit) break; // "p1" → "p", "1"
      if (c !== "'" && c !== "’") previousWasDigit = digit;
      i++;
    }
    const forms = wordForms(lower.slice(start, i), previousWasDigit === true);
    if (!forms) continue;
    const [loose, exact, marked] = forms;
    tokens.push({ start, end: i, loose, exact, marked, breakBefore: pendingBreak && tokens.length > 0 });
    pendingBreak = false;
  }
  return { text, tokens };
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

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

function isWordChar(ch: string): boolean {
  if ((ch >= "a" && ch <= "z") || isDigit(ch) || ch === "'" || ch === "’") return true;
  if (ch < "\u00c0") return false;
  const code = ch.charCodeAt(0);
  return (code < 0x1f00 && LOOSE_CODE[code] !== 0) || /\p{L}/u.test(ch);
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
