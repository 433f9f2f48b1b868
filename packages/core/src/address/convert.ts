import { LAST_OLD_DAY } from "../data/history.ts";
import type { Unit } from "../data/records.ts";
import type { Lineage } from "../lineage/lineage.ts";
import { decodeLegacyFont } from "../text/legacy-fonts.ts";
import { repairMojibake } from "../text/mojibake.ts";
import { dForEth, joinHyphenatedLines, looseKey } from "../text/normalize.ts";
import { splitRunTogether } from "../text/run-together.ts";
import { decodeTyping } from "../text/typing.ts";
import { decodeViqr } from "../text/viqr.ts";
import { checkDate, today } from "../units/dates.ts";
import { splitFullName } from "../units/kinds.ts";
import type { UnitRegistry } from "../units/registry.ts";
import { DESIGNATIONS } from "./aliases.ts";
import { type Annotation, splitAnnotation } from "./annotations.ts";
import { formLabels, secondAddressStart } from "./labels.ts";
import { AddressIndex, type PreparedIndex } from "./name-index.ts";
import { readSpeltNumbers, spellsSyllableNumber } from "./numbers.ts";
import { type Reading, readingsOf, runText, unreadRuns } from "./read.ts";
import {
  adjacent,
  bestChain,
  buildChains,
  type Chain,
  type Designations,
  findDesignations,
  findHits,
  findMatches,
  type Hit,
  isWeak,
  type Match,
  namedProvinces,
  overlaps,
  spelledUpperNames,
  streetTokens,
  type TypoCandidate,
  typoHits,
  within,
  writtenWithDesignation,
} from "./resolve.ts";
import { type Token, tokenize } from "./tokenize.ts";

/** A new commune in the result. */
export interface NewCommune {
  code: string;
  full_name: string;
  province_code: string;
  province_full_name: string;
}

/** The result of converting one address; the CLI prints it as is (snake_case is the stable contract). */
export interface AddressResult {
  input: string;
  /** `ok`: one new commune; `ambiguous`: the old commune was split and nothing settles it; `not_found`. */
  status: "ok" | "ambiguous" | "not_found";
  new: NewCommune | null;
  /** Every new commune the address may now be in (one when `ok`). */
  candidates: { code: string; full_name: string; province_code: string; province_full_name: string }[];
  /** "street, commune, province" in today's units when `ok`, else null. */
  address: string | null;
  /**
   * 0 to 1: the best reading's score (20 or more is 1), less 0.2 for a misspelled name, divided by the
   * number of candidates, halved when an unreadable ward left only its district's namesake, and
   * three quarters of it when today's reading won over an old one of the same words.
   */
  confidence: number;
  /** The units the text was read as (old units unless it was already a new address). */
  matched: {
    commune: string | null;
    district: string | null;
    province: string | null;
    era: "old" | "new" | null;
  };
}

export interface ConvertOptions {
  /**
   * [longitude, latitude]: settles a split commune by the new commune that contains the point, and
   * halves the confidence of an answer whose commune does not contain it. Needs the boundaries;
   * throws a RangeError out of range (latitude first by mistake).
   */
  coords?: [number, number];
  /** ISO date of the new units to convert to; default today. */
  date?: string;
  /**
   * ISO date the address was written, when known: units in force on that day are preferred to the
   * others of the same name (the units of every date since 2004 are read either way). Converting to a
   * `date` before 2025-07-01, it defaults to that date.
   */
  asOf?: string;
  /**
   * Which units the text is written in: `old` (before 2025-07-01), `new`, or `auto` (default), which
   * reads both: a text naming a commune and a province of today without a district is read as today's
   * units (an old address nearly always names its district), with less confidence when the same words
   * also name an old commune that went elsewhere; other texts that fit both with different outcomes
   * are ambiguous.
   */
  era?: "old" | "new" | "auto";
}

/** Finds the new commune of a point, when boundaries are loaded. */
export type LocateFunction = (lng: number, lat: number) => string | undefined;

/** Score distance within which a weak reading's rivals are kept as candidates. */
const RIVAL_MARGIN_WEAK = 2.5;
/** How far below the best a weaker reading ({@link isWeak}) scores when it would have tied. */
const WEAK_TIE_MARGIN = 0.51;

/** What the confidence keeps when today's reading of a text wins over an old reading of the same words. */
const OLD_READING_LEFT = 0.75;

/** Only the end of a longer text is read: no address is that long, and it bounds the work per line. */
const MAX_ADDRESS_LENGTH = 1000;

/**
 * Reads free-text addresses written in old (or new) units and rewrites them in the units in force
 * on a date.
 *
 * @example
 * const converter = new AddressConverter(registry, lineage);
 * converter.convert("12 Hàng Bạc, P. Hàng Bạc, Q. Hoàn Kiếm, HN").address;
 * // "12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
 */
export class AddressConverter {
  private readonly registry: UnitRegistry;
  private readonly lineage: Lineage;
  private readonly locate?: LocateFunction;
  private readonly prepared?: PreparedIndex;
  /** Indexes by conversion date, and by the first day of the period each holds for. */
  private readonly indexes = new Map<string, AddressIndex>();
  private readonly indexesByPeriod = new Map<string, AddressIndex>();

  /** `prepared`: an index made by {@link AddressConverter.prepare}, used for the dates it holds for. */
  constructor(registry: UnitRegistry, lineage: Lineage, locate?: LocateFunction, prepared?: PreparedIndex) {
    this.registry = registry;
    this.lineage = lineage;
    this.locate = locate;
    this.prepared = prepared;
  }

  /**
   * The slow part of the name index for a date, as JSON: a loader that passes it back to the
   * constructor skips building the index (most of the load time).
   *
   * @example
   * const prepared = converter.prepare(); // JSON.stringify it at build time
   * new AddressConverter(registry, lineage, undefined, prepared).convert("P1 Q3 TPHCM").status; // "ok"
   */
  prepare(date: string = today()): PreparedIndex {
    return this.indexFor(checkDate(date)).prepare(this.registry, this.registry.periodOf(date));
  }

  /**
   * Converts one address. Never throws on any input. A text that holds several labelled addresses
   * ("Thường trú: …; Tạm trú: …") converts its first one, when that one names a commune and its
   * district or province.
   */
  convert(input: unknown, options: ConvertOptions = {}): AddressResult {
    const text = typeof input === "string" ? input : input == null ? "" : String(input);
    const annotation = splitAnnotation(text);
    const annotated = annotation && this.convertAnnotated(text, annotation, options);
    return annotated ?? this.convertPlain(text, options);
  }

  /**
   * An address that gives its old units and its new ones side by side, each part read as written in
   * its own: the new part settles among the old part's successors ("xã Tân Lập, huyện Đan Phượng (nay
   * là xã Ô Diên)": Tân Lập was split between Ô Diên and Hoài Đức), and stands alone when the old part
   * names nothing; where they disagree the new part, which the writer knew last, wins at half the
   * confidence. A text only marked old or new ("Xã A cũ, huyện B", "Phường X (mới)") is read without
   * the mark. Undefined when the annotation names no unit ("(gần chợ cũ)"), when neither part
   * converts, or converting to a day before 2025-07-01: the whole text is read then.
   */
  private convertAnnotated(
    text: string,
    annotation: Annotation,
    options: ConvertOptions,
  ): AddressResult | undefined {
    const date = dateOf(options);
    if (date <= LAST_OLD_DAY) return undefined;
    if (annotation.kind === "marked") {
      // The mark only hides words from the reading: which units the rest names, the reading tells.
      const marked = this.convertPlain(annotation.text, options);
      return marked.status === "not_found" ? undefined : { ...marked, input: text };
    }
    const older = this.convertPlain(annotation.old, { ...options, era: "old" });
    const readNewer = () => this.convertPlain(annotation.new, { ...options, era: "new" });
    // A bracket that names no unit, or names one only by a guess ("gần chợ cũ": Thị trấn Chờ, a
    // letter away), is no annotation: the whole text is read.
    const note = annotation.main === "old" ? readNewer() : older;
    if (note.status === "not_found" || note.confidence === 0) return undefined;
    // Today's units given in full, with an old one beside them ("Xã Ô Diên (xã Tân Lập cũ), Hà Nội"):
    // those, read as any text is; the old one, often without its district, tells nothing more. The
    // new part in the new units only is read when that reading is not already an answer.
    if (annotation.main === "new") {
      const main = this.convertPlain(annotation.new, options);
      if (main.status === "ok") return { ...main, input: text };
    }
    const newer = annotation.main === "old" ? note : readNewer();
    const candidates = older.status === "not_found" ? [] : older.candidates;
    const widened = surety(older);
    let chosen: NewCommune | undefined;
    let confidence = 0;
    if (newer.new && candidates.some((c) => c.code === newer.new?.code)) {
      chosen = newer.new;
      confidence = Math.max(newer.confidence, widened);
    } else {
      const named = candidates.filter((c) => namesUnit(annotation.new, c.full_name));
      if (named.length === 1) {
        chosen = named[0];
        confidence = widened;
      } else if (newer.new) {
        chosen = newer.new;
        confidence = candidates.length > 0 ? newer.confidence / 2 : newer.confidence;
      }
    }
    if (!chosen) {
      // The annotation settles nothing: the text without it.
      const main = annotation.main === "old" ? older : newer;
      return main.status === "not_found" ? undefined : { ...main, input: text };
    }
    const mainText = annotation.main === "old" ? annotation.old : annotation.new;
    const street = this.streetOfText(mainText, { ...options, era: annotation.main });
    const unitPart = `${chosen.full_name}, ${chosen.province_full_name}`;
    return {
      input: text,
      status: "ok",
      new: chosen,
      candidates: [chosen],
      address: street ? `${street}, ${unitPart}` : unitPart,
      confidence: round(confidence),
      matched: older.status !== "not_found" ? older.matched : newer.matched,
    };
  }

  /** The street part of a text as its best reading leaves it. */
  private streetOfText(text: string, options: ConvertOptions): string | undefined {
    const date = dateOf(options);
    const { normal, tokens, designations, best, hits, labels } = this.chainsOf(
      text,
      this.indexFor(date),
      options.era ?? "auto",
      asOfOf(options, date),
      false,
    );
    return best ? streetOf(normal, tokens, best, designations, hits, labels) : undefined;
  }

  /** {@link convert} of a text without annotations. */
  private convertPlain(text: string, options: ConvertOptions): AddressResult {
    const result = this.convertText(text, options, true);
    if (result.confidence === 1 || !spellsSyllableNumber(tokenizeAddress(text).tokens)) return result;
    // "Phuong Hai, Quan 10": without diacritics "Hai" may be a name's first word or "hai" (two). The
    // number is taken when it makes a surer answer than the name ("Phuong Hai" as Phường Phú Đông,
    // misspelt) or an answer where the name makes none.
    const numbered = this.convertText(text, options, true, true);
    const better =
      (numbered.status === "ok" && (result.status !== "ok" || numbered.confidence > result.confidence)) ||
      (result.status === "not_found" && numbered.status === "ambiguous");
    return better ? numbered : result;
  }

  /** Converts a text; `whole`: the caller's text, which may hold several addresses (a part of it does not). */
  private convertText(
    text: string,
    options: ConvertOptions,
    whole = false,
    syllables = false,
  ): AddressResult {
    const date = dateOf(options);
    const index = this.indexFor(date);
    const { normal, tokens, designations, chains, best, hits, missed, labels } = this.chainsOf(
      text,
      index,
      options.era ?? "auto",
      asOfOf(options, date),
      syllables,
    );
    const first = whole ? firstOfSeveral(normal, tokens) : undefined;
    if (first !== undefined) {
      const result = this.convertText(first, options, false, syllables);
      const { commune, district, province } = result.matched;
      if (result.status !== "not_found" && commune !== null && (district !== null || province !== null))
        return { ...result, input: text };
    }
    const { isDesignation } = designations;
    if (!best) return notFound(text, best);
    const districts = districtsUnderCommune(best, hits, designations);
    const guess = guessesCommuneFromLargerUnit(best, designations);
    let reading = best;
    let candidates: Unit[];
    // Today's reading chosen over old readings of the same words: the text may still be an old
    // address that left out its district.
    let overOldReading = false;
    if (!best.commune || (districts.length > 0 && !guess)) {
      // The text names a district ("Huyện Kỳ Sơn"), not a commune: an answer only when all of the
      // district went into one commune ("Huyện Côn Đảo", now Đặc khu Côn Đảo).
      reading = {
        district: best.commune ? districts[0] : best.district,
        province: best.province,
        score: best.score,
      };
      candidates = this.wholeDistrictInto(best.commune ? districts : [best.district], date);
      if (candidates.length === 0) return notFound(text, reading);
    } else {
      const commune = best.commune;
      if (
        missed ||
        (districts.length > 0 &&
          !districts.some((d) => commune.indexed.oldDistricts.includes(d.indexed.unit.code)))
      )
        return notFound(text, best);
      candidates = this.candidatesOf(chains, best, tokens, isDesignation, date);
      const current = candidates.length > 1 ? todaysReading(chains, best, tokens, designations) : undefined;
      if (current) {
        reading = current;
        candidates = [(current.commune as Hit).indexed.unit];
        overOldReading = true;
      }
      // A bare name of today's ward that an old district split among several also bore ("…, Ba Đình,
      // Hà Nội"): an old address's street may name one of that district's wards ("12 Cống Vị"), whose
      // successors are as likely; without one, today's ward is the likelier reading, not a sure one.
      const district = namesakeDistrict(chains, best, isDesignation);
      if (district && this.wholeDistrictInto([district], date).length === 0) {
        const ward = hits.find(
          (hit) =>
            hit.indexed.level === "commune" &&
            hit.indexed.era === "old" &&
            hit.end <= commune.start &&
            hit.indexed.oldDistricts.includes(district.indexed.unit.code),
        );
        if (ward)
          for (const unit of this.newUnitsOf(ward, date))
            if (!candidates.some((c) => c.code === unit.code)) candidates.push(unit);
        overOldReading = true;
      }
    }
    // A guess is never a sure answer: its commune is the text's only candidate, unless a point settles it.
    let chosen = candidates.length === 1 && !guess ? candidates[0] : undefined;
    let confidence = Math.min(1, reading.score / 20) - (chainHasTypo(reading) ? 0.2 : 0);
    if (overOldReading) confidence *= OLD_READING_LEFT;
    // Right in about two cases of five on the evaluation set's misspelled wards.
    if (guess) confidence /= 2;
    if (chosen && reading === best && this.hasWeakTwinElsewhere(chains, best, chosen, date)) confidence /= 2;
    if (options.coords && this.locate && candidates.length > 0) {
      const located = this.locate(options.coords[0], options.coords[1]);
      if (!chosen) chosen = candidates.find((unit) => unit.code === located);
      // A point in another commune than the one the address names makes that answer less certain
      // (the boundaries are today's: an answer in older units is not compared).
      else if (located !== undefined && located !== chosen.code && date > LAST_OLD_DAY) confidence /= 2;
    }
    // A point that settles nothing (at sea, or in none of them) leaves the candidates as likely.
    if (!chosen && candidates.length > 1) confidence /= candidates.length;
    const result: AddressResult = {
      input: text,
      status: chosen ? "ok" : candidates.length > 0 ? "ambiguous" : "not_found",
      new: chosen ? describe(chosen, index) : null,
      candidates: candidates.map((unit) => describe(unit, index)),
      address: null,
      confidence: candidates.length === 0 ? 0 : round(Math.max(0, confidence)),
      matched: matchedUnits(reading),
    };
    if (result.new) {
      const street = streetOf(normal, tokens, reading, designations, hits, labels);
      // Before 2025-07-01 an address names the district too.
      const district = date <= LAST_OLD_DAY ? this.districtOf(chosen as Unit, date) : undefined;
      const unitPart = district
        ? `${result.new.full_name}, ${district.fullName}, ${result.new.province_full_name}`
        : `${result.new.full_name}, ${result.new.province_full_name}`;
      result.address = street ? `${street}, ${unitPart}` : unitPart;
    }
    return result;
  }

  /**
   * Every way the text can be read as units, best first: each reading is a commune, a district or a
   * province with the larger units the text names around it, and the words it left unread. A search
   * box uses it to narrow "Phường 4, Quận 5" to the ward of that district. Never throws.
   *
   * @example
   * const [best] = converter.read("p4 q5 hcm");
   * best?.commune?.unit.fullName; // "Phường 4" (old, of Quận 5)
   * best?.district?.unit.fullName; // "Quận 5"
   * best?.unread; // []
   */
  read(input: unknown, options: ConvertOptions & { limit?: number } = {}): Reading[] {
    const text = typeof input === "string" ? input : input == null ? "" : String(input);
    const date = dateOf(options);
    const { normal, tokens, designations, chains } = this.chainsOf(
      text,
      this.indexFor(date),
      options.era ?? "auto",
      asOfOf(options, date),
    );
    return readingsOf(normal, tokens, chains, designations, options.limit ?? 50);
  }

  /**
   * Codes of the new provinces an address names, directly or through an old province or district
   * (empty when it names none): the provinces whose data a converter needs to read it.
   */
  provincesNamed(input: string, options: { date?: string } = {}): string[] {
    const index = this.indexFor(dateOf(options));
    const { tokens } = tokenizeAddress(input);
    const designations = findDesignations(tokens);
    const hits = findHits(tokens, findMatches(tokens, index), index, designations);
    return (
      namedProvinces(
        hits.filter((hit) => hit.indexed.level !== "commune"),
        designations,
      ) ?? []
    );
  }

  /**
   * True when the text has a district's designation ("Huyện", "Q.") whose words its best reading
   * leaves out. Read with one province's units, such an address may name another province's district
   * ("Kiệt 93 Nguyễn Huệ, Xã Hồng Thái, Huyện Bắc Bình" is no address of Huế).
   */
  leavesDistrictUnread(input: string, options: { date?: string } = {}): boolean {
    const date = dateOf(options);
    const { designations, best } = this.chainsOf(input, this.indexFor(date), "auto", undefined);
    const district = best?.district;
    return designations.before.some(
      (designation, i) =>
        designation?.levels.length === 1 &&
        designation.levels[0] === "district" &&
        !(district && district.start <= i && i < district.end),
    );
  }

  /** New communes of the best chain and of its near rivals, best chain first, each once. */
  private candidatesOf(
    chains: Chain[],
    best: Chain,
    tokens: Token[],
    isDesignation: boolean[],
    date: string,
  ): Unit[] {
    // Initials may stand for several districts ("H.TT": Tân Thạnh, Tân Trụ or Thủ Thừa), and a
    // district's name without its province for one in each of several ("Huyện Châu Thành").
    const district =
      best.district?.indexed.viaInitials || !best.province ? undefined : best.district?.indexed.unit.code;
    const rivals = chains
      .filter((c) => isRival(c, best, tokens, isDesignation) && inDistrict(c.commune, district))
      .sort((a, b) => b.score - a.score);
    if (rivals.length === 1) return this.newUnitsOf(rivals[0]?.commune as Hit, date);
    const units: Unit[] = [];
    for (const chain of rivals)
      for (const unit of this.newUnitsOf(chain.commune as Hit, date))
        if (!units.some((u) => u.code === unit.code)) units.push(unit);
    return units;
  }

  /**
   * True when a weaker reading of the same words (a namesake that ended before 2025, or one read by
   * the kind it had before) scores all but as well as the best and went elsewhere: an address written
   * before 2025 may have meant it ("Xã Tân Thành, Hòa Bình": the one of 2025 or the one gone in 2020).
   */
  private hasWeakTwinElsewhere(chains: Chain[], best: Chain, chosen: Unit, date: string): boolean {
    const commune = best.commune;
    if (!commune || isWeak(best)) return false;
    const district = best.district?.indexed.unit.code;
    return chains.some(
      (chain) =>
        chain.commune !== undefined &&
        isWeak(chain) &&
        chain.score >= best.score - WEAK_TIE_MARGIN &&
        chain.commune.indexed.unit.code !== commune.indexed.unit.code &&
        !within(chain.commune, commune) &&
        inDistrict(chain.commune, district) &&
        !this.newUnitsOf(chain.commune, date).some((unit) => unit.code === chosen.code),
    );
  }

  /** The hits of a text and the chains they make, with a second look for misspelled names. */
  private chainsOf(
    text: string,
    index: AddressIndex,
    era: "old" | "new" | "auto",
    asOf: string | undefined,
    syllables = false,
  ) {
    const { text: normal, tokens } = tokenizeAddress(text, syllables);
    const designations = findDesignations(tokens);
    const { isDesignation } = designations;
    const labels = formLabels(normal, tokens);
    const matches = findMatches(tokens, index);
    // Names of districts and provinces spelled as written: no commune is read inside one, nor misspelled.
    const spelled = spelledUpperNames(tokens, matches, index);
    const hits = ofEra(findHits(tokens, matches, index, designations, asOf, spelled), era).filter(
      (hit) => !labels || !inLabel(labels, hit),
    );
    let chains = buildChains(hits, tokens, isDesignation);
    let best = bestChain(chains);
    let missed = missedDistrict(best, hits, designations);
    const elsewhere = missed && best?.commune;
    if (mayHoldTypo(best, tokens, designations) || elsewhere) {
      const typos = this.typoHitsFor(best, tokens, hits, index, designations, missed, labels, spelled);
      // Looked for because the commune read lies outside the district named: only a commune of
      // that district is wanted, and words that spell the other commune ("An Hải") are no
      // misspelling there, unless the misspelled name holds them and more ("Hòa Thọ ĐĐông"), or
      // they spell its name run together ("Xã EaBar, Huyện Buôn Đôn": Phú Yên's EaBar, Buôn Đôn's Ea Bar).
      // Nor is another district, unless its misspelled name holds the words of the one read and
      // more ("Huyện Điện Biên Đôngg" read as Huyện Điện Biên).
      const misspelt = elsewhere
        ? typos.filter((hit) =>
            hit.indexed.level === "commune"
              ? !overlaps(hit, elsewhere) || within(elsewhere, hit) || !hit.typo
              : hit.indexed.level === "district" && missed !== undefined && within(missed, hit),
          )
        : typos;
      hits.push(...ofEra(misspelt, era));
      chains = buildChains(hits, tokens, isDesignation);
      best = bestChain(chains);
      missed = missedDistrict(best, hits, designations);
    }
    return { normal, tokens, designations, chains, best, hits, missed, labels };
  }

  private indexFor(date: string): AddressIndex {
    let index = this.indexes.get(date);
    if (index) return index;
    const prepared = this.prepared;
    const period =
      prepared && prepared.from <= date && (prepared.until === "" || date < prepared.until)
        ? prepared
        : this.registry.periodOf(date);
    index = this.indexesByPeriod.get(period.from);
    if (!index) {
      index = new AddressIndex(this.registry, this.lineage, date, period === prepared ? prepared : undefined);
      this.indexesByPeriod.set(period.from, index);
    }
    this.indexes.set(date, index);
    return index;
  }

  /** The district a commune was in on `date`, when districts existed. */
  private districtOf(unit: Unit, date: string): Unit | undefined {
    return unit.level === "commune"
      ? this.registry.byCode(unit.parentCode, { date, level: "district" })
      : undefined;
  }

  /** The one commune that all of these districts went into; none when they went into several. */
  private wholeDistrictInto(districts: (Hit | undefined)[], date: string): Unit[] {
    const units: Unit[] = [];
    for (const district of districts) {
      if (!district) continue;
      for (const unit of this.newUnitsOf(district, date))
        if (!units.some((u) => u.code === unit.code)) units.push(unit);
    }
    return units.length === 1 && units[0]?.level === "commune" ? units : [];
  }

  /** New communes in force on `date` that a matched commune became (or is). */
  private newUnitsOf(hit: Hit, date: string): Unit[] {
    const unit = hit.indexed.unit;
    if (hit.indexed.era === "new") return [unit];
    // A run of versions that covers the date (the index holds its last version): the version then.
    const { from, to } = hit.indexed;
    if (from <= date && (to === "" || date <= to)) {
      const then = this.registry.byCode(unit.code, { date, level: unit.level });
      if (then) return [then];
    }
    // Cached by the index, which holds for every date with the same units in force.
    return this.indexFor(date).destinationsOf(unit);
  }

  private typoHitsFor(
    chain: Chain | undefined,
    tokens: Token[],
    hits: Hit[],
    index: AddressIndex,
    designations: Designations,
    missed: Hit | undefined,
    labels: boolean[] | undefined,
    spelled: Match[],
  ): Hit[] {
    // A commune outside the district named is no reading of its words: they may be one of its own,
    // misspelled. So are the words of a commune read past a misspelled first word of its name
    // ("xã Khánhh Thạnh Tân" read as Thạnh Tân): the misspelled name may take them all.
    const reopened = missed || readPastUnreadName(chain, tokens, designations);
    const read = usedTokens(reopened ? { ...(chain as Chain), commune: undefined } : chain);
    const street = streetTokens(tokens, designations.isDesignation);
    // A longer name of the chain's province holds its words too ("Thừa Thiên" of "Thừa Thiên Huế").
    const province = chain?.province;
    const provinceNames = province
      ? hits.filter(
          (hit) =>
            hit.indexed.level === "province" &&
            hit.indexed.newProvince === province.indexed.newProvince &&
            overlaps(hit, province),
        )
      : [];
    const cut = cutDesignationAt(tokens);
    const used = (i: number) =>
      read(i) ||
      (street[i] as boolean) ||
      designations.nameless[i] === true ||
      i === cut ||
      labels?.[i] === true ||
      provinceNames.some((hit) => i >= hit.start && i < hit.end);
    const chosen = missed ?? chain?.district;
    const [districts, namesakes] = chosen
      ? [[chosen], []]
      : districtsReadAsCommune(chain, hits, designations);
    const ofDistrict: Hit[] = [];
    const lookIn = (districts: Hit[]) => {
      for (const { indexed } of districts) {
        const district = indexed.unit;
        // Its communes of every date: with the district named, one gone before 2025 is no far guess.
        const candidates = index.typoCandidates(district, "district", () => [
          ...typoCandidatesOf(index, index.oldCommunesOfDistrict.get(district.code), "old"),
          ...typoCandidatesOf(index, index.pastCommunesOfDistrict.get(district.code), "old"),
        ]);
        ofDistrict.push(...typoHits(tokens, used, candidates, index, designations, spelled));
      }
    };
    lookIn(districts);
    // Nothing there: the namesake of another designation, whose communes some records list
    // ("Huyện Kỳ Anh" for Kỳ Hưng, recorded only in Thị xã Kỳ Anh).
    if (ofDistrict.length === 0) lookIn(namesakes);
    // A district read outside the commune's may be another one misspelled: the province's are looked at too.
    if (districts.length > 0 && ((ofDistrict.length > 0 && !missed) || chain?.district)) return ofDistrict;
    if (province) {
      const named = province.indexed;
      // A new province's name also stands for every old province merged into it.
      const oldCodes = named.era === "old" ? [named.oldProvince] : index.oldProvincesOf(named.newProvince);
      const candidates = index.typoCandidates(named.unit, named.era, () => [
        ...oldCodes.flatMap((code) => [
          ...typoCandidatesOf(index, index.oldCommunesOfProvince.get(code), "old"),
          ...typoCandidatesOf(index, index.oldDistrictsOfProvince.get(code), "old"),
        ]),
        ...typoCandidatesOf(index, index.newCommunesOfProvince.get(named.newProvince), "new"),
      ]);
      return [...ofDistrict, ...typoHits(tokens, used, candidates, index, designations, spelled)];
    }
    // No province read (nor district): the province may be the misspelled name ("Xã Hải Tiến, Ninh ìBnh").
    if (hits.length === 0 || !chain?.district) {
      const candidates = index.typoCandidates(undefined, "provinces", () => [
        ...typoCandidatesOf(index, index.oldProvinces, "old"),
        ...typoCandidatesOf(index, index.newProvinces, "new"),
      ]);
      return [...ofDistrict, ...typoHits(tokens, used, candidates, index, designations, spelled)];
    }
    return ofDistrict;
  }
}

function typoCandidatesOf(
  index: AddressIndex,
  units: Unit[] | undefined,
  era: "old" | "new",
): TypoCandidate[] {
  return (units ?? []).map((unit) => ({ unit, era, key: index.compactKeyOf(unit) }));
}

/**
 * The checked `asOf` of the options, if any; converting to a day before 2025-07-01, that day unless the
 * options say otherwise (only a unit in force then converts to that day's units).
 */
function asOfOf(options: ConvertOptions, date: string): string | undefined {
  if (options.asOf !== undefined) return checkDate(options.asOf);
  return date <= LAST_OLD_DAY ? date : undefined;
}

function describe(unit: Unit, index: AddressIndex): NewCommune {
  const province = index.provinceCodeOf(unit);
  return {
    code: unit.code,
    full_name: unit.fullName,
    province_code: province,
    province_full_name: index.newProvinceName(province),
  };
}

function notFound(input: string, chain: Chain | undefined): AddressResult {
  return {
    input,
    status: "not_found",
    new: null,
    candidates: [],
    address: null,
    confidence: 0,
    matched: matchedUnits(chain),
  };
}

function matchedUnits(chain: Chain | undefined): AddressResult["matched"] {
  const era =
    chain?.commune?.indexed.era ?? chain?.district?.indexed.era ?? chain?.province?.indexed.era ?? null;
  return {
    commune: chain?.commune?.indexed.unit.fullName ?? null,
    district: chain?.district?.indexed.unit.fullName ?? null,
    province: chain?.province?.indexed.unit.fullName ?? null,
    era,
  };
}

/**
 * The tokens of an address, VIQR written with its marks ("Ha` No^.i" → "Hà Nội"), UTF-8 read as
 * Windows-1252 decoded right ("XÃ£" → "Xã"), the fonts of before Unicode read ("Hµ Néi", "Haø
 * Noäi" → "Hà Nội"), the eth read
 * as đ ("Ðống Ða"), words a line break cut with a hyphen joined ("Th-\nành"), words run together
 * split ("XaPhuNhuan" → "Xa Phu Nhuan"), the keys of VNI or Telex typing read as the marks they stand
 * for ("Huye6n5", "Huyeenj" → "Huyện") and numbers spelt out after a designation read as digits
 * ("Phường Mười Hai"); of a longer one, its last MAX_ADDRESS_LENGTH characters from a word's start:
 * the units are written at the end, after the street.
 */
function tokenizeAddress(input: string, syllables = false): ReturnType<typeof tokenize> {
  const text = decodeTyping(
    splitRunTogether(joinHyphenatedLines(dForEth(decodeLegacyFont(repairMojibake(decodeViqr(input)))))),
  );
  const tail = text.slice(Math.max(0, text.length - MAX_ADDRESS_LENGTH));
  // Cut inside a word: read from the next one.
  const cut =
    tail.length === text.length || /[\s,;]/.test(text.charAt(text.length - MAX_ADDRESS_LENGTH - 1))
      ? -1
      : tail.search(/[\s,;]\S/);
  const read = tokenize(cut < 0 ? tail : tail.slice(cut + 1));
  return { text: read.text, tokens: readSpeltNumbers(read.tokens, syllables) };
}

/** True when every word of the hit is a form's label's. */
function inLabel(labels: boolean[], hit: Hit): boolean {
  for (let i = hit.start; i < hit.end; i++) if (!labels[i]) return false;
  return true;
}

/** The text up to its second labelled address, when it holds several (see labels.ts). */
function firstOfSeveral(text: string, tokens: Token[]): string | undefined {
  // Every label is followed by a colon, but for "(hoặc": most texts have neither.
  if (!text.includes(":") && !text.includes("(")) return undefined;
  const start = secondAddressStart(text, tokens);
  return start < 0 ? undefined : text.slice(0, start);
}

/** Loose forms of the first words of designations written in full, and their beginnings: "huyen", "huye", "hu"… */
const DESIGNATION_BEGINNINGS = new Set(
  DESIGNATIONS.flatMap(({ words, exact }) => {
    const word = words[0] as string;
    if (!exact) return [];
    return Array.from({ length: word.length - 1 }, (_, k) => word.slice(0, k + 2));
  }),
);

/**
 * The last token of a text cut inside or right after a designation ("…, Xã Sơn Hạ, Huyện", "…,
 * Huyệ"), as a text cut at a fixed width is: no misspelled name ("Huyệ" is no Huế, "Huyện" no Phú
 * Yên). -1 when the text does not end so.
 */
function cutDesignationAt(tokens: Token[]): number {
  const last = tokens.at(-1);
  return last && tokens.length > 1 && last.breakBefore && DESIGNATION_BEGINNINGS.has(last.loose)
    ? tokens.length - 1
    : -1;
}

/**
 * Worth a search for misspelled names: no commune was found, or a commune without its district
 * and without a designation while other words are left over ("Xa Tan Lapp, Dan Phuong, Ha Noi").
 */
function mayHoldTypo(chain: Chain | undefined, tokens: Token[], designations: Designations): boolean {
  if (!chain?.commune) return true;
  const used = usedTokens(chain);
  const { before, isDesignation } = designations;
  /** True when a designation of `level` is followed by words nothing read. */
  const unreadAfter = (level: "commune" | "district") =>
    tokens.some((_, i) => !used(i) && !isDesignation[i] && before[i]?.levels.includes(level));
  // A commune's designation so followed: that commune may be misspelled, and the one read a
  // street's ("226 đường Nam Kỳ Khởi Nghĩa, Xã Tiên Mnih, Huyện Tiên Lãng").
  if (unreadAfter("commune")) return true;
  if (chain.district) return false;
  // A well-read commune needs no second look, unless no province came with it or a district's
  // designation is followed by words nothing read ("Xã Tân An, huyện Thaanh Hà, Tỉnh Hải Dương").
  if (chain.commune.score >= 12 && chain.province) return unreadAfter("district");
  return tokens.some(
    (t, i) => !used(i) && !isDesignation[i] && !startsWithDigit(t.loose) && t.loose.length > 1,
  );
}

/**
 * True when the chain's commune starts after unread words that follow a commune's designation in the
 * same part: "xã Khánhh Thạnh Tân" read as "Thạnh Tân", "Khánhh" left over.
 */
function readPastUnreadName(
  chain: Chain | undefined,
  tokens: Token[],
  { before, isDesignation }: Designations,
) {
  const commune = chain?.commune;
  if (!commune) return false;
  for (let i = commune.start - 1; i >= 0; i--) {
    const token = tokens[i] as Token;
    if (isDesignation[i]) return false;
    if (before[i]?.levels.includes("commune")) return true;
    if (token.breakBefore) return false;
  }
  return false;
}

function startsWithDigit(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/**
 * The districts whose words the chain read as a commune of the same name ("Huyện Nho Quan" read as
 * "Thị trấn Nho Quan", "Huyện Lý Nhân" as today's Xã Lý Nhân): a misspelled commune is then most
 * likely one of theirs. The best-read first, then the others of those words.
 */
function districtsReadAsCommune(
  chain: Chain | undefined,
  hits: Hit[],
  { isDesignation }: Designations,
): [Hit[], Hit[]] {
  const commune = chain?.commune;
  // Its own designation makes it the commune's name ("Xã Nho Quan" of today).
  if (!commune || writtenWithDesignation(commune, isDesignation)) return [[], []];
  // The best-scoring districts of the province read on those words: the designation tells "Huyện Cai
  // Lậy" from "Thị xã Cai Lậy", whichever the commune's territory was in, and a new province holds
  // as many "Huyện Châu Thành" as old provinces merged into it that had one.
  const province = chain.province?.indexed.newProvince ?? commune.indexed.newProvince;
  const named = hits.filter(
    (h) =>
      h.indexed.level === "district" &&
      h.indexed.era === "old" &&
      h.indexed.newProvince === province &&
      h.start <= commune.start &&
      h.end >= commune.end,
  );
  const best = Math.max(...named.map((h) => h.score));
  return [named.filter((h) => h.score === best), named.filter((h) => h.score !== best)];
}

/**
 * The districts the text names on the words the chain's commune was read from: words carrying a
 * district's or a province's designation ("Huyện Kỳ Sơn", read as the old Xã Kỳ Sơn of Huyện Tân
 * Kỳ), or words inside a designated district's name ("Quận Bắc Từ Liêm", read as Phường Từ Liêm).
 * The text names that district there, whatever commune shares its name; where the designation tells
 * the kind ("Thị xã Kỳ Anh" beside Huyện Kỳ Anh), districts of that kind only.
 */
function districtsUnderCommune(chain: Chain, hits: Hit[], designations: Designations): Hit[] {
  const commune = chain.commune;
  if (!commune) return [];
  const own = designations.before[commune.start] ?? designations.after[commune.end];
  if (own && (own.levels.includes("commune") || !own.levels.includes("district"))) return [];
  const province = chain.province?.indexed.newProvince;
  const named = hits.filter(
    (hit) =>
      hit.indexed.level === "district" &&
      !hit.typo &&
      hit.start <= commune.start &&
      hit.end >= commune.end &&
      (own !== undefined ||
        ((hit.start < commune.start || hit.end > commune.end) &&
          isDesignatedDistrict(hit, designations, true))) &&
      (province === undefined || hit.indexed.newProvince === province),
  );
  const first = named[0];
  const designation = own ?? (first && designations.before[first.start]);
  const ofKind = named.filter((hit) => designation?.kinds.includes(hit.indexed.kind));
  if (ofKind.length > 0) return ofKind;
  // A district's designation of a kind it never had, with that district written on its own as well
  // ("Thị xã Thanh Miện, huyện Thanh Miện"), is its township's designation mistaken.
  const district = chain.district;
  if (
    own &&
    district &&
    named.some((hit) => hit.indexed.unit.code === district.indexed.unit.code && !overlaps(hit, district))
  )
    return [];
  return named;
}

/**
 * A district hit whose words carry a district's designation ("Quận 2", "Huyện Mê Linh"), or with
 * `english`, one after them too ("Mo Cay Nam District"). The English form is not enough to call the
 * district named but not read: geocoders write it after a commune of another district.
 */
function isDesignatedDistrict(hit: Hit, designations: Designations, english = false): boolean {
  return (
    designations.isDesignation[hit.start] === true ||
    designations.before[hit.start]?.levels.includes("district") === true ||
    (english &&
      ((hit.end > 0 && designations.isDesignation[hit.end - 1] === true) ||
        (hit.end < designations.after.length &&
          designations.after[hit.end]?.levels.includes("district") === true)))
  );
}

/**
 * The district the text names with its designation ("Quận 2", "Huyện Mê Linh") that the chain's
 * commune was never in: the commune is then a namesake elsewhere (or the district's own commune
 * misspelled). A chain that read a district inside those words ("Điện Biên" of "Thành phố Điện Biên
 * Phủ") does not count.
 */
function missedDistrict(chain: Chain | undefined, hits: Hit[], designations: Designations): Hit | undefined {
  const commune = chain?.commune;
  if (!chain || !commune) return undefined;
  const read = chain.district;
  for (const hit of hits) {
    const indexed = hit.indexed;
    if (indexed.level !== "district" || indexed.era !== "old" || hit.typo) continue;
    if (
      !isDesignatedDistrict(hit, designations) ||
      overlaps(hit, commune) ||
      (chain.province && overlaps(hit, chain.province))
    )
      continue;
    if (read && (read.indexed.unit.code === indexed.unit.code || !namesBetter(hit, read))) continue;
    // Words that also name a province ("Thành phố Huế") do not name a district only, unless the
    // province is written elsewhere ("Thành phố Cà Mau, Tỉnh Cà Mau").
    if (!chain.province && hits.some((h) => h.indexed.level === "province" && overlaps(h, hit))) continue;
    if (!commune.indexed.oldDistricts.includes(indexed.unit.code)) return hit;
  }
  return undefined;
}

/**
 * True when district hit a, of b's province, covers b's words and more of the name ("Thành phố Điện
 * Biên Phủ" over Huyện Điện Biên): the text names a's unit there, not b's. (Another kind's
 * designation does not tell them apart: people write "Tp." or "Tx." for any district.)
 */
function namesBetter(a: Hit, b: Hit): boolean {
  if (a.indexed.newProvince !== b.indexed.newProvince || a.start > b.start || a.end < b.end) return false;
  const words = (hit: Hit) => hit.indexed.unit.name.split(" ").length;
  return words(a) > words(b);
}

/**
 * True when the chain's commune is read from words designated as a district or a province ("Quận
 * Tân Bình" as Phường Tân Bình) while a commune's designation elsewhere names words nothing read
 * ("Phường 66", "Xã à Vị"): the commune the text names is unreadable, and its district's namesake
 * is a guess.
 */
function guessesCommuneFromLargerUnit(chain: Chain, designations: Designations): boolean {
  const commune = chain.commune;
  if (!commune) return false;
  const own = designations.before[commune.start];
  if (!own || own.levels.includes("commune")) return false;
  const read = [chain.commune, chain.district, chain.province];
  return designations.before.some(
    (designation, at) =>
      designation !== undefined &&
      designation.levels.length === 1 &&
      designation.levels[0] === "commune" &&
      !read.some((hit) => hit && at >= hit.start && at < hit.end),
  );
}

/**
 * Today's reading of a text that names no district and reads as a commune and a province in force
 * today, where the same words also name old communes that went (wholly or partly) elsewhere:
 * "Phường Nghĩa Đô, Thành phố Hà Nội" is today's ward, though the old Phường Nghĩa Đô was split.
 * Written since 2025, an address names two levels; written before, it nearly always named its
 * district. Undefined when another reading differs on other words, or names an old province.
 */
function todaysReading(
  chains: Chain[],
  best: Chain,
  tokens: Token[],
  designations: Designations,
): Chain | undefined {
  const { isDesignation } = designations;
  if (best.district) return undefined;
  let current: Chain | undefined;
  for (const chain of chains) {
    const commune = chain.commune;
    if (!commune || (chain !== best && !isRival(chain, best, tokens, isDesignation))) continue;
    if (commune.indexed.era === "new" && chain.province?.indexed.era === "new" && !chain.district) {
      if (current) return undefined;
      current = chain;
    } else if (commune.indexed.era === "new" || !best.commune || !overlaps(commune, best.commune))
      return undefined;
  }
  const commune = current?.commune;
  const province = current?.province;
  if (!commune || !province) return undefined;
  // Words between the two may be the district's, unread ("Phường Phú Mỹ - 7 - Hồ Chí Minh").
  if (
    !adjacent(tokens, isDesignation, commune, province) &&
    !adjacent(tokens, isDesignation, province, commune)
  )
    return undefined;
  // A bare name that an old district of the province also bears is as likely that district ("Long Biên, Hà Nội").
  const designated = writtenWithDesignation(commune, isDesignation);
  const districtNamed = chains.some(
    (chain) =>
      !chain.commune &&
      chain.district !== undefined &&
      chain.district.indexed.newProvince === commune.indexed.newProvince &&
      overlaps(chain.district, commune),
  );
  return designated || !districtNamed ? current : undefined;
}

/**
 * The old district whose name the words of the chain's commune, a ward of today written without its
 * designation, also are ("Ba Đình" of "12 Cống Vị, Ba Đình, Hà Nội"), read in a chain of its own.
 */
function namesakeDistrict(chains: Chain[], best: Chain, isDesignation: boolean[]): Hit | undefined {
  const commune = best.commune;
  if (
    !commune ||
    best.district ||
    commune.indexed.era !== "new" ||
    writtenWithDesignation(commune, isDesignation)
  )
    return undefined;
  return chains.find(
    (chain) =>
      !chain.commune &&
      chain.district?.indexed.era === "old" &&
      chain.district.indexed.newProvince === commune.indexed.newProvince &&
      overlaps(chain.district, commune),
  )?.district;
}

/** Hits that fit the era the caller says the text is written in (provinces and districts always do). */
function ofEra(hits: Hit[], era: "old" | "new" | "auto"): Hit[] {
  return era === "auto" ? hits : hits.filter((h) => h.indexed.level !== "commune" || h.indexed.era === era);
}

/** True when no district is named (`undefined`), or when the commune read was ever in it. */
function inDistrict(commune: Hit | undefined, district: string | undefined): boolean {
  return district === undefined || (commune?.indexed.oldDistricts.includes(district) ?? false);
}

/**
 * True when a chain's reading stays a candidate beside the best one: it scores as well, or nearly
 * as well while the best reading is a weak one — an old commune without its district, a misspelled
 * name, or a new commune without a district while another part of the text names an old commune
 * ("Cổ Nhuế 1, Từ Liêm, Hà Nội": the old ward, or the new Phường Từ Liêm?).
 */
function isRival(chain: Chain, best: Chain, tokens: Token[], isDesignation: boolean[]): boolean {
  const commune = chain.commune;
  const bestCommune = best.commune;
  if (!commune || !bestCommune) return false;
  // A unit that ended before 2025-06-30 is a weaker reading of the same words than a later one.
  if (commune.indexed.past && !bestCommune.indexed.past) return false;
  // So is a name read by a kind it had before ("Xã Tân Định", a phường since 2013) beside one read by its kind of 2025.
  if (commune.earlierKind && !bestCommune.earlierKind) return false;
  // "Hoài Châu" inside "Xã Hoài Châu Bắc" leaves a word of the name unread: the longer name stands.
  if (within(commune, bestCommune)) return false;
  // A name a letter away is no rival to one whose words were only run together ("Xã KỳBắc": Kỳ Bắc,
  // not Kỳ Lạc). (Beside a name read as written, one a letter away keeps an institution's words from
  // passing for a sure commune: "Hội Liên hiệp Phụ nữ thành phố Hà Nội" is no address of Xã Liên Hiệp.)
  if (bestCommune.joined && commune.typo) return false;
  if (chain.score >= best.score - 0.01) return true;
  if (chain.score < best.score - RIVAL_MARGIN_WEAK) return false;
  if (chainHasTypo(best)) return true;
  if (best.district) return false;
  if (bestCommune.indexed.era === "old") return true;
  return (
    commune.indexed.era === "old" &&
    !overlaps(commune, bestCommune) &&
    startsPart(tokens, commune, isDesignation)
  );
}

/**
 * True when a hit opens its part of the address, after its designation at most: a name after a
 * house number or a word such as "Số" or "Ngõ" is a street ("Số 12 Lê Lợi"), not a commune.
 */
function startsPart(tokens: Token[], hit: Hit, isDesignation: boolean[]): boolean {
  let i = hit.start;
  while (i > 0 && isDesignation[i - 1] && !(tokens[i] as Token).breakBefore) i--;
  return i === 0 || (tokens[i] as Token).breakBefore;
}

function chainHasTypo(chain: Chain): boolean {
  return !!(chain.commune?.typo || chain.district?.typo || chain.province?.typo);
}

function usedTokens(chain: Chain | undefined): (i: number) => boolean {
  const spans = [chain?.commune, chain?.district, chain?.province].filter((h): h is Hit => !!h);
  return (i) => spans.some((h) => i >= h.start && i < h.end);
}

/**
 * The part of the address that is not a unit, for an envelope: the words outside the chain's units,
 * their designations and the country, as written, less the runs that only name another district or
 * province (an old one the chain did not need, "District 2", an old province beside the new one).
 */
function streetOf(
  text: string,
  tokens: Token[],
  chain: Chain,
  designations: Designations,
  hits: Hit[],
  labels: boolean[] | undefined,
): string {
  const communeEnd = chain.commune?.end ?? tokens.length;
  const runs = withoutLabels(unreadRuns(tokens, chain, designations), labels);
  let street = "";
  for (let r = 0; r < runs.length; r += 2) {
    const from = runs[r] as number;
    const to = runs[r + 1] as number;
    if (
      namesUnitOnly(from, to, from >= communeEnd, hits, designations) ||
      readAsChainUnit(from, to, chain, hits) ||
      (from >= communeEnd && isTrailingNoise(tokens, from, to, designations))
    )
      continue;
    street += `${street ? ", " : ""}${runText(text, tokens, from, to)}`;
  }
  return street;
}

/**
 * True when words after the commune are only designations the reading left over, postcodes and the
 * marks "cũ" (old) and "mới" (new): "City 700000" of "Ho Chi Minh City 700000", "Special Zone" of
 * "Spratly Special Zone", "cu" of "Xa Phu Mo cu". No street follows the commune; these are the units' own.
 */
function isTrailingNoise(tokens: Token[], from: number, to: number, designations: Designations): boolean {
  for (let i = from; i < to; i++) {
    const word = tokens[i]?.loose ?? "";
    if (!designations.isDesignation[i] && !POSTCODE.test(word) && !TRAILING_WORDS.has(word)) return false;
  }
  return true;
}

/** A postcode: five digits since 2018, six before. */
const POSTCODE = /^\d{5,6}$/;

/**
 * Words of the English designations, which may come after a name the reading took alone, and the
 * marks of old and new without diacritics (with them, the annotation reader takes them first).
 */
const TRAILING_WORDS = new Set([
  "cu",
  "moi",
  "city",
  "province",
  "district",
  "ward",
  "commune",
  "town",
  "township",
  "special",
  "zone",
  "administrative",
  "region",
]);

/** Runs `[from, to, …]` split around a form's labels, which are no part of a street ("Thường trú: Thôn 12"). */
function withoutLabels(runs: number[], labels: boolean[] | undefined): number[] {
  if (!labels) return runs;
  const out: number[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    let start = -1;
    for (let i = runs[r] as number; i <= (runs[r + 1] as number); i++) {
      const free = i < (runs[r + 1] as number) && !labels[i];
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        out.push(start, i);
        start = -1;
      }
    }
  }
  return out;
}

/**
 * True when the tokens [from, to) and a unit of the chain beside them are another way to write that
 * unit: "Thừa Thiên" before "Huế", the chain having read "Huế" alone.
 */
function readAsChainUnit(from: number, to: number, chain: Chain, hits: Hit[]): boolean {
  for (const part of [chain.commune, chain.district, chain.province]) {
    if (!part || (part.start !== to && part.end !== from)) continue;
    const start = Math.min(from, part.start);
    const end = Math.max(to, part.end);
    for (const hit of hits)
      if (
        hit.start <= start &&
        hit.end >= end &&
        hit.indexed.level === part.indexed.level &&
        hit.indexed.unit.code === part.indexed.unit.code
      )
        return true;
  }
  return false;
}

/**
 * True when the tokens [from, to) are one district's or province's name with its designation, or,
 * after the commune (where the units are written), one such name alone: a street may bear a unit's
 * name ("12 Hai Bà Trưng"), so a bare name before the commune stays.
 */
function namesUnitOnly(
  from: number,
  to: number,
  afterCommune: boolean,
  hits: Hit[],
  designations: Designations,
): boolean {
  const { isDesignation } = designations;
  for (const hit of hits) {
    if (hit.indexed.level === "commune" || hit.typo || hit.start < from || hit.end > to) continue;
    let designated = false;
    let covered = true;
    for (let i = from; i < to && covered; i++) {
      if (i >= hit.start && i < hit.end) designated ||= isDesignation[i] ?? false;
      else if (isDesignation[i]) designated = true;
      else covered = false;
    }
    if (covered && (designated || afterCommune || designations.after[hit.end])) return true;
  }
  return false;
}

/** How sure a reading is of its units, whichever of its candidates: its confidence times their number. */
function surety(result: AddressResult): number {
  return Math.min(1, result.confidence * Math.max(1, result.candidates.length));
}

/** True when a text names a commune by its bare name, as whole words ("xã Vĩnh Hưng" names Xã Vĩnh Hưng). */
function namesUnit(text: string, fullName: string): boolean {
  const bare = looseKey(splitFullName(fullName, "commune")?.name ?? fullName);
  return bare !== "" && ` ${looseKey(text)} `.includes(` ${bare} `);
}

/** The day to convert to: the options', checked, or today. */
function dateOf(options: ConvertOptions): string {
  return options.date === undefined ? today() : checkDate(options.date);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
