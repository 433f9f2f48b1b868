/**
 * Search over every old and new unit as people type: names in any spelling, codes, common names of
 * provinces ("Saigon", "HCM"), and several parts at once ("Phường 4, Quận 5", "p4 q5 hcm") read by
 * the address parser of @diagioi/core, so that a district or province narrows the communes.
 */
import {
  type AddressResult,
  type Diagioi,
  looseKey,
  type Reading,
  type ReadUnit,
  type Unit,
  withinOneEdit,
} from "@diagioi/core";

export interface SearchEntry {
  unit: Unit;
  era: "old" | "new";
  key: string;
  /** Its bare name's loose key without spaces ("nhatrang"), for close spellings. */
  compact: string;
  /** The district an old commune was in. */
  district?: Unit;
  /** The province it belongs (or belonged) to; none for a province. */
  province?: Unit;
}

export interface SearchIndex {
  entries: SearchEntry[];
  byKey: Map<string, SearchEntry>;
}

export interface SearchOutcome {
  /** Best first. */
  entries: SearchEntry[];
  /** A unit the text named that holds nothing of the other name it gave: "Phường 11" in "Quận 10". */
  missing?: { name: string; within: SearchEntry };
  /** Words that name no unit ("quận 2" in "thảo điền quận 2"). */
  unread: string[];
  /** The text is a whole address (a street and its units): its conversion to today's units. */
  address?: AddressResult;
  /** Entries found through a unit that ended before 2025-06-30 ("Hà Tây" → Hà Nội): that unit. */
  through: Map<SearchEntry, Unit>;
  /** Nothing is named so: the entries are names one letter away ("Nha Trng" → Nha Trang). */
  closeSpellings?: boolean;
}

const OLD_DATE = "2025-06-30";
/** Score below the best reading within which readings that leave words unread are still shown. */
const PARTIAL_MARGIN = 3;

export function entryKey(era: "old" | "new", level: string, code: string): string {
  return `${era}:${level}:${code}`;
}

/** Every old unit (of 2025-06-30) and every unit in force today, with its district and province. */
export function buildSearchIndex(diagioi: Diagioi, today: string): SearchIndex {
  const entries: SearchEntry[] = [];
  const byKey = new Map<string, SearchEntry>();
  for (const [era, date] of [
    ["new", today],
    ["old", OLD_DATE],
  ] as const) {
    for (const unit of diagioi.units.all({ date })) {
      const parent = unit.level === "province" ? undefined : diagioi.units.byCode(unit.parentCode, { date });
      const district = parent?.level === "district" ? parent : undefined;
      const province = district
        ? diagioi.units.byCode(district.parentCode, { level: "province", date })
        : parent;
      const entry: SearchEntry = {
        unit,
        era,
        key: looseKey(unit.fullName),
        compact: compactOf(unit.name),
        district,
        province,
      };
      entries.push(entry);
      byKey.set(entryKey(era, unit.level, unit.code), entry);
    }
  }
  return { entries, byKey };
}

/**
 * The units a text names, best first: readings that account for every word and name two units or a
 * common name; then names containing the text; then readings that leave words unread.
 */
export function search(index: SearchIndex, diagioi: Diagioi, query: string): SearchOutcome {
  const text = query.trim();
  const outcome: SearchOutcome = { entries: [], unread: [], through: new Map() };
  if (text.length < 2) return outcome;
  if (/^\d{2,5}$/.test(text)) {
    outcome.entries = index.entries.filter((e) => e.unit.code === text);
    return outcome;
  }
  const readings = diagioi.converter.read(text, { limit: 80 });
  const seen = new Set<SearchEntry>();
  const add = (entry: SearchEntry | undefined) => {
    if (entry && !seen.has(entry)) {
      seen.add(entry);
      outcome.entries.push(entry);
    }
  };
  const entryOf = (u: ReadUnit | undefined) => entriesOf(index, diagioi, u)[0];
  // A unit that ended before 2025-06-30 stands for the units it went into, which say so.
  const addThrough = (unit: ReadUnit | undefined) => {
    for (const entry of entriesOf(index, diagioi, unit)) {
      if (unit && isPast(unit) && !seen.has(entry)) outcome.through.set(entry, unit.unit);
      add(entry);
    }
  };
  const parts = (r: Reading) => [r.commune, r.district, r.province].filter(Boolean).length;
  const alias = (r: Reading) => [r.commune, r.district, r.province].some((u) => u?.viaAlias);
  const smallest = (r: Reading) => r.commune ?? r.district ?? r.province;

  // A unit's full name typed whole ("Phường Sài Gòn") is that unit, before a common name read in it
  // ("Sài Gòn", Hồ Chí Minh City); today's first.
  const named = byName(index.entries, text);
  const whole = looseKey(text);
  for (const entry of named) if (entry.key === whole) add(entry);

  // A unit's name with a designation, before or after it ("Ho Chi Minh City", "Hoan Kiem district"):
  // more words than the bare name, all read.
  const designated = (r: Reading) => whole !== looseKey(smallest(r)?.unit.name ?? "");
  // Readings of every word, naming two or more units, a province by its common name or a designated
  // unit; new units first among equals.
  const complete = readings
    .filter((r) => r.unread.length === 0 && (parts(r) >= 2 || alias(r) || designated(r)))
    .sort((a, b) => b.score - a.score || eraRank(smallest(a)) - eraRank(smallest(b)));
  for (const reading of complete) addThrough(smallest(reading));

  for (const entry of named) add(entry);
  // A unit that ended before 2025-06-30 ("Quận 2", "Hà Tây") has no entry of its name: a reading of
  // every word finds it; a past commune only when nothing else is named so (ward numbers recur).
  const found = outcome.entries.length;
  for (const reading of readings) {
    const unit = smallest(reading);
    if (!unit || reading.unread.length > 0 || !isPast(unit) || (unit.level === "commune" && found > 0))
      continue;
    addThrough(unit);
  }
  // A province that ended before 2025 named alone ("Hà Tây") is what the text meant, before today's
  // communes of its name.
  const throughProvince = (entry: SearchEntry) => (outcome.through.get(entry)?.level === "province" ? 0 : 1);
  outcome.entries.sort((a, b) => throughProvince(a) - throughProvince(b));

  // Readings that leave words unread. A commune whose unread words name a larger unit is not in it.
  const alone = new Map<string, Reading | undefined>();
  const larger = (part: string) => {
    if (!alone.has(part)) {
      const best = diagioi.converter.read(part, { limit: 1 })[0];
      alone.set(part, best && best.unread.length === 0 && !best.commune ? best : undefined);
    }
    return alone.get(part);
  };
  if (complete.length === 0) {
    const partial = readings.filter((r) => r.unread.length > 0).sort((a, b) => b.score - a.score);
    // Far weaker readings are other words that happen to spell a name ("điền quận" as "Điện Quan").
    const floor = (partial[0]?.score ?? 0) - PARTIAL_MARGIN;
    for (const reading of partial.filter((r) => r.score >= floor)) {
      const unit = smallest(reading);
      // A reading through a misspelling is a last resort.
      if (!unit || (unit.typo && outcome.entries.length > 0)) continue;
      const container = unit.level === "commune" ? reading.unread.map(larger).find(Boolean) : undefined;
      if (container) {
        const within = entryOf(container.district ?? container.province);
        if (within && !outcome.missing)
          outcome.missing = { name: reading.unread.length ? unitWords(text, reading) : "", within };
        continue;
      }
      for (const entry of entriesOf(index, diagioi, unit)) add(entry);
    }
    if (outcome.missing) {
      // The unit that holds none of the name goes first: it is what the text surely named.
      outcome.entries = [
        outcome.missing.within,
        ...outcome.entries.filter((e) => e !== outcome.missing?.within),
      ];
    }
  }
  const best = readings[0];
  if (outcome.entries.length === 0 && outcome.through.size === 0) {
    outcome.entries = closeSpellings(index.entries, text);
    if (outcome.entries.length > 0) {
      outcome.closeSpellings = true;
      return outcome;
    }
  }
  if (best?.commune && best.unread.length > 0 && parts(best) >= 2) {
    const result = diagioi.convert(text);
    if (result.status !== "not_found") outcome.address = result;
  } else if (
    best &&
    outcome.entries.length > 0 &&
    best.unread.length > 0 &&
    !outcome.missing &&
    // "quan ba dinh" reads whole as Quận Ba Đình: no word is left unrecognised, whatever "Quản Bạ" scores.
    !readings.some((r) => r.unread.length === 0)
  ) {
    outcome.unread = best.unread;
  }
  return outcome;
}

/**
 * The entries a unit read stands for: its own; for a unit that ended before 2025-06-30 (Quận 2,
 * Phường 11 of Quận 10 until 2024), the units of 2025-06-30 it went into, which the map shows.
 */
function entriesOf(index: SearchIndex, diagioi: Diagioi, read: ReadUnit | undefined): SearchEntry[] {
  if (!read) return [];
  const unit = read.unit;
  const units = isPast(read) ? unitsItWentInto(diagioi, unit) : [unit];
  const entries: SearchEntry[] = [];
  for (const u of units) {
    const entry = index.byKey.get(entryKey(read.era, u.level, u.code));
    if (entry && !entries.includes(entry)) entries.push(entry);
  }
  return entries;
}

/**
 * The units of 2025-06-30 that a unit gone before then went into, those of its own level when there
 * are any: a district's chain also passes through its communes.
 */
export function unitsItWentInto(diagioi: Diagioi, past: Unit): Unit[] {
  const reached = diagioi.lineage.destinations(past, OLD_DATE).map((d) => d.unit);
  const sameLevel = reached.filter((u) => u.level === past.level);
  return sameLevel.length > 0 ? sameLevel : reached;
}

/** True for a unit read that ended before 2025-06-30. */
function isPast(read: ReadUnit | undefined): boolean {
  return read?.era === "old" && read.unit.validTo !== "" && read.unit.validTo < OLD_DATE;
}

/**
 * Names containing the text: exact names, then names starting with it, then containing it; provinces
 * first, then today's units, cities' units first among equals.
 */
function byName(entries: SearchEntry[], text: string): SearchEntry[] {
  const key = looseKey(text);
  if (key.length < 2) return [];
  // Typed with diacritics: names written the same way come first ("Huế" before "Huệ").
  const written = looseKey(text) !== text.toLowerCase() ? text.toLowerCase().normalize("NFC") : undefined;
  const scored: [number, SearchEntry][] = [];
  for (const entry of entries) {
    const at = entry.key.indexOf(key);
    if (at < 0) continue;
    const wordStart = at === 0 || entry.key[at - 1] === " ";
    const bareName = looseKey(entry.unit.name) === key || entry.key === key;
    const score =
      (written && !entry.unit.fullName.toLowerCase().includes(written) ? 5 : 0) +
      (bareName ? 0 : wordStart ? 1 : 2) * 10 +
      // A province's name is the one most people mean ("Hà Nam", the province until 2025, before
      // today's Xã Hà Nam); otherwise today's units first, the larger first.
      (entry.unit.level === "province" ? -1 : 0) +
      (entry.era === "new" ? 0 : 1) +
      levelRank(entry.unit.level) * 0.1 +
      (entry.province?.kind === "thanh_pho_tw" ? 0 : 0.01);
    scored.push([score, entry]);
  }
  return scored.sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

/** A name's loose key without its spaces ("Nha Trang" → "nhatrang"). */
function compactOf(name: string): string {
  return looseKey(name).replaceAll(" ", "");
}

/** Most names one letter away shown: a short misspelling is near many names. */
const MAX_CLOSE_SPELLINGS = 20;

/**
 * Units whose name is one letter (added, left out, changed, or two swapped) from the text, its
 * designation left out ("Nha Trng", "Thnah Xuân", "Phường Bến Ngé"): provinces first, then
 * today's units, the larger first. Names of five letters or more only: a shorter one is a letter
 * away from too many.
 */
function closeSpellings(entries: SearchEntry[], text: string): SearchEntry[] {
  const keys = [...new Set([compactOf(text), compactOf(withoutDesignation(text))])].filter(
    (key) => key.length >= 5 && !/\d/.test(key),
  );
  if (keys.length === 0) return [];
  const found = entries.filter((entry) => keys.some((key) => withinOneEdit(key, entry.compact)));
  const rank = (e: SearchEntry) =>
    (e.unit.level === "province" ? 0 : 10) + (e.era === "new" ? 0 : 5) + levelRank(e.unit.level);
  return found.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_CLOSE_SPELLINGS);
}

/** The text without a designation's words before the name ("Phường", "Xã", "TP", "Huyện" …). */
function withoutDesignation(text: string): string {
  return text.replace(
    /^\s*(?:thanh pho|thành phố|thị xã|thi xa|thị trấn|thi tran|phường|phuong|xã|xa|quận|quan|huyện|huyen|tỉnh|tinh|tp\.?|p\.|q\.|x\.|h\.)\s+/i,
    "",
  );
}

/** The words of the text that the reading read as units (the text without its unread parts). */
function unitWords(text: string, reading: Reading): string {
  let rest = text;
  for (const part of reading.unread) rest = rest.replace(part, " ");
  return rest.replace(/[\s,;]+/g, " ").trim();
}

function eraRank(unit: ReadUnit | undefined): number {
  return unit?.era === "new" ? 0 : 1;
}

function levelRank(level: Unit["level"]): number {
  return level === "province" ? 0 : level === "district" ? 1 : 2;
}
