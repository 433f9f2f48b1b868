/**
 * Finds the units an address names. Every span of up to a few words is looked up in the name
 * index; each hit is scored (a designation such as "phường" before it, matching diacritics, its
 * place in the address); then the best consistent chain commune ⊂ district ⊂ province wins.
 */
import type { Unit } from "../data/records.ts";
import type { UnitLevel } from "../units/kinds.ts";
import { pushTo } from "../util/multimap.ts";
import { COUNTRY, DESIGNATIONS, type Designation } from "./aliases.ts";
import type { AddressIndex, IndexEntry, IndexedUnit, TrieNode } from "./name-index.ts";
import { type Token, tokenize, type Word } from "./tokenize.ts";

export interface Hit {
  indexed: IndexedUnit;
  /** Token range [start, end). */
  start: number;
  end: number;
  score: number;
  typo: boolean;
  /** Its designation is of a kind the unit had before, not of its last ("Xã" for a phường since 2021). */
  earlierKind: boolean;
  /** Read from its words run together or split otherwise ("KỳBắc", "Iatô"): no misspelling. */
  joined?: boolean;
}

export interface Chain {
  commune?: Hit;
  district?: Hit;
  province?: Hit;
  score: number;
}

const BASE: Record<UnitLevel, number> = { commune: 10, district: 6, province: 6 };
const TYPO_PENALTY = 3;
const JOINED_PENALTY = 1;
const DISTRICT_AS_COMMUNE_PENALTY = 4;
const EARLIER_KIND_FIT = 1.5;
const STREET_PENALTY = 3;
/** A commune named as a landmark's ("cạnh UBND xã B") is likelier not the address's own. */
const LANDMARK_PENALTY = 3;
const OTHER_PROVINCE_PENALTY = 3;
const INITIALS_PENALTY = 1;
const CUT_NAME_PENALTY = 2;
const OTHER_DISTRICT_PENALTY = 3;
/**
 * A commune read from part of a district's or a province's name ("Lat" of "Da Lat", Xã Lát; "Từ Liêm"
 * of "Phường Nam Từ Liêm"): the words name the larger unit, whose name alone names no commune.
 */
const INSIDE_UPPER_NAME_PENALTY = 6;
/** True for "12", "12a", "12b": the last token of a house number ("5/3" ends with "3"). */
function isHouseNumber(word: string): boolean {
  let digits = 0;
  while (digits < word.length && word.charCodeAt(digits) >= 48 && word.charCodeAt(digits) <= 57) digits++;
  if (digits === 0) return false;
  if (digits === word.length) return true;
  const last = word.charCodeAt(digits);
  return digits === word.length - 1 && last >= 97 && last <= 122;
}
/** A unit not in force on the day the caller says the address was written. */
const NOT_THEN_PENALTY = 4;
/** A unit that ended before 2025-06-30, when the day of writing is not known: later units are likelier. */
const PAST_PENALTY = 0.5;

/** True when the words from `start` are written exactly (with diacritics) as `words`. */
function writtenAs(tokens: Token[], start: number, words: string[] | undefined): boolean {
  if (!words) return true;
  for (let w = 0; w < words.length; w++) if (tokens[start + w]?.exact !== words[w]) return false;
  return true;
}

/** Where the designations of a text are. */
export interface Designations {
  /** The designation ending just before each token (index: the token after it). */
  before: (Designation | undefined)[];
  /** The English designation following a name and starting at each token ("Ba Đình District"). */
  after: (Designation | undefined)[];
  /** The tokens that are part of a designation. */
  isDesignation: boolean[];
  /**
   * Tokens of words that name no unit, not even misspelled ("xã hội", society; "Công an", police): the
   * misspelling search passes them by. Empty when none.
   */
  nameless: boolean[];
}

/** Finds the designations of a text. */
export function findDesignations(tokens: Token[]): Designations {
  const before: (Designation | undefined)[] = new Array(tokens.length + 1).fill(undefined);
  // English designations after a name are rare: the array is made when one is found.
  let after: (Designation | undefined)[] = NO_DESIGNATIONS;
  const isDesignation: boolean[] = new Array(tokens.length).fill(false);
  const nameless: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const starting = designationsStartingWith((tokens[i] as Token).word);
    if (!starting) continue;
    for (const designation of starting) {
      if (!fitsDesignation(tokens, i, designation)) continue;
      const words = designation.words;
      if (designation.english && followsName(tokens, i)) {
        if (after === NO_DESIGNATIONS) after = new Array(tokens.length + 1).fill(undefined);
        after[i] = designation;
      } else {
        // A designation names words after it in the same part of the address: "Tinh" ending a part
        // ("Thanh pho Ha Tinh, Ha Tinh") is a syllable of the name before it.
        const next = tokens[i + words.length];
        if (!next || next.breakBefore) continue;
        // "Lac Long Quan St.": the end of a street's name before an English street's word, no "Quận".
        if (ENGLISH_STREET_WORDS.has(next.loose)) continue;
        // "xã hội" names nothing: neither it nor its "hội" is read, not even as a misspelled name.
        if (words.length === 1 && words[0] === "xa" && namesSociety(tokens, i + 1)) {
          nameless[i] = nameless[i + 1] = true;
          i++;
          break;
        }
        before[i + words.length] = designation;
      }
      for (let w = 0; w < words.length; w++) isDesignation[i + w] = true;
      i += words.length - 1; // "xã" of "thị xã" starts no designation of its own
      break;
    }
  }
  markInstitutionWords(tokens, nameless);
  return { before, after, isDesignation, nameless };
}

/**
 * True when the tokens from `i` spell the designation, in one part of the address. "xá", "quán" are
 * syllables of names, not designations: diacritics are trusted when present, unless a number follows
 * ("Phương 5", "Quân 3": no name is a number).
 */
export function fitsDesignation(tokens: Token[], i: number, designation: Designation): boolean {
  const words = designation.words;
  if (i + words.length > tokens.length) return false;
  if (designation.beforeNumber && !alonePartBeforeNumber(tokens, i, words.length)) return false;
  for (let w = 1; w < words.length; w++) {
    const token = tokens[i + w] as Token;
    if (token.loose !== words[w] || token.breakBefore) return false;
  }
  return !(
    designation.exact &&
    tokens[i]?.marked &&
    !writtenAs(tokens, i, designation.exactWords) &&
    !tokens[i + words.length]?.word.numeric
  );
}

/**
 * True when the designation's words and a number after them make a whole part of the address
 * (", D5,"): "Lô D12" and "Đường D5" are a lot and a street.
 */
function alonePartBeforeNumber(tokens: Token[], i: number, length: number): boolean {
  const after = tokens[i + length + 1];
  return (
    opensPart(tokens, i) &&
    !!tokens[i + length]?.word.numeric &&
    !tokens[i + length]?.breakBefore &&
    (!after || after.breakBefore)
  );
}

/**
 * Words of offices' and institutions' names, without diacritics, that are no commune's name misspelled:
 * "Công an" is no "Hồng An", "Bệnh viện Đa khoa" no "Pa Khoá", "Tòa án nhân dân" no "Nhân Đạo".
 */
const INSTITUTION_WORDS = phrasesBy("first", [
  "van phong",
  "cong an",
  "benh vien",
  "da khoa",
  "kho bac",
  "nha nuoc",
  "toa an",
  "nhan dan",
  "lao dong",
  "ngan hang",
  "chinh sach",
  "chi nhanh",
  "y te",
  "cong ty",
  "buu dien",
  "uy ban",
  "kiem sat",
  "bao hiem",
]);

/** Marks the tokens of {@link INSTITUTION_WORDS} as naming nothing, for the misspelling search. */
function markInstitutionWords(tokens: Token[], nameless: boolean[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const words = INSTITUTION_WORDS.get((tokens[i] as Token).loose)?.find((w) => wordsAt(tokens, i, w));
    if (!words) continue;
    for (let k = 0; k < words.length; k++) nameless[i + k] = true;
    i += words.length - 1;
  }
}

/** Phrases of loose words by their first or their last word. */
function phrasesBy(key: "first" | "last", phrases: string[]): Map<string, string[][]> {
  const byWord = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const words = phrase.split(" ");
    pushTo(byWord, words[key === "first" ? 0 : words.length - 1] as string, words);
  }
  return byWord;
}

/** True when the tokens from `start` are these loose words, in one part of the address. */
function wordsAt(tokens: Token[], start: number, words: string[]): boolean {
  return words.every((word, k) => {
    const token = tokens[start + k];
    return token !== undefined && token.loose === word && (k === 0 || !token.breakBefore);
  });
}

/**
 * True when "hội" at `at`, after "xã", makes the noun "xã hội" (society) of an office's name ("Bảo hiểm
 * xã hội tỉnh Gia Lai", "Lao động - Thương binh và Xã hội huyện X"): no commune's name continues it there,
 * as "Xã Hội An" does; a designation, the end of the part, "và", "chủ nghĩa" or "hóa" follows.
 */
function namesSociety(tokens: Token[], at: number): boolean {
  if ((tokens[at] as Token).loose !== "hoi") return false;
  const after = tokens[at + 1];
  return (
    !after ||
    after.breakBefore ||
    // As a designation is read: "Tịnh" of "Hội Tịnh" is no "tỉnh".
    (designationsStartingWith(after.word)?.some((d) => fitsDesignation(tokens, at + 1, d)) ?? false) ||
    after.loose === "va" ||
    after.loose === "chu" ||
    after.loose === "hoa"
  );
}

/**
 * An English designation follows the name it belongs to when it continues a part of the address
 * ("Đô Lương District, Nghệ An"), unless a number comes next ("Ward 5 District 3").
 */
function followsName(tokens: Token[], i: number): boolean {
  const token = tokens[i] as Token;
  if (i === 0 || token.breakBefore) return false;
  const next = tokens[i + 1];
  return !next || next.breakBefore || !next.word.numeric;
}

const NO_DESIGNATIONS: (Designation | undefined)[] = [];

/** The designations a word starts, cached on the word (the table never changes). */
export function designationsStartingWith(word: Word): readonly Designation[] | null {
  if (word.designations === undefined) word.designations = DESIGNATIONS_BY_FIRST_WORD.get(word.loose) ?? null;
  return word.designations;
}

/** Designations by their first word, in the order of DESIGNATIONS. */
const DESIGNATIONS_BY_FIRST_WORD = new Map<string, Designation[]>();
for (const designation of DESIGNATIONS)
  pushTo(DESIGNATIONS_BY_FIRST_WORD, designation.words[0] as string, designation);

/** A span of words that is a key of the name index. */
export interface Match {
  start: number;
  end: number;
  units: IndexEntry;
  /** The span carries diacritics: compare it with the names as written. */
  marked: boolean;
  /** One word that is a number or has one or two letters. */
  bare: boolean;
}

/** Every span of words that names something, found by walking the word trie from each word. */
export function findMatches(tokens: Token[], index: AddressIndex): Match[] {
  const matches: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let node: TrieNode | undefined;
    let marked = false;
    for (let end = i; end < tokens.length; end++) {
      const token = tokens[end] as Token;
      if (end > i && token.breakBefore && !token.lineBreakOnly) break;
      node = index.step(node, token.word);
      if (!node) break;
      marked ||= token.marked;
      if (!node.entry) continue;
      matches.push({
        start: i,
        end: end + 1,
        units: node.entry,
        marked,
        bare: end === i && (token.loose.length <= 2 || token.word.numeric),
      });
    }
  }
  return matches;
}

/**
 * Scored hits of the matches: provinces and districts always; communes only in the new provinces
 * that those hits point to, when there are any (a commune elsewhere could not win, and common
 * names such as "Lê Lợi" or "Tân Hòa" name dozens of communes).
 */
export function findHits(
  tokens: Token[],
  matches: Match[],
  index: AddressIndex,
  designations: Designations,
  asOf?: string,
  spelled = spelledUpperNames(tokens, matches, index),
): Hit[] {
  const hits: Hit[] = [];
  for (const match of matches) {
    for (const indexed of match.units.upper) {
      const hit = scoreHit(index, tokens, match, indexed, designations, asOf);
      if (hit) hits.push(hit);
    }
  }
  const upper = hits.length;
  // The end of a person's name ("Chu Trinh" of the street Phan Chu Trinh, not Thị xã Chũ), or a
  // street's name ("127 Ngô Quyền", not Quận Ngô Quyền), names no place: it hides no other province's
  // communes. (Words inside a street's name, "Vĩnh" of "127 Khánh Vĩnh", still narrow: leaving out every
  // hit of a street's part cost right answers elsewhere.)
  const narrowing = hits.filter(
    (hit) =>
      !afterFamilyName(tokens, designations.isDesignation, hit) &&
      !namedAsStreet(tokens, designations.isDesignation, hit),
  );
  for (const match of matches) {
    const { groupProvinces, communeGroups } = match.units;
    const inside = insideUpperName(match, matches, spelled);
    // Words naming a district or a province as well ("X. Phú Lộc": Huyện Phú Lộc; "Phường Hòa Bình":
    // Tỉnh Hòa Bình) do not narrow their own communes to that province.
    const named = namedProvinceIds(narrowing, match);
    if (named)
      for (const id of named) {
        const group = groupProvinces.indexOf(id);
        if (group >= 0)
          addCommuneHits(hits, upper, index, tokens, match, communeGroups[group], designations, asOf, inside);
      }
    else
      for (const group of communeGroups)
        addCommuneHits(hits, upper, index, tokens, match, group, designations, asOf, inside);
  }
  return hits;
}

/**
 * The new provinces ({@link IndexedUnit.newProvinceId}s) that the `upper` hits (provinces and
 * districts) name outside the words of `span`; undefined when there are none.
 */
function namedProvinceIds(upper: Hit[], span: { start: number; end: number }): number[] | undefined {
  let ids: number[] | undefined;
  for (const hit of upper) {
    if (hit.start < span.end && span.start < hit.end) continue;
    ids ??= [];
    if (!ids.includes(hit.indexed.newProvinceId)) ids.push(hit.indexed.newProvinceId);
  }
  return ids;
}

/**
 * True when a commune that ended before 2025-06-30 is worth a hit: one of the first `upper` hits (the
 * provinces and districts) names a district it was in or the province it is in today, or the caller
 * says when the address was written. Otherwise it could only lose to a later unit of its name, and
 * skipping it keeps the larger index nearly as fast as the smaller one.
 */
function pastWorthReading(
  indexed: IndexedUnit,
  hits: Hit[],
  upper: number,
  asOf: string | undefined,
): boolean {
  if (asOf !== undefined) return true;
  for (let h = 0; h < upper; h++) {
    const named = (hits[h] as Hit).indexed;
    if (
      named.level === "district"
        ? indexed.oldDistricts.includes(named.unit.code)
        : named.newProvince === indexed.newProvince ||
          (named.past && named.oldProvince === indexed.oldProvince)
    )
      return true;
  }
  return false;
}

/** `upper`: how many of `hits` are provinces and districts (they come first). */
function addCommuneHits(
  hits: Hit[],
  upper: number,
  index: AddressIndex,
  tokens: Token[],
  match: Match,
  group: IndexedUnit[] | undefined,
  designations: Designations,
  asOf: string | undefined,
  inside: InsideName,
): void {
  // Inside a longer name spelled as it is, diacritics and all, the words are no reading of a commune
  // at all ("Lạt" of "Đà Lạt" is no Xã Lát, "Phường Gò Công Tây" no Phường Gò Công).
  if (!group || inside === "spelled") return;
  // A name only units gone before 2025-06-30 bore has no later unit to lose to ("Phường Hòa Thuận
  // Đông", not "Phường Hòa Thuận" and a word left over).
  const onlyPast = match.units.onlyPast;
  for (const indexed of group) {
    if (indexed.past && !onlyPast && !pastWorthReading(indexed, hits, upper, asOf)) continue;
    const hit = scoreHit(index, tokens, match, indexed, designations, asOf);
    if (!hit) continue;
    if (inside !== "none") hit.score -= INSIDE_UPPER_NAME_PENALTY;
    hits.push(hit);
  }
}

/**
 * How a designation around the words [start, end) fits a unit: "Phường X" before a phường X: +2;
 * before a xã X: +0.5 (kinds change, and people mix them up). A commune's designation before a
 * district's or a province's name ("Phường Hoàn Kiếm" for Quận Hoàn Kiếm) leaves the words little
 * weight as that unit: nobody writes a district as a ward. A designation of the unit's own kind
 * joins its span ("Phường Phúc Xá", "P. Phúc Xá" or "Ba Đình District" is one name, as if the unit's
 * full name had been written).
 */
function designationFit(
  designations: Designations,
  indexed: IndexedUnit,
  start: number,
  end: number,
  number: boolean,
): { score: number; designated: boolean; earlierKind: boolean; from: number; to: number } {
  const prefix = designations.before[start];
  // A number takes no designation after it: "5" in "Ward 5 District 3" is a ward.
  const suffix = prefix || number ? undefined : designations.after[end];
  const designation = prefix ?? suffix;
  const level = indexed.level;
  const designated = designation?.levels.includes(level) ?? false;
  const sameKind = designation?.kinds.includes(indexed.kind) ?? false;
  // A kind the unit had before ("Xã Đồng Sơn", a phường since 2021) fits, a little less than its last.
  const earlierKind =
    !sameKind &&
    designation !== undefined &&
    indexed.earlierKinds.some((kind) => designation.kinds.includes(kind));
  const score = sameKind
    ? 2
    : earlierKind
      ? EARLIER_KIND_FIT
      : designated
        ? 0.5
        : designation
          ? level === "commune"
            ? -2
            : -DISTRICT_AS_COMMUNE_PENALTY
          : 0;
  // A designation that fits belongs to the hit's words.
  const fits = sameKind || earlierKind;
  const from = fits && prefix ? start - prefix.words.length : start;
  const to = fits && suffix ? end + suffix.words.length : end;
  return { score, designated, earlierKind, from, to };
}

/** `asOf`: the day the address was written, when the caller knows it. */
function scoreHit(
  index: AddressIndex,
  tokens: Token[],
  match: Match,
  indexed: IndexedUnit,
  designations: Designations,
  asOf: string | undefined,
): Hit | undefined {
  const { start, end } = match;
  const fit = designationFit(
    designations,
    indexed,
    start,
    end,
    match.bare && (tokens[start] as Token).word.numeric,
  );
  // Bare numbers and one- or two-letter words name a unit only after its designation ("P1", "Quận 3").
  if (match.bare && !indexed.viaAlias && !fit.designated) return undefined;
  // Initials name a district only after its designation ("Q.BT"), and less surely than its name.
  if (indexed.viaInitials && indexed.level === "district" && !fit.designated) return undefined;
  // An office's words ("Văn phòng", "Tòa án nhân dân") name a unit only after its designation or
  // typed with its own diacritics: "Văn phòng" is no Xã Văn Phong, "án nhân" no Xã An Nhân.
  if (
    !fit.designated &&
    allNameless(designations, start, end) &&
    !(match.marked && indexed.exactIds && index.writtenAs(tokens, start, indexed.exactIds))
  )
    return undefined;
  if (indexed.level === "district" && designatesCommuneOnly(designations.before[start], tokens, start))
    return undefined;
  let score = BASE[indexed.level] + fit.score - (indexed.viaInitials ? INITIALS_PENALTY : 0);
  const { from, to } = fit;
  // Diacritics typed as in the name confirm it; other diacritics ("Hóa" for "Hòa") speak against it.
  if (indexed.exactIds && (match.marked || anyMarked(tokens, from, start)))
    score += index.writtenAs(tokens, start, indexed.exactIds) ? 1 : -4;
  if (asOf !== undefined) {
    if ((indexed.from !== "" && asOf < indexed.from) || (indexed.to !== "" && asOf > indexed.to))
      score -= NOT_THEN_PENALTY;
  } else if (indexed.past && !(indexed.level === "commune" && match.units.onlyPast)) score -= PAST_PENALTY;
  return { indexed, start: from, end: to, score, typo: false, earlierKind: fit.earlierKind };
}

/**
 * True when a commune's designation opens the words at `start`: they name the commune of that name
 * ("TT Cờ Đỏ", "Xã Sông Mã"), never the district. A dash between them, or a bare "xa", is no proof:
 * "xã" ends names ("Xã Tứ Xã - Lâm Thao", "Bạch Xa") and "xa" is the "xã" of a "Thị xa" misspelled.
 */
function designatesCommuneOnly(
  designation: Designation | undefined,
  tokens: Token[],
  start: number,
): boolean {
  if (!designation?.levels.every((level) => level === "commune") || (tokens[start] as Token).dashBefore)
    return false;
  return designation.words.join(" ") !== "xa" || (tokens[start - 1] as Token).marked;
}

function allNameless({ nameless }: Designations, start: number, end: number): boolean {
  if (nameless.length === 0) return false;
  for (let i = start; i < end; i++) if (nameless[i] !== true) return false;
  return true;
}

function anyMarked(tokens: Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((tokens[i] as Token).marked) return true;
  return false;
}

/** Chains of hits that fit together, in no particular order (see {@link bestChain}). */
export function buildChains(hits: Hit[], tokens: Token[], isDesignation: boolean[]): Chain[] {
  const provinces: Hit[] = [];
  const districts: Hit[] = [];
  const communes: Hit[] = [];
  for (const hit of hits) {
    const level = hit.indexed.level;
    // The end of a person's name is a street's: "Số 63 Trần Hưng Đạo, Q. Dương Kinh" names no Phường
    // Hưng Đạo, nor "Ngõ 19 Nguyễn Thị Minh Khai" a Xã Minh Khai, nor "Lê Bình Định" the province.
    if (afterFamilyName(tokens, isDesignation, hit)) continue;
    if (level === "commune") communes.push(hit);
    // An undesignated name right after a hamlet's or a street's word is theirs, not a district's or
    // a province's ("Ấp Yên Mô, Xã Yên Đồng": the hamlet Yên Mô, not Huyện Yên Mô and its Xã Yên
    // Đồng; "Thôn Vĩnh Long, Xã Tân Hoà, Tỉnh Vĩnh Long": no province named twice).
    else if (namedAsStreet(tokens, isDesignation, hit)) continue;
    else if (level === "province") provinces.push(hit);
    else if (hit.indexed.era === "old") districts.push(hit);
  }
  const chains: Chain[] = [];
  const last = lastNameToken(tokens);
  const context: ChainContext = { tokens, isDesignation, last, provinces };
  /** A new commune's chain with `district` (a district its territory was in) or none. */
  const newCommuneChain = (commune: Hit, district: Hit | undefined, penalty: number): Chain => {
    const province = bestProvince(provinces, "", commune.indexed.newProvince, commune, district);
    const chain = chainOf(context, commune, district, province);
    chain.score -= penalty;
    // A commune of that name in that district, if any, is the likelier reading. Otherwise a new
    // commune is named without a district: a district of its province elsewhere in the text points
    // to an old address (the commune's own words may also name one: "Xã Đông Anh" / "Huyện Đông
    // Anh", and the province's: "Tỉnh Gia Lai" holds "Tĩnh Gia"). One of another province is a
    // street's name ("23 Hai Bà Trưng, Xã Ngãi Tứ, Vĩnh Long").
    if (district) chain.score -= 2;
    else chain.score -= namesOtherDistrict(districts, commune, province, "newProvince") ? 3 : 0.5;
    // An old province its territory was not in ("Phường Tân Định, Tỉnh Bình Dương") does not fit it.
    if (
      province?.indexed.era === "old" &&
      !commune.indexed.oldProvinces.includes(province.indexed.oldProvince)
    )
      chain.score -= 3;
    return chain;
  };
  for (const commune of communes) {
    // An undesignated name opening a street's part ("Đường Quang Trung", "18 Quang Trung, TP Quy
    // Nhơn") is the street's: reading it as the ward of that name answered with full confidence for
    // an address that names no ward.
    if (namedAsStreet(tokens, isDesignation, commune)) continue;
    const { oldProvince, newProvince } = commune.indexed;
    // A name after a number inside its part is likelier a street's ("Thôn 3 Quang Phú" may still
    // name the commune), and so is one closing a street's part ("24 Trần Hưng Đạo, Xã Quốc Oai":
    // Hưng Đạo is also a commune of Huyện Quốc Oai).
    // A name that another commune's name continues ("Xã Mỹ Hạnh" of "Xã Mỹ Hạnh Bắc") leaves
    // words of it unread: the longer name is likelier meant.
    // A commune after an office's or a school's name ("cạnh UBND xã Vọng Thê", "trạm y tế xã B") is a
    // landmark's, and the address's own commune is likelier another.
    const streetLike =
      afterHouseNumber(tokens, isDesignation, commune) || closesStreetPart(tokens, isDesignation, commune);
    const penalty =
      (streetLike ? STREET_PENALTY : 0) +
      (communes.some((other) => within(commune, other)) ? CUT_NAME_PENALTY : 0) +
      (afterLandmark(tokens, commune) ? LANDMARK_PENALTY : 0);
    if (commune.indexed.era === "old") {
      const district = bestDistrictOf(districts, commune);
      const province = bestProvince(provinces, oldProvince, newProvince, commune, district);
      const chain = chainOf(context, commune, district, province);
      chain.score -= penalty;
      // A name read as a street's part beside another district of its province is all the likelier a
      // street's ("28 Hùng Vương, Văn Lâm, Hưng Yên": Thị trấn Vương was Tiên Lữ's). Not any bare name:
      // geocoders pair communes with the wrong district ("Trọng Quan, Tp. Thái Bình").
      if (streetLike && !district && namesOtherDistrict(districts, commune, province, "oldProvince"))
        chain.score -= OTHER_DISTRICT_PENALTY;
      // "Phường 1, Tỉnh Cà Mau" names old Cà Mau's Phường 1 rather than Bạc Liêu's, merged into the new
      // Cà Mau: the province's words name the old province too.
      if (province?.indexed.era === "new" && namesOldProvince(provinces, province)) chain.score -= 3;
      chains.push(chain);
      // The words that named the district may rather name the province ("Tỉnh Quảng Trị" is also
      // "Thị xã Quảng Trị"): read the address without the district too.
      if (district) {
        const alone = bestProvince(provinces, oldProvince, newProvince, commune, undefined);
        if (alone && overlaps(alone, district)) {
          const chain = chainOf(context, commune, undefined, alone);
          chain.score -= penalty;
          chains.push(chain);
          // Another district the commune was in, elsewhere in the text, reads with that province
          // ("Xã Đông Quang - Đông Sơn - Thanh Hóa": in Đông Sơn until 2024, then in Thành phố Thanh Hóa).
          const other =
            commune.indexed.oldDistricts.length > 1 && bestDistrictOf(districts, commune, district);
          if (other) {
            const province = bestProvince(provinces, oldProvince, newProvince, commune, other);
            const chain = chainOf(context, commune, other, province);
            chain.score -= penalty;
            chains.push(chain);
          }
        }
      }
    } else {
      // People keep writing the old district after a new commune ("Xã Con Cuông, Huyện Con Cuông"):
      // a district its territory was in fits it.
      const district = bestDistrictOf(districts, commune);
      chains.push(newCommuneChain(commune, district, penalty));
      // The words that named the district may rather name the province, as for an old commune ("Tỉnh
      // Hà Tĩnh" is also "Thành phố Hà Tĩnh", which Phường Hà Huy Tập's territory was in), when the
      // commune is written with its own designation, before or after it ("Ha Huy Tap Ward"): a bare
      // name may be the district's ("Tp. Thái Bình, Thái Bình" names the old city, not the new
      // Phường Thái Bình).
      if (
        district &&
        (writtenWithDesignation(commune, isDesignation) || !districts.some((d) => overlaps(d, commune)))
      ) {
        const alone = bestProvince(provinces, "", newProvince, commune, undefined);
        if (alone && overlaps(alone, district)) chains.push(newCommuneChain(commune, undefined, penalty));
      }
    }
  }
  for (const district of districts) {
    const { oldProvince, newProvince } = district.indexed;
    const province = bestProvince(provinces, oldProvince, newProvince, district, undefined);
    chains.push(chainOf(context, undefined, district, province));
  }
  for (const province of provinces) chains.push(chainOf(context, undefined, undefined, province));
  // A text ending with a province's name ("…, phố Tây Sơn, Hà Nội") speaks against a reading that
  // leaves that province out: its commune lies elsewhere.
  const closing = provinces.find((province) => province.end === last && !province.typo);
  // Written bare, the province's name closing the text is the province, not a commune of that name
  // ("Thành phố Hòa Bình, Hòa Bình" has a Xã Hòa Bình, Tiền Giang's Huyện Châu Thành a Xã Long An).
  // (A designation closing the part before is that part's: "Chau Thanh District, Long An".)
  const bare =
    closing &&
    !isDesignation[closing.start] &&
    (closing.start === 0 ||
      (tokens[closing.start] as Token).breakBefore ||
      !isDesignation[closing.start - 1]);
  if (closing)
    for (const chain of chains)
      if (
        (!chain.province &&
          !(chain.commune && overlaps(chain.commune, closing)) &&
          !(chain.district && overlaps(chain.district, closing))) ||
        (bare &&
          chain.commune &&
          overlaps(chain.commune, closing) &&
          !(chain.province && overlaps(chain.province, closing)))
      )
        chain.score -= OTHER_PROVINCE_PENALTY;
  return chains;
}

/** Words of streets in addresses written in English, which follow the street's name. */
const ENGLISH_STREET_WORDS = new Set([
  "st",
  "str",
  "street",
  "rd",
  "road",
  "ave",
  "avenue",
  "blvd",
  "boulevard",
]);

/**
 * Words that open a street's or a hamlet's name (thôn, xóm, ấp, tổ, bản, khóm, phố, đường, ngõ,
 * hẻm, kiệt…), tone-folded: a unit's name right after one is that street's or hamlet's.
 */
const STREET_WORDS = new Set([
  "thon",
  "xom",
  "ap",
  "to",
  "ban",
  "lang",
  "khom",
  "pho",
  "duong",
  "ngo",
  "ngach",
  "hem",
  "kiet",
]);

/**
 * Hamlets' and residential groups' designations of several words, tone-folded: a name after one is
 * theirs ("Tổ dân phố Tân Hiệp", "Khu phố An Khê").
 */
const HAMLET_PHRASES = [
  ["khu", "pho"],
  ["to", "dan", "pho"],
  ["khu", "dan", "cu"],
  ["to", "dan", "cu"],
];

/** True when an undesignated name follows a street's or a hamlet's word in the same part ("Thôn Tây Sơn"). */
function afterStreetWord(tokens: Token[], isDesignation: boolean[], hit: Hit): boolean {
  const at = hit.start - 1;
  if (at < 0 || isDesignation[hit.start] || isDesignation[at]) return false;
  if ((tokens[hit.start] as Token).breakBefore) return false;
  if (endsHamletPhrase(tokens, at)) return true;
  // The street's word opens its part, or follows the house number that does ("Số 244 đường …").
  if (!opensPart(tokens, at) && !(at > 0 && opensWithNumber(tokens, at - 1))) return false;
  return isStreetWord((tokens[at] as Token).word);
}

/** True when the token at `at` ends one of the {@link HAMLET_PHRASES} that opens its part. */
function endsHamletPhrase(tokens: Token[], at: number): boolean {
  return HAMLET_PHRASES.some((phrase) => {
    const start = at - phrase.length + 1;
    if (start < 0 || !opensPart(tokens, start)) return false;
    return phrase.every(
      (word, k) =>
        (tokens[start + k] as Token).loose === word && (k === 0 || !(tokens[start + k] as Token).breakBefore),
    );
  });
}

/** True for a street's or a hamlet's word (cached on the word: the table never changes). */
function isStreetWord(word: Word): boolean {
  word.opensStreet ??= STREET_WORDS.has(word.loose);
  return word.opensStreet;
}

/**
 * True when an undesignated name is a street's as written: right after a street's or hamlet's word
 * ("Đường Láng") or a house number ("12 Hàng Bạc", "Số 12 Hàng Bạc") that opens its part of the
 * address. A number after other words is a hamlet's or a district's ("Thôn 3 Quang Phú").
 */
export function namedAsStreet(tokens: Token[], isDesignation: boolean[], hit: Hit): boolean {
  if (afterStreetWord(tokens, isDesignation, hit)) return true;
  return afterHouseNumber(tokens, isDesignation, hit) && opensWithNumber(tokens, hit.start - 1);
}

/**
 * True when the token at `i` is a house number that opens its part, alone or after "Số" or a road's
 * word ("Ngõ 76 Quang Trung": the alley of Quang Trung street). After a hamlet's word the number is
 * the hamlet's, and a commune's name may follow ("Thôn 3 Quang Phú").
 */
function opensWithNumber(tokens: Token[], i: number): boolean {
  if (!isHouseNumber((tokens[i] as Token).loose)) return false;
  if (opensPart(tokens, i)) return true;
  const before = (tokens[i - 1] as Token).loose;
  return (before === "so" || ROAD_WORDS.has(before)) && opensPart(tokens, i - 1);
}

/** The {@link STREET_WORDS} of roads and alleys, not of hamlets, tone-folded. */
const ROAD_WORDS = new Set(["duong", "pho", "ngo", "ngach", "hem", "kiet"]);

/**
 * Family names, and "Thị" of women's names, as streets named after people start: a unit's name
 * right after one ends that person's name ("Trần Hưng Đạo", "Nguyễn Thị Minh Khai"). Written with
 * diacritics, only these spellings count ("Đình" or "Ngõ" is none of them).
 */
const FAMILY_NAME_TOKENS = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Huỳnh",
  "Phan",
  "Võ",
  "Vũ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Ngô",
  "Đinh",
  "Trịnh",
  "Đoàn",
  "Lý",
  "Tô",
  "Hoàng",
  "Thị",
].map((name) => tokenize(name).tokens[0] as Token);
/** Their spellings as written ("phan", "nguyễn"), and without diacritics ("nguyen"). */
const FAMILY_NAMES = new Set(FAMILY_NAME_TOKENS.map((token) => token.exact));
const FAMILY_NAMES_LOOSE = new Set(FAMILY_NAME_TOKENS.map((token) => token.loose));

/**
 * Words that end an office's, a school's or a place's name before the commune it is in ("UBND xã B",
 * "Trụ sở Công an phường B", "Trường THCS xã B"), or say the place is near it ("gần xã B"), without
 * diacritics. Two words where one alone is a common syllable of names ("an", "te").
 */
const LANDMARK_ENDS = phrasesBy("last", [
  "ubnd",
  "hdnd",
  "uy ban",
  "nhan dan",
  "cong an",
  "tru so",
  "y te",
  "buu dien",
  "van hoa",
  "thcs",
  "thpt",
  "tieu hoc",
  "mam non",
  "dang uy",
  "htx",
  "gan",
  "canh",
  "doi dien",
]);

/**
 * True when a landmark's words ({@link LANDMARK_ENDS}, by their last word) end right before the hit, in
 * its part.
 */
function afterLandmark(tokens: Token[], hit: Hit): boolean {
  const at = hit.start;
  if (at === 0 || (tokens[at] as Token).breakBefore) return false;
  const phrases = LANDMARK_ENDS.get((tokens[at - 1] as Token).loose);
  return phrases?.some((words) => wordsAt(tokens, at - words.length, words)) ?? false;
}

/**
 * True when an undesignated name follows a {@link FAMILY_NAMES} word after one space,
 * written with its diacritics unless the text has none ("Thị tran Ma Lam" is a misspelled "Thị trấn").
 */
function afterFamilyName(tokens: Token[], isDesignation: boolean[], hit: Hit): boolean {
  const at = hit.start - 1;
  if (at < 0 || isDesignation[hit.start] || isDesignation[at]) return false;
  const first = tokens[hit.start] as Token;
  const before = tokens[at] as Token;
  // One space between, as inside a name: "Vị Hoàng - Nam Định" is a ward and its city.
  if (first.breakBefore || first.start - before.end !== 1) return false;
  // "T.Tran", "Thi tran": a township's designation, misspelled or without diacritics.
  const prior = at > 0 ? (tokens[at - 1] as Token).loose : "";
  if (before.loose === "tran" && (prior === "t" || prior === "thi")) return false;
  // As written ("Phan", which has no diacritics, "Nguyễn"); without its diacritics only in a text
  // that has none.
  if (FAMILY_NAMES.has(before.exact)) return true;
  return !before.marked && FAMILY_NAMES_LOOSE.has(before.loose) && !tokens.some((token) => token.marked);
}

/**
 * Tokens of a street's or a hamlet's part of the address: a part that opens with a house number
 * ("24 Hoàng Văn Thụ", "Số 3 Trần Hưng Đạo") or a street's or hamlet's word ("Thôn …"), up to the
 * first designation in it. No misspelled unit is looked for there: "Văn Thụ" of a street is no
 * misspelled "Văn Phú", nor "Trần" a misspelled "Trị An".
 */
export function streetTokens(tokens: Token[], isDesignation: boolean[]): boolean[] {
  const street = new Array<boolean>(tokens.length).fill(false);
  let inStreet = false;
  for (let i = 0; i < tokens.length; i++) {
    if (opensPart(tokens, i)) inStreet = opensStreetPart(tokens[i] as Token);
    if (isDesignation[i]) inStreet = false;
    street[i] = inStreet;
  }
  return street;
}

/**
 * True when an undesignated name ends a part that opens with a house number or a street's word,
 * after other words of that part ("24 Trần Hưng Đạo,"), and a later part follows.
 */
function closesStreetPart(tokens: Token[], isDesignation: boolean[], hit: Hit): boolean {
  const next = tokens[hit.end];
  if (!next?.breakBefore || opensPart(tokens, hit.start) || isDesignation[hit.start]) return false;
  let i = hit.start - 1;
  while (i > 0 && !opensPart(tokens, i)) {
    if (isDesignation[i]) return false;
    i--;
  }
  return opensStreetPart(tokens[i] as Token) && i < hit.start - 1;
}

function opensStreetPart(token: Token): boolean {
  return token.loose === "so" || isHouseNumber(token.loose) || isStreetWord(token.word);
}

/** True when the token at `i` opens its part of the address, or a form's field. */
export function opensPart(tokens: Token[], i: number): boolean {
  const token = tokens[i] as Token;
  return i === 0 || token.breakBefore || token.colonBefore;
}

/** True when an undesignated name follows a number in the same part of the address. */
function afterHouseNumber(tokens: Token[], isDesignation: boolean[], hit: Hit): boolean {
  const first = tokens[hit.start] as Token;
  const before = tokens[hit.start - 1];
  return !isDesignation[hit.start] && !first.breakBefore && !!before && isHouseNumber(before.loose);
}

/**
 * The highest-scoring chain. Among equals, the one whose commune is read from more of the words
 * ("An Trạch A" over "An Trạch" and a letter left over), then one not {@link isWeak}; else the first.
 */
export function bestChain(chains: Chain[]): Chain | undefined {
  let found: Chain | undefined;
  for (const chain of chains)
    if (
      !found ||
      chain.score > found.score ||
      (chain.score === found.score &&
        (namesMoreOf(chain, found) || (!namesMoreOf(found, chain) && isWeak(found) && !isWeak(chain))))
    )
      found = chain;
  return found;
}

/** True when a's commune is read from words that hold b's and more ("An Trạch A" over "An Trạch"). */
function namesMoreOf(a: Chain, b: Chain): boolean {
  return !!a.commune && !!b.commune && within(b.commune, a.commune);
}

/**
 * A chain read as a commune that ended before 2025-06-30, or by a kind its commune had before: the
 * weaker of two readings that score alike.
 */
export function isWeak(chain: Chain): boolean {
  const commune = chain.commune;
  return commune !== undefined && (commune.indexed.past || commune.earlierKind);
}

/** True when the words of a new province's hit also name an old province (another hit on the same words). */
function namesOldProvince(provinces: Hit[], hit: Hit): boolean {
  return provinces.some((p) => p.indexed.era === "old" && p.start === hit.start && p.end === hit.end);
}

/**
 * The best hit of an old district the commune's territory was in (an old commune's own district),
 * overlapping neither it nor `besides`.
 */
function bestDistrictOf(districts: Hit[], commune: Hit, besides?: Hit): Hit | undefined {
  const codes = commune.indexed.oldDistricts;
  let found: Hit | undefined;
  for (const hit of districts)
    if (
      codes.includes(hit.indexed.unit.code) &&
      !overlaps(hit, commune) &&
      !(besides && overlaps(hit, besides)) &&
      (!found || hit.score > found.score)
    )
      found = hit;
  return found;
}

/**
 * The best province hit that names the old province `oldCode` (when not "") or the new province
 * `newCode`, overlapping neither `a` nor `b`. A new province's name fits every old unit merged into it.
 */
function bestProvince(
  provinces: Hit[],
  oldCode: string,
  newCode: string,
  a: Hit,
  b: Hit | undefined,
): Hit | undefined {
  let found: Hit | undefined;
  const era = a.indexed.era;
  for (const hit of provinces) {
    // Between equals, the province of the unit's own era: "Hưng Yên" after a new commune is the new one.
    if (
      found &&
      !(
        hit.score > found.score ||
        (hit.score === found.score && hit.indexed.era === era && found.indexed.era !== era)
      )
    )
      continue;
    if (overlaps(hit, a) || (b && overlaps(hit, b))) continue;
    const indexed = hit.indexed;
    const fits =
      indexed.era === "old" && oldCode !== ""
        ? indexed.oldProvince === oldCode
        : indexed.newProvince === newCode;
    if (fits) found = hit;
  }
  return found;
}

/**
 * New province codes that province and district hits point to, leaving out the hits that cannot
 * make the best chain; undefined when there are none.
 */
export function namedProvinces(upper: Hit[], { before, isDesignation }: Designations): string[] | undefined {
  if (upper.length === 0) return undefined;
  const codes: string[] = [];
  for (const hit of upper) {
    const level = hit.indexed.level;
    // Under another level's designation: "Huyện Phù Yên" is no province Phú Yên, "Phường Đống Đa,
    // TP. Vĩnh Yên" no Quận Đống Đa of Hà Nội.
    if (before[hit.start]?.levels.includes(level) === false) continue;
    // Initials whose letter is another level's designation: "H.Yên Châu" is Huyện Yên Châu, not Hưng
    // Yên ("T.Ninh" may be Tây Ninh: "T." is a province's).
    const letter = isDesignation[hit.start] ? before[hit.start + 1] : undefined;
    if (hit.indexed.viaInitials && letter && !letter.levels.includes(level)) continue;
    if (!outread(hit, upper) && !codes.includes(hit.indexed.newProvince)) codes.push(hit.indexed.newProvince);
  }
  return codes;
}

/** How much better another reading of the same words must score to leave a hit no chance. */
const OUTREAD_MARGIN = 5;

/**
 * True when another reading of some of the hit's words leaves it no chance: one that scores far
 * higher (against a designation and diacritics that fit, "Quận Ba Đình", a name that would need
 * other diacritics and other words, "Quản Bạ" in "Quận Ba"), or a longer name holding its words that
 * scores as high ("Vinh" in "Trà Vinh").
 */
function outread(hit: Hit, upper: Hit[]): boolean {
  return upper.some(
    (other) =>
      overlaps(other, hit) &&
      (other.score >= hit.score + OUTREAD_MARGIN || (within(hit, other) && other.score >= hit.score)),
  );
}

/** What every chain of a text is scored against. */
interface ChainContext {
  tokens: Token[];
  isDesignation: boolean[];
  /** Where the text's last name ends (before the country's). */
  last: number;
  /** The province hits. */
  provinces: Hit[];
}

function chainOf(context: ChainContext, commune?: Hit, district?: Hit, province?: Hit): Chain {
  const { tokens, isDesignation, last } = context;
  let score = (commune?.score ?? 0) + (district?.score ?? 0) + (province?.score ?? 0);
  if (!province) {
    // A chain without its province is missing a part, unless the district's words name that
    // province too ("Thành phố Bắc Giang" of Tỉnh Bắc Giang): then they stand for both.
    if (district && namesItsProvince(district, context)) score += district.end === last ? 0.5 : 0;
    else score -= 3;
  }
  // The commune usually stands right before the district (or the province): "…, Phường X, Quận Y".
  const next = district ?? province;
  if (commune && next && adjacent(tokens, isDesignation, commune, next)) score += 1.5;
  if (district && province && adjacent(tokens, isDesignation, district, province)) score += 0.5;
  if (province && province.end === last) score += 0.5;
  return { commune, district, province, score };
}

/**
 * True when a district written with its own designation ("Thành phố Bắc Giang", "TX. Quảng Trị",
 * "Hoa Binh City") has its province's name: the same words are a province hit of the province it is in.
 */
function namesItsProvince(district: Hit, { isDesignation, provinces }: ChainContext): boolean {
  if (!writtenWithDesignation(district, isDesignation)) return false;
  return provinces.some(
    (province) =>
      overlaps(province, district) && province.indexed.newProvince === district.indexed.newProvince,
  );
}

/** True when a hit's words hold its designation, before or after the name ("Xã Nho Quan", "Hue City"). */
export function writtenWithDesignation(hit: Hit, isDesignation: boolean[]): boolean {
  return (isDesignation[hit.start] ?? false) || (isDesignation[hit.end - 1] ?? false);
}

/** True when b follows a with at most designations between them. */
export function adjacent(tokens: Token[], isDesignation: boolean[], a: Hit, b: Hit): boolean {
  if (b.start < a.end) return false;
  for (let i = a.end; i < b.start; i++) if (!isDesignation[i]) return false;
  return tokens.length > 0;
}

function lastNameToken(tokens: Token[]): number {
  let end = tokens.length;
  for (let words = countryWordsBefore(tokens, end); words > 0; words = countryWordsBefore(tokens, end))
    end -= words;
  return end;
}

/** How many words ending just before `end` name the country ("Việt Nam", "VN"): 0, 1 or 2. */
export function countryWordsBefore(tokens: Token[], end: number): number {
  const last = tokens[end - 1];
  if (!last) return 0;
  if (COUNTRY.has(last.loose)) return 1;
  const previous = tokens[end - 2];
  if (!previous || !COUNTRY_LAST_WORDS.has(last.loose)) return 0;
  return COUNTRY.has(`${previous.loose} ${last.loose}`) ? 2 : 0;
}

/** Last words of the country's two-word names ("nam" of "viet nam"). */
const COUNTRY_LAST_WORDS = new Set([...COUNTRY].map((name) => name.split(" ")[1]).filter(Boolean));

export function overlaps(a: Hit, b: Hit): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The matches whose words spell a district's or a province's name as written, with its diacritics. */
export function spelledUpperNames(tokens: Token[], matches: Match[], index: AddressIndex): Match[] {
  return matches.filter(
    (match) =>
      match.marked &&
      match.units.upper.some(
        (unit) => unit.exactIds !== undefined && index.writtenAs(tokens, match.start, unit.exactIds),
      ),
  );
}

/**
 * True when a district of the commune's province (`by` its old one or its new one) is named outside
 * the commune's words and the province's.
 */
function namesOtherDistrict(
  districts: Hit[],
  commune: Hit,
  province: Hit | undefined,
  by: "oldProvince" | "newProvince",
): boolean {
  return districts.some(
    (d) =>
      d.indexed[by] === commune.indexed[by] && !overlaps(d, commune) && !(province && overlaps(d, province)),
  );
}

/** Whether a match lies inside a longer district's or province's name: one spelled as it is, or any. */
type InsideName = "none" | "name" | "spelled";

function insideUpperName(match: Match, matches: Match[], spelled: Match[]): InsideName {
  if (spelled.some((name) => within(match, name))) return "spelled";
  return matches.some((other) => other.units.upper.length > 0 && within(match, other)) ? "name" : "none";
}

/** A run of tokens [start, end). */
interface Span {
  start: number;
  end: number;
}

/** True when span a lies inside span b and is shorter. */
export function within(a: Span, b: Span): boolean {
  return a.start >= b.start && a.end <= b.end && a.end - a.start < b.end - b.start;
}

/**
 * Hits for one-letter typos: spans not yet used, compared with the names of the units the best
 * chain allows (the communes of its district or province, or every province).
 */
export function typoHits(
  tokens: Token[],
  used: (i: number) => boolean,
  candidates: TypoCandidate[],
  index: AddressIndex,
  designations: Designations,
  spelled: Match[] = [],
): Hit[] {
  const hits: Hit[] = [];
  if (candidates.length === 0) return hits;
  const deletions = deletionsFor(candidates);
  for (let i = 0; i < tokens.length; i++) {
    // A designation typed with its diacritics opens no misspelled name: "Phường" of "Phường Kim
    // Động" is no "Phù Ủng", nor "Phường Móng" a "Phương Đông".
    if (designations.isDesignation[i] && (tokens[i] as Token).marked) continue;
    let key = "";
    let digits = true;
    for (let length = 1; length <= 5 && i + length <= tokens.length; length++) {
      const token = tokens[i + length - 1] as Token;
      if (used(i + length - 1) || (length > 1 && token.breakBefore)) break;
      key += token.loose;
      digits &&= token.word.numeric;
      if (key.length < 4 || digits) continue;
      const found = withinOneEditOf(key, candidates, deletions);
      // Words of a district's or a province's name spelled with its diacritics name no commune a
      // letter away ("Phường Đà Lạt" is the city written as a ward, not Xã Đạ Lây; "Krông A" of
      // "Krông A Na" is no Xã Krông Á).
      const inName = spelled.some((match) => match.start <= i && i + length <= match.end);
      for (const named of found.length > 0 ? found : scannedReadings(key, candidates, deletions)) {
        if (inName && named.unit.level === "commune") continue;
        named.indexed ??= index.indexedUnit(named.unit, named.era);
        const joined = named.key === key && writtenJoined(tokens, i, i + length, named.unit, designations);
        hits.push(typoHit(named.indexed, i, i + length, designations, joined));
      }
    }
  }
  return hits;
}

/**
 * True when the words from `start` to `end` spell the unit's name run together or split otherwise,
 * with the name's diacritics where any are typed, there or in the designation before ("MinhQuán" is
 * not Minh Quân, nor "Xã NgaThanh" Nga Thành).
 */
function writtenJoined(
  tokens: Token[],
  start: number,
  end: number,
  unit: Unit,
  { isDesignation }: Designations,
): boolean {
  let written = "";
  let marked = start > 0 && isDesignation[start - 1] === true && (tokens[start - 1] as Token).marked;
  for (let i = start; i < end; i++) {
    const token = tokens[i] as Token;
    written += token.exact;
    marked ||= token.marked;
  }
  return !marked || marksOf(written) === marksOf(unit.name.toLowerCase());
}

/** The diacritics of a text in order ("Hoằng Quỳ" → breve, grave, grave): where they sit aside. */
function marksOf(text: string): string {
  return (text.normalize("NFD").match(/\p{M}|đ/gu) ?? []).join("");
}

/** A unit a misspelled name may stand for, with its name's compact loose key ("tanlap"). */
export interface TypoCandidate {
  unit: Unit;
  era: "old" | "new";
  key: string;
  /** The unit as the resolver scores it, made on its first hit (a list belongs to one index). */
  indexed?: IndexedUnit;
}

/**
 * A misspelled name's hit, its designation weighed as for a name spelled right. A name whose words
 * are only run together or split otherwise (`joined`: "Eabá" for Ea Bá, "Iatô" for Ia Tô) is likelier
 * meant than one a letter away ("EaBar", "Ia O").
 */
function typoHit(
  indexed: IndexedUnit,
  start: number,
  end: number,
  designations: Designations,
  joined: boolean,
): Hit {
  const fit = designationFit(designations, indexed, start, end, false);
  const penalty = joined ? JOINED_PENALTY : TYPO_PENALTY;
  const score = BASE[indexed.level] + fit.score - penalty - (indexed.past ? PAST_PENALTY : 0);
  return {
    indexed,
    start: fit.from,
    end: fit.to,
    score,
    typo: !joined,
    earlierKind: fit.earlierKind,
    ...(joined ? { joined } : {}),
  };
}

/**
 * Letter pairs a scanner reads for one letter, in loose keys: "rn" for "m" ("Sầrn"), "ri" or "ii" for
 * "n" ("Vĩrih", "Thiiận"), "li" for "h" ("Tliắng"), "ii" for "u" ("Xiiân"). No Vietnamese syllable
 * holds "rn" or "ii"; "ri" and "li" do ("Trí", "Liên"), so a pair is read so only when the key is
 * within one edit of no name.
 */
const SCANNED_PAIRS: [string, string][] = [
  ["rn", "m"],
  ["ri", "n"],
  ["ii", "n"],
  ["ii", "u"],
  ["li", "h"],
];

/** The candidates whose key is `key` with one of {@link SCANNED_PAIRS} read as its letter. */
function scannedReadings(key: string, candidates: TypoCandidate[], deletions: Deletions | undefined) {
  for (const [pair, letter] of SCANNED_PAIRS) {
    for (let at = key.indexOf(pair); at >= 0; at = key.indexOf(pair, at + 1)) {
      const read = key.slice(0, at) + letter + key.slice(at + 2);
      const found = withinOneEditOf(read, candidates, deletions).filter((named) => named.key === read);
      if (found.length > 0) return found;
    }
  }
  return NONE;
}

/** The candidates whose key is within one edit of `key` (four letters or more). */
export function candidatesWithinOneEdit(key: string, candidates: TypoCandidate[]): TypoCandidate[] {
  return withinOneEditOf(key, candidates, deletionsFor(candidates));
}

const NONE: TypoCandidate[] = [];

const DELETIONS = new WeakMap<TypoCandidate[], Deletions>();

/** A list this short (a district's communes) is scanned: building its table would cost more. */
const SCANNED_LIST = 64;

/** The deletions table of a list of candidates, built on its first search; none for a short list. */
function deletionsFor(candidates: TypoCandidate[]): Deletions | undefined {
  if (candidates.length <= SCANNED_LIST) return undefined;
  let deletions = DELETIONS.get(candidates);
  if (!deletions) {
    deletions = deletionsOf(candidates);
    DELETIONS.set(candidates, deletions);
  }
  return deletions;
}

/**
 * Positions of the candidates under a hash of their key and of each key less one letter ("tanlap",
 * "anlap", "tnlap" …). Two keys within one edit share one of these texts: a substitution or a swap of
 * neighbours deletes to the same text, an insertion or a deletion leaves one key among the other's.
 * Hashes rather than texts: a search then makes no strings.
 */
function deletionsOf(candidates: TypoCandidate[]): Deletions {
  // (hash, position) pairs as hash · 2^20 + position, sorted: runs of one hash, positions ascending.
  const usable = (key: string, at: number) => key.length >= 2 && key.length < MAX_KEY && at < POSITIONS;
  let total = 0;
  candidates.forEach(({ key }, at) => {
    if (usable(key, at)) total += key.length + 1;
  });
  const pairs = new Float64Array(total);
  let filled = 0;
  candidates.forEach(({ key }, at) => {
    if (!usable(key, at)) return;
    const count = deletionHashes(key);
    for (let k = 0; k < count; k++) pairs[filled++] = (HASHES[k] as number) * POSITIONS + at;
  });
  pairs.sort();
  let size = 16;
  while (size < total * 2) size *= 2;
  const deletions: Deletions = {
    hashes: new Int32Array(size).fill(-1),
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    positions: new Int32Array(total),
    mask: size - 1,
    filter: new Uint32Array(DELETION_FILTER_BITS / 32),
  };
  let count = 0;
  for (let i = 0; i < total; ) {
    const hash = Math.floor((pairs[i] as number) / POSITIONS);
    let slot = hash & deletions.mask;
    while (deletions.hashes[slot] !== -1) slot = (slot + 1) & deletions.mask;
    deletions.hashes[slot] = hash;
    deletions.starts[slot] = count;
    for (; i < total && Math.floor((pairs[i] as number) / POSITIONS) === hash; i++) {
      const at = (pairs[i] as number) % POSITIONS;
      if (count === deletions.starts[slot] || deletions.positions[count - 1] !== at)
        deletions.positions[count++] = at;
    }
    deletions.ends[slot] = count;
    const bit = hash & (DELETION_FILTER_BITS - 1);
    deletions.filter[bit >>> 5] = (deletions.filter[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return deletions;
}

/** Positions in a list are below this (2^20), so that a hash and a position share one number. */
const POSITIONS = 0x100000;

/**
 * The positions by hash in one open-addressing table (for hash `hashes[slot]`, positions
 * `positions[starts[slot]]` to `positions[ends[slot] - 1]`), and a bit per hash modulo
 * DELETION_FILTER_BITS: most texts searched for are in no list, and a bit in a small array answers
 * that soonest. Typed arrays rather than a Map of lists: a province's list of a few thousand names
 * builds in a millisecond.
 */
interface Deletions {
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  positions: Int32Array;
  mask: number;
  filter: Uint32Array;
}

const DELETION_FILTER_BITS = 1 << 16;

/** No unit's name is this long: longer keys are within one edit of none. */
const MAX_KEY = 128;
const HASH_BASE = 0x01000193;
/** HASH_BASE to the power of each index, modulo 2^32. */
const POWERS = new Int32Array(MAX_KEY);
POWERS[0] = 1;
for (let i = 1; i < MAX_KEY; i++) POWERS[i] = Math.imul(POWERS[i - 1] as number, HASH_BASE);
const PREFIX = new Int32Array(MAX_KEY + 1);
const SUFFIX = new Int32Array(MAX_KEY + 1);
const HASHES = new Int32Array(MAX_KEY + 1);

/**
 * Fills HASHES with the polynomial hash of `key` and of `key` less each of its letters (30 bits,
 * small integers to a Map); returns how many.
 */
function deletionHashes(key: string): number {
  const n = key.length;
  PREFIX[0] = 0;
  for (let i = 0; i < n; i++) PREFIX[i + 1] = Math.imul(PREFIX[i] as number, HASH_BASE) + key.charCodeAt(i);
  SUFFIX[n] = 0;
  for (let j = n - 1; j >= 0; j--)
    SUFFIX[j] = Math.imul(key.charCodeAt(j), POWERS[n - 1 - j] as number) + (SUFFIX[j + 1] as number);
  HASHES[0] = (PREFIX[n] as number) & 0x3fffffff;
  for (let k = 0; k < n; k++)
    HASHES[k + 1] =
      (Math.imul(PREFIX[k] as number, POWERS[n - 1 - k] as number) + (SUFFIX[k + 1] as number)) & 0x3fffffff;
  return n + 1;
}

/**
 * The candidates within one edit of `key`: shorter names first; among names of one length, those
 * sharing the first two letters with it, then those sharing the last two, then (four letters) the
 * swaps of its middle letters; each group in the candidates' order.
 */
function withinOneEditOf(
  key: string,
  candidates: TypoCandidate[],
  deletions: Deletions | undefined,
): TypoCandidate[] {
  if (key.length >= MAX_KEY) return NONE;
  const found = deletions ? foundThrough(deletions, key, candidates) : foundByScan(key, candidates);
  if (found.length === 0) return NONE;
  const head = headOf(key);
  const tail = tailOf(key);
  const rank = (at: number) => {
    const other = (candidates[at] as TypoCandidate).key;
    const sameHead = headOf(other) === head;
    if (key.length === 4 && other.length === 4 && !sameHead && tailOf(other) !== tail) return 9;
    return (other.length - key.length + 1) * 2 + (sameHead ? 0 : 1);
  };
  if (found.length === 1) return [candidates[found[0] as number] as TypoCandidate];
  return found
    .map((at) => [rank(at), at] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, at]) => candidates[at] as TypoCandidate);
}

/** Positions of the candidates within one edit of `key`, through the deletions table. */
function foundThrough(deletions: Deletions, key: string, candidates: TypoCandidate[]): number[] {
  const found: number[] = [];
  const count = deletionHashes(key);
  const filter = deletions.filter;
  for (let k = 0; k < count; k++) {
    const hash = HASHES[k] as number;
    const bit = hash & (DELETION_FILTER_BITS - 1);
    if (((filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) continue;
    let slot = hash & deletions.mask;
    while (deletions.hashes[slot] !== hash && deletions.hashes[slot] !== -1)
      slot = (slot + 1) & deletions.mask;
    if (deletions.hashes[slot] === -1) continue;
    for (let p = deletions.starts[slot] as number; p < (deletions.ends[slot] as number); p++) {
      const at = deletions.positions[p] as number;
      if (!found.includes(at) && withinOneEdit(key, (candidates[at] as TypoCandidate).key)) found.push(at);
    }
  }
  return found;
}

function foundByScan(key: string, candidates: TypoCandidate[]): number[] {
  const found: number[] = [];
  for (let at = 0; at < candidates.length; at++) {
    const other = (candidates[at] as TypoCandidate).key;
    if (other.length >= 2 && withinOneEdit(key, other)) found.push(at);
  }
  return found;
}

/** The first two letters of a key as one number (letters past U+03FF share codes). */
function headOf(key: string): number {
  return ((key.charCodeAt(0) & 0x3ff) << 10) | (key.charCodeAt(1) & 0x3ff);
}

function tailOf(key: string): number {
  return ((key.charCodeAt(key.length - 2) & 0x3ff) << 10) | (key.charCodeAt(key.length - 1) & 0x3ff);
}

/** True when one insertion, deletion, substitution or swap of neighbours turns a into b. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (sameFrom(a, i + 1, b, i + 1)) return true; // substitution
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      sameFrom(a, i + 2, b, i + 2) // swap
    );
  }
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** True when a from index i and b from index j are the same text. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}
