/**
 * Splits free text into word tokens that keep their place in the input, each with a loose form
 * (lower case, no diacritics) for matching and an exact form (lower case, tone marks folded) to
 * tell "Hòa" from "Hóa" when the writer typed diacritics.
 */
import { foldToneMarks, MAY_NEED_FOLDING } from "../text/normalize.ts";
import type { Designation } from "./aliases.ts";

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
  /** A dash precedes it ("Xã Tứ Xã - Lâm Thao"): the words before are another name's. */
  dashBefore: boolean;
  /**
   * The break before it is line breaks and spaces only: a name may go on across it, as text taken
   * from a PDF wraps it ("Xã Nghĩa\nLộc").
   */
  lineBreakOnly: boolean;
  /**
   * A colon precedes it: it opens a form's field ("Địa chỉ: Số 5 Lê Lợi") as a part would, though a
   * label's designation still names it ("Quận/Huyện: Hoà An").
   */
  colonBefore: boolean;
  /** The word's forms, shared by every token spelled the same way. */
  word: Word;
}

/** The forms of one lower-case spelling; one object per spelling, reused across inputs. */
export interface Word {
  loose: string;
  exact: string;
  marked: boolean;
  /** Digits only. */
  numeric: boolean;
  /**
   * Cache slots for the name index that last looked the word up and the ids it gave the loose and
   * exact forms (-1: in no name): saves string-keyed lookups per word and address.
   */
  lookedUpBy: object | undefined;
  looseId: number;
  exactId: number;
  /** The designations whose first word this is (null: none; undefined: not looked up yet). */
  designations: readonly Designation[] | null | undefined;
  /** Opens a street's or a hamlet's name ("đường", "thôn"; undefined: not looked up yet). */
  opensStreet: boolean | undefined;
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
  if (lowerIfPlain(input)) return { text: input, tokens: tokensOf(input) };
  const text = input.normalize("NFC");
  let lower = text.toLowerCase();
  if (lower.length !== text.length) lower = text;
  codesOf(lower);
  return { text, tokens: tokensOf(lower) };
}

/** Lower-case char codes of the text being tokenized (grown as needed; one tokenizer runs at a time). */
let CODES = new Uint16Array(1024);

function reserve(length: number): void {
  if (CODES.length < length) CODES = new Uint16Array(Math.max(length, CODES.length * 2));
}

/** Marks a char whose lower case is not one char: the whole text takes the slow path. */
const NOT_ONE_CHAR = 0xffff;

/** Lower case of each char below U+1EFA (one char), by char code. */
const LOWER = buildLowerTable();

function buildLowerTable(): Uint16Array {
  const table = new Uint16Array(0x1efa);
  // Only the chars that lowerIfPlain lets through (the rest take the slow path before a lookup).
  const set = (code: number) => {
    const lower = String.fromCharCode(code).toLowerCase();
    table[code] = lower.length === 1 ? lower.charCodeAt(0) : NOT_ONE_CHAR;
  };
  for (let code = 0; code < 0x300; code++) set(code);
  for (let code = 0x1ea0; code < 0x1efa; code++) set(code);
  return table;
}

/**
 * Fills CODES with the lower case of `text` when every char is below the combining marks (U+0300)
 * or a precomposed Vietnamese letter (U+1EA0–U+1EF9): such text is NFC already, and lowering it char
 * by char costs less than normalize() and toLowerCase(), which leave the JavaScript engine's fast
 * path on two-byte strings. False for any other text.
 */
function lowerIfPlain(text: string): boolean {
  const n = text.length;
  reserve(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1ea0 || c > 0x1ef9)) return false;
    const lower = LOWER[c] as number;
    if (lower === NOT_ONE_CHAR) return false;
    CODES[i] = lower;
  }
  return true;
}

function codesOf(lower: string): void {
  reserve(lower.length);
  for (let i = 0; i < lower.length; i++) CODES[i] = lower.charCodeAt(i);
}

/** The tokens of `source`, whose lower-case char codes are in CODES. */
function tokensOf(source: string): Token[] {
  const codes = CODES;
  const tokens: Token[] = [];
  let pendingBreak = false;
  let pendingLine = false;
  let pendingMark = false;
  let pendingDash = false;
  let pendingColon = false;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const code = codes[i] as number;
    if (!isWordCode(code, source, i)) {
      if (isHardBreak(code)) {
        pendingBreak = true;
        if (code === 10 || code === 13) pendingLine = true;
        else pendingMark = true;
      } else if (code === 45 || code === 0x2013 || code === 0x2014) pendingDash = true;
      else if (code !== 32 && code !== 0xa0) {
        pendingMark = true;
        if (code === 58) pendingColon = true;
      }
      i++;
      continue;
    }
    const start = i;
    let previousWasDigit = -1; // -1 unknown, 0 letter, 1 digit
    let hash = FNV_OFFSET;
    while (i < n) {
      const c = codes[i] as number;
      if (!isWordCode(c, source, i)) break;
      const digit = c >= 48 && c <= 57 ? 1 : 0;
      if (previousWasDigit === 0 && digit === 1) break; // "p1" → "p", "1"
      if (c !== 39 && c !== 0x2019) previousWasDigit = digit;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      i++;
    }
    let word = WORDS.find(codes, start, i, hash);
    if (word === undefined) {
      const spelling = spellingOf(codes, start, i);
      word = wordOf(spelling, previousWasDigit === 1);
      if (i - start <= 40) WORDS.add(hash, spelling, word);
    }
    if (!word) continue;
    tokens.push({
      start,
      end: i,
      loose: word.loose,
      exact: word.exact,
      marked: word.marked,
      breakBefore: pendingBreak && tokens.length > 0,
      dashBefore: pendingDash && tokens.length > 0,
      lineBreakOnly: pendingLine && !pendingMark && !pendingDash && tokens.length > 0,
      colonBefore: pendingColon,
      word,
    });
    pendingColon = false;
    pendingBreak = false;
    pendingLine = false;
    pendingMark = false;
    pendingDash = false;
  }
  return tokens;
}

function spellingOf(codes: Uint16Array, start: number, end: number): string {
  let spelling = "";
  for (let from = start; from < end; from += 4096)
    spelling += String.fromCharCode.apply(null, codes.subarray(from, Math.min(end, from + 4096)) as never);
  return spelling;
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

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The word cache starts with this many slots and doubles up to the most, where it starts again. */
const WORD_CACHE_FIRST_SIZE = 1 << 12;
const WORD_CACHE_MOST_SIZE = 1 << 17;

/**
 * Words by spelling: addresses repeat the same few thousand words. An open-addressing table keyed
 * by a hash the tokenizer computes as it scans, so a known word costs no string slice or hashing.
 * It grows as words come, staying small (and in the processor's cache) for the usual few thousand;
 * at its largest, when half full, it starts again, which bounds its memory on endless distinct input.
 */
class WordCache {
  /** Hash of the spelling in each slot; 0 marks an empty slot. */
  private hashes = new Int32Array(WORD_CACHE_FIRST_SIZE);
  private spellings = new Array<string>(WORD_CACHE_FIRST_SIZE).fill("");
  private words = new Array<Word | null>(WORD_CACHE_FIRST_SIZE).fill(null);
  private mask = WORD_CACHE_FIRST_SIZE - 1;
  private count = 0;

  /** The word spelled by codes[start, end), or undefined when not cached. */
  find(codes: Uint16Array, start: number, end: number, hash: number): Word | null | undefined {
    const key = hash === 0 ? 1 : hash;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = this.hashes[slot] as number;
      if (found === 0) return undefined;
      if (found !== key) continue;
      const spelling = this.spellings[slot] as string;
      if (spelling.length === end - start && spells(codes, start, spelling))
        return this.words[slot] as Word | null;
    }
  }

  add(hash: number, spelling: string, word: Word | null): void {
    if (this.count >= this.hashes.length / 2) this.makeRoom();
    this.put(hash === 0 ? 1 : hash, spelling, word);
    this.count++;
  }

  private put(key: number, spelling: string, word: Word | null): void {
    const mask = this.mask;
    let slot = key & mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = key;
    this.spellings[slot] = spelling;
    this.words[slot] = word;
  }

  /** Doubles the table, or empties it at its largest. */
  private makeRoom(): void {
    const { hashes, spellings, words } = this;
    const size = Math.min(hashes.length * 2, WORD_CACHE_MOST_SIZE);
    this.hashes = new Int32Array(size);
    this.spellings = new Array<string>(size).fill("");
    this.words = new Array<Word | null>(size).fill(null);
    this.mask = size - 1;
    if (size === hashes.length) {
      this.count = 0;
      return;
    }
    for (let slot = 0; slot < hashes.length; slot++)
      if (hashes[slot] !== 0)
        this.put(hashes[slot] as number, spellings[slot] as string, words[slot] as Word | null);
  }
}

/** True when codes from `start` begin with `spelling`. */
function spells(codes: Uint16Array, start: number, spelling: string): boolean {
  for (let k = 0; k < spelling.length; k++) if (codes[start + k] !== spelling.charCodeAt(k)) return false;
  return true;
}

const WORDS = new WordCache();

/** Words of numbers written in digits ("12"), made for spelled-out numbers ({@link numberWord}). */
const NUMBER_WORDS = new Map<number, Word>();

/** The word of a number as digits, one object per number. */
export function numberWord(value: number): Word {
  let word = NUMBER_WORDS.get(value);
  if (!word) {
    word = wordOf(String(value), true) as Word;
    NUMBER_WORDS.set(value, word);
  }
  return word;
}

/** The forms of one lower-case spelling. */
function wordOf(spelling: string, endsInDigit: boolean): Word | null {
  const folded = MAY_NEED_FOLDING.test(spelling) ? foldToneMarks(spelling) : spelling;
  const letters = folded.length === spelling.length ? folded : spelling;
  let loose = "";
  let exact = "";
  let marked = false;
  for (let k = 0; k < letters.length; k++) {
    const c = letters[k] as string;
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
  if (endsInDigit && loose.length > 1 && loose.startsWith("0")) {
    // "P.01" → 1, "Cát Tiên 03" → 3 (the exact form too: a name written with diacritics compares it)
    loose = loose.replace(/^0+(?=\d)/, "");
    exact = exact.replace(/^0+(?=\d)/, "");
  }
  if (loose.length === 0) return null;
  if (FINAL_Y.test(loose)) exact = exact.slice(0, -1) + (I_OF_Y.get(exact.at(-1) as string) ?? "i");
  return {
    loose,
    exact,
    marked,
    numeric: isNumeric(loose),
    lookedUpBy: undefined,
    looseId: -1,
    exactId: -1,
    designations: undefined,
    opensStreet: undefined,
  };
}

/**
 * A syllable ending in "y" after a single consonant or "qu", which is spelled with "i" as well: "Phú
 * Quí" in the 2025-06-30 list, "Phú Quý" on most addresses; "Kì Anh" / "Kỳ Anh", "Mĩ" / "Mỹ". The
 * exact form of such a word takes the "i" spelling, so that the tone still tells "Quỳ" from "Quý";
 * the loose form is kept (a misspelling is measured against it), and the name index holds names
 * under both loose spellings ({@link otherIOrY}).
 */
const I_OR_Y_ONSET = "(?:qu|[dhklmnstvx])";
const FINAL_Y = new RegExp(`^${I_OR_Y_ONSET}y$`);
const I_OF_Y = new Map([..."yýỳỷỹỵ"].map((y, k) => [y, "iíìỉĩị"[k] as string]));

function isNumeric(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The loose key of a name: its tokens joined by one space ("Bà Rịa - Vũng Tàu" → "ba ria vung tau"). */
export function tokenKey(name: string): string {
  return tokenize(name)
    .tokens.map((t) => t.loose)
    .join(" ");
}

/** A name's loose key without spaces ("Tân Lập" → "tanlap"): how aliases and typos compare names. */
export function compactKey(name: string): string {
  return tokenKey(name).replaceAll(" ", "");
}

/** The exact words of a name (tone-folded, lower case, without punctuation). */
export function exactWordsOf(name: string): string[] {
  return tokenize(name).tokens.map((t) => t.exact);
}

const ROMAN_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/**
 * A name with its closing number, up to ten, written the other way, Roman or Arabic ("Tam Xuân I" →
 * "Tam Xuân 1", "Mỹ Đình 1" → "Mỹ Đình I", "I" → "1"), as people write either; undefined for a name
 * that closes with neither. Only capitals count as Roman ("Vi" is a syllable).
 */
export function otherNumeral(name: string): string | undefined {
  const space = name.lastIndexOf(" ");
  const last = name.slice(space + 1);
  const roman = ROMAN_NUMERALS.indexOf(last);
  const other =
    roman >= 0
      ? String(roman + 1)
      : /^(?:[1-9]|10)$/.test(last)
        ? ROMAN_NUMERALS[Number(last) - 1]
        : undefined;
  // Ward 10 alone is not also "x", which is mostly the "x." of "x. Tân Lập" (xã).
  if (other === undefined || (space < 0 && other === "X")) return undefined;
  return name.slice(0, space + 1) + other;
}

/**
 * A loose key with "i" and "y" swapped where they end a syllable after a single consonant or "qu"
 * (see FINAL_Y); the key itself when it has no such syllable.
 *
 * @example
 * otherIOrY("phu qui"); // "phu quy"
 */
export function otherIOrY(key: string): string {
  if (!I_OR_Y_SYLLABLE.test(key)) return key;
  return key
    .split(" ")
    .map((word) => (I_OR_Y_WORD.test(word) ? word.slice(0, -1) + (word.endsWith("i") ? "y" : "i") : word))
    .join(" ");
}

const I_OR_Y_WORD = new RegExp(`^${I_OR_Y_ONSET}[iy]$`);
const I_OR_Y_SYLLABLE = new RegExp(`(?:^| )${I_OR_Y_ONSET}[iy](?: |$)`);
