/**
 * Vietnamese typed with the input method switched off, so that the keys meant for the marks stay
 * in the text: VNI's digits ("Huye6n5 Na6m5 Nhun2" for "Huyện Nậm Nhùn") or Telex's letters
 * ("Huyeenj Con Cuoong" for "Huyện Con Cuông").
 */

/** A letter being decoded: its plain form, the mark on it (circumflex, breve, horn, stroke) and its case. */
interface Letter {
  base: string;
  mark: "" | "\u0302" | "\u0306" | "\u031b" | "stroke";
  upper: boolean;
  /** Typed as the second of a double vowel ("ooo" for "oo"), not to be doubled again. */
  literal?: boolean;
}

/** A word as decoded, or undefined when its keys do not make a Vietnamese syllable. */
type Decoded = { letters: Letter[]; tone: string } | undefined;

const TONE_OF_VNI: Record<string, string> = {
  "1": "\u0301",
  "2": "\u0300",
  "3": "\u0309",
  "4": "\u0303",
  "5": "\u0323",
};
/** VNI's mark keys: the mark, and the letters it goes on (the last of them typed before it). */
const MARK_OF_VNI: Record<string, { mark: Letter["mark"]; on: string }> = {
  "6": { mark: "\u0302", on: "aeo" },
  "7": { mark: "\u031b", on: "ou" },
  "8": { mark: "\u0306", on: "a" },
  "9": { mark: "stroke", on: "d" },
};
const TONE_OF_TELEX: Record<string, string> = {
  s: "\u0301",
  f: "\u0300",
  r: "\u0309",
  x: "\u0303",
  j: "\u0323",
};

const VOWELS = "aeiouy";

/**
 * A Vietnamese syllable without its marks: an onset, a vowel group, a final. Onsets and finals of
 * the ethnic names in units' names count too ("Krông", "Mlá", "Đắk", "Noong", "Vàl", "Pưh"): two
 * consonants may open a syllable, but not "dd", Telex's đ.
 */
const TELEX_SYLLABLE =
  /^(?:ngh|gi|qu|(?!dd)[bcdghklmnprstvxy]{0,2})(?:uye|uya|uyu|uoi|uou|oai|oay|oeo|ooi|iau|ieu|yeu|ai|ao|au|ay|eo|eu|ey|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ya|ye|a|e|i|o|u|y)(?:ch|ng|nh|[chklmnpt])?$/;

/**
 * A syllable for VNI: consonants, vowels, consonants. Digits cannot be a word's own letters, so the
 * ethnic names' spellings ("Jơ", "Choóng", "Chà Vàl") need no list.
 */
const VNI_SYLLABLE = /^[b-df-hj-np-tv-xz]{0,3}[aeiouy]{1,3}[b-df-hj-np-tv-xz]{0,2}$/;

/** English words of addresses that Telex would read as syllables ("Town" as "Tơn"). */
const ENGLISH_WORDS = new Set(["room", "town"]);

const VNI: Scheme = {
  screen: /\b[a-z]*[aeiouy][a-z]*[1-9]/gi,
  word: /^[A-Za-z][A-Za-z1-9]*[1-9][A-Za-z1-9]*$/,
  read: vniLetters,
  syllable: VNI_SYLLABLE,
  plain: () => false,
};
const TELEX: Scheme = {
  screen: /\b[a-z]*(?:dd|aa|ee|oo|w|[aeiouy][a-z]*[sfrxj])/gi,
  // Two letters or more, with a mark's keys or a tone's after a vowel.
  word: /^(?=[A-Za-z]{2,}$).*(?:dd|aa|ee|oo|w|[aeiouy].*[sfrxj])/i,
  read: telexLetters,
  syllable: TELEX_SYLLABLE,
  // In Telex "oo" is ô ("Coong" is Công); a name's own "oo" ("Noong") is typed "ooo".
  plain: (word) => (TELEX_SYLLABLE.test(word) && !word.includes("oo")) || ENGLISH_WORDS.has(word),
};

/**
 * The text with its words typed in VNI or Telex written with their marks. A text that holds any
 * character beyond printable ASCII (a letter with its marks) is left as it is, and so is one with
 * fewer than two such words of two letters or more, or where they are fewer than a third of those
 * words: "Lô A2" or an English "Town" alone keep their spelling.
 *
 * @example
 * decodeTyping("Xa4 Na6m5 Ha2ng, Huye6n5 Na6m5 Nhun2"); // "Xã Nậm Hàng, Huyện Nậm Nhùn"
 * decodeTyping("Xax Maauj Dduwcs, Huyeenj Con Cuoong"); // "Xã Mậu Đức, Huyện Con Cuông"
 * decodeTyping("Xa Tan Lap, Huyen Dan Phuong"); // unchanged
 */
export function decodeTyping(text: string): string {
  if (/[^ -~\t\r\n]/.test(text)) return text;
  return decodeWith(text, VNI) ?? decodeWith(text, TELEX) ?? text;
}

/** How a scheme's words look, how their keys are read, and what syllables they may make. */
interface Scheme {
  /** Finds the words that may be typed in the scheme, all over a text: fewer than two, nothing to do. */
  screen: RegExp;
  word: RegExp;
  read: (word: string) => Decoded;
  /** What the decoded letters must spell. */
  syllable: RegExp;
  /** A word that is already a syllable as typed ("Con"): its keys mark nothing. */
  plain: (word: string) => boolean;
}

function decodeWith(text: string, scheme: Scheme): string | undefined {
  if ((text.match(scheme.screen)?.length ?? 0) < 2) return undefined;
  const written = new Map<string, string | undefined>();
  let words = 0;
  let decoded = 0;
  for (const word of text.match(/[A-Za-z0-9]+/g) ?? []) {
    if (!written.has(word)) written.set(word, scheme.word.test(word) ? syllableOf(scheme, word) : undefined);
    if (word.replace(/[0-9]/g, "").length < 2) continue;
    words++;
    if (written.get(word) !== undefined) decoded++;
  }
  if (decoded < 2 || decoded * 3 < words) return undefined;
  return text.replace(/[A-Za-z0-9]+/g, (word) => written.get(word) ?? word);
}

/** VNI: 1–5 the tones, 6 the circumflex, 7 the horn, 8 the breve, 9 the stroke of đ. */
function vniLetters(word: string): Decoded {
  const letters: Letter[] = [];
  let tone = "";
  for (const key of word) {
    const toneMark = TONE_OF_VNI[key];
    if (toneMark) {
      if (tone) return undefined;
      tone = toneMark;
      continue;
    }
    const mark = MARK_OF_VNI[key];
    if (mark) {
      const target = lastUnmarked(letters, mark.on);
      if (!target) return undefined;
      markLetter(letters, target, mark.mark);
      continue;
    }
    letters.push(letterOf(key));
  }
  return { letters, tone };
}

/** Telex: s f r x j the tones (after a vowel), aa ee oo the circumflex, aw ow uw the breve and horn, dd đ. */
function telexLetters(word: string): Decoded {
  const letters: Letter[] = [];
  let tone = "";
  for (const key of word) {
    const low = key.toLowerCase();
    const previous = letters.at(-1);
    const toneMark = TONE_OF_TELEX[low];
    if (toneMark && letters.some((l) => VOWELS.includes(l.base))) {
      if (tone) return undefined;
      tone = toneMark;
    } else if (low === "d" && previous?.base === "d" && letters.length === 1 && !previous.mark) {
      previous.mark = "stroke";
    } else if ("aeo".includes(low) && previous?.base === low && !previous.mark && !previous.literal) {
      previous.mark = "\u0302";
    } else if ("aeo".includes(low) && previous?.base === low && previous.mark === "\u0302") {
      // A third key takes the mark back: "ooo" is "oo".
      previous.mark = "";
      letters.push({ ...letterOf(key), literal: true });
    } else if (low === "w") {
      const target = lastUnmarked(letters, "aou");
      if (target) markLetter(letters, target, target.base === "a" ? "\u0306" : "\u031b");
      else letters.push({ base: "u", mark: "\u031b", upper: key !== low });
    } else letters.push(letterOf(key));
  }
  return { letters, tone };
}

function letterOf(key: string): Letter {
  const base = key.toLowerCase();
  return { base, mark: "", upper: key !== base };
}

function lastUnmarked(letters: Letter[], bases: string): Letter | undefined {
  for (let i = letters.length - 1; i >= 0; i--) {
    const letter = letters[i] as Letter;
    if (bases.includes(letter.base) && !letter.mark) return letter;
  }
  return undefined;
}

/** Marks a letter; the horn on the o of "uo" goes on its u too ("ươ"), but not after q ("quơ"). */
function markLetter(letters: Letter[], target: Letter, mark: Letter["mark"]): void {
  target.mark = mark;
  const at = letters.indexOf(target);
  const before = letters[at - 1];
  const onset = letters[at - 2]?.base === "q";
  if (mark === "\u031b" && target.base === "o" && before?.base === "u" && !before.mark && !onset)
    before.mark = mark;
}

/**
 * The decoded word written out, when it is a Vietnamese syllable that the keys changed and the
 * keys alone are not one ("Con", "Xoong" stay).
 */
function syllableOf(scheme: Scheme, word: string): string | undefined {
  const decoded = scheme.read(word);
  if (!decoded) return undefined;
  const { letters, tone } = decoded;
  if (!tone && letters.every((l) => !l.mark && !l.literal)) return undefined;
  const plain = letters.map((l) => l.base).join("");
  if (!scheme.syllable.test(plain) || scheme.plain(word.toLowerCase())) return undefined;
  // Closed by c, ch, k, p or t, a syllable takes only the acute or the dot below.
  if (/(?:c|ch|k|p|t)$/.test(plain) && tone && tone !== "\u0301" && tone !== "\u0323") return undefined;
  const toned = toneIndex(letters);
  const allUpper = letters.length > 1 && letters.every((l) => l.upper);
  return letters
    .map((letter, i) => {
      const upper = allUpper || letter.upper;
      if (letter.mark === "stroke") return upper ? "Đ" : "đ";
      const written = letter.base + letter.mark + (i === toned ? tone : "");
      return (upper ? written.toUpperCase() : written).normalize("NFC");
    })
    .join("");
}

/**
 * Which letter carries the tone: the last vowel with a mark ("ườ", "iệ"); else the only vowel; else
 * the last when a consonant closes the syllable ("oán"); else the middle of three ("oài"); else the
 * second of oa, oe, uy ("hoà") and the first of other pairs ("hài"). The u of "qu" and the i of "gi"
 * before a vowel belong to the consonant.
 */
function toneIndex(letters: Letter[]): number {
  const bases = letters.map((l) => l.base).join("");
  let start = bases.search(/[aeiouy]/);
  if (/^(?:qu|gi)[aeiouy]/.test(bases)) start = 2;
  let end = start;
  while (end < bases.length && VOWELS.includes(bases.charAt(end))) end++;
  let marked = -1;
  for (let i = start; i < end; i++) if ((letters[i] as Letter).mark) marked = i;
  if (marked >= 0) return marked;
  const group = bases.slice(start, end);
  if (group.length === 1) return start;
  if (end < bases.length) return end - 1;
  if (group.length === 3) return start + 1;
  return /^(?:oa|oe|uy)$/.test(group) ? start + 1 : start;
}
