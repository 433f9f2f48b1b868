/**
 * Ward and district numbers spelt out in words ("Phường Mười Hai", "Quận Tư", "Phuong Bay"), read as
 * their digits: only after a ward's or a district's designation, and only when the words are the
 * whole name (no unit of those kinds is named by such words; "Xã Ba" and "Xã Tư" are communes' names).
 */
import { removeDiacritics } from "../text/normalize.ts";
import { designationsStartingWith, fitsDesignation, opensPart } from "./resolve.ts";
import { numberWord, type Token } from "./tokenize.ts";

/** Designations of the units that bear numbers: wards (phường) and urban districts (quận). */
const NUMBERED = new Set(["phuong", "p", "ph", "f", "quan", "q"]);

/** Digits by word, as written with diacritics; the loose form counts only in text without them. */
const DIGITS = new Map<string, number>([
  ["một", 1],
  ["nhất", 1],
  ["nhứt", 1],
  ["hai", 2],
  ["nhì", 2],
  ["ba", 3],
  ["bốn", 4],
  ["tư", 4],
  ["năm", 5],
  ["sáu", 6],
  ["bảy", 7],
  ["bẩy", 7],
  ["tám", 8],
  ["chín", 9],
]);
/** After "mười" or "mươi": "mốt" (1), "lăm" (5). */
const AFTER_TENS = new Map<string, number>([
  ["mốt", 1],
  ["lăm", 5],
]);
const TENS = new Set(["mười", "mươi"]);
// The digits last: "mot" alone is "một" (1), not "mốt", which only follows the tens ("muoi mot").
const LOOSE = new Map<string, string>(
  [...AFTER_TENS.keys(), ...TENS, ...DIGITS.keys()].map((word) => [removeDiacritics(word), word]),
);

/**
 * Number words that are also common syllables of names without their diacritics ("Phuong Nam" may be
 * a name cut short, "Quan Ba" is Quản Bạ): alone in a text without diacritics, they are a number
 * only on a second reading, when the first finds nothing ({@link spellsSyllableNumber}).
 */
const SYLLABLES = new Set(["hai", "ba", "tu", "nam", "tam", "nhat"]);

/** The largest number read: wards go up to 28, districts to 12. */
const MOST = 30;

/**
 * The tokens, with a number spelt out after a ward's or district's designation as one numeric token;
 * with `syllables`, the words of {@link SYLLABLES} too, alone in a text without diacritics.
 */
export function readSpeltNumbers(tokens: Token[], syllables = false): Token[] {
  let out: Token[] | undefined;
  // Words without diacritics spell numbers only in a text without any: "Nam" of "Phường Nam Thành" is no "năm".
  let plain: boolean | undefined;
  const isPlain = () => {
    plain ??= !tokens.some((t) => t.marked);
    return plain;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const read =
      i > 0 && NUMBERED.has((tokens[i - 1] as Token).loose) && opensPart(tokens, i - 1)
        ? numberAt(tokens, i, isPlain(), syllables)
        : undefined;
    if (!read) {
      out?.push(token);
      continue;
    }
    out ??= tokens.slice(0, i);
    const word = numberWord(read.value);
    const end = (tokens[i + read.length - 1] as Token).end;
    out.push({ ...token, end, loose: word.loose, exact: word.exact, marked: false, word });
    i += read.length - 1;
  }
  return out ?? tokens;
}

/** True when a word of {@link SYLLABLES} follows a ward's or district's designation: a second reading may differ. */
export function spellsSyllableNumber(tokens: Token[]): boolean {
  return tokens.some(
    (token, i) =>
      i > 0 && SYLLABLES.has(token.loose) && !token.marked && NUMBERED.has((tokens[i - 1] as Token).loose),
  );
}

/** The number spelt by the words from `i` to the end of their part, and how many words it took. */
function numberAt(
  tokens: Token[],
  i: number,
  plain: boolean,
  syllables: boolean,
): { value: number; length: number } | undefined {
  if ((tokens[i] as Token).breakBefore) return undefined;
  const words: string[] = [];
  for (let k = i; k < tokens.length && k < i + 3; k++) {
    const token = tokens[k] as Token;
    if (k > i && token.breakBefore) break;
    const word = numeral(token, plain);
    if (!word) break;
    words.push(word);
  }
  for (let length = words.length; length > 0; length--) {
    // The words are the whole name: the part ends, or the next unit's designation follows.
    const next = i + length;
    // A line break alone may go on with the name ("Phường Hai\nBà Trưng").
    const after = tokens[next];
    if (after && !(after.breakBefore && !after.lineBreakOnly) && !designationAt(tokens, next)) continue;
    if (plain && !syllables && length === 1 && SYLLABLES.has((tokens[i] as Token).loose)) continue;
    const value = numberOf(words.slice(0, length));
    if (value !== undefined && value <= MOST) return { value, length };
  }
  return undefined;
}

/** The number word a token is, as written with diacritics; undefined for any other word. */
function numeral(token: Token, plain: boolean): string | undefined {
  const word = token.exact;
  if (DIGITS.has(word) || AFTER_TENS.has(word) || TENS.has(word)) return word;
  return plain ? LOOSE.get(token.loose) : undefined;
}

/** The value of number words: "sáu" 6, "mười hai" 12, "hai mươi mốt" 21; undefined when they spell none. */
function numberOf(words: string[]): number | undefined {
  const [a, b, c] = words;
  const digit = (word: string | undefined) =>
    word === undefined || word === "nhất" || word === "nhứt" || word === "nhì" ? undefined : DIGITS.get(word);
  const unitAfterTens = (word: string) => AFTER_TENS.get(word) ?? digit(word);
  if (words.length === 1) return DIGITS.get(a as string) ?? (TENS.has(a as string) ? 10 : undefined);
  if (TENS.has(a as string)) {
    const unit = words.length === 2 ? unitAfterTens(b as string) : undefined;
    return unit === undefined ? undefined : 10 + unit;
  }
  const tens = digit(a);
  if (tens === undefined || tens < 2 || !TENS.has(b as string)) return undefined;
  if (words.length === 2) return tens * 10;
  const unit = unitAfterTens(c as string);
  return unit === undefined ? undefined : tens * 10 + unit;
}

/** True when the words from `i` spell a designation, in one part ("Thành phố", not "Thành" of a name). */
function designationAt(tokens: Token[], i: number): boolean {
  return !!designationsStartingWith((tokens[i] as Token).word)?.some(
    // An English designation follows its name ("Quan Ba District"): it ends no name before it.
    (designation) => !designation.english && fitsDesignation(tokens, i, designation),
  );
}
