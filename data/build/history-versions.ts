/**
 * Step 1b: every version of every unit from 2004-08-31 to 2025-06-30, from the statistics office's
 * dated lists (units-history.csv).
 *
 * A version is a run of snapshots in which a unit's code, name, kind and parents stay the same; for a
 * commune, a renamed district also starts a new version (the unit's address changed). Differences in
 * formatting alone (white space, letter case, "Phường 05" / "Phường 5", tone-mark placement) do not.
 */
import {
  nameKey,
  removeDiacritics,
  splitFullName,
  UNIT_KIND_PREFIX,
  type UnitKind,
  type UnitLevel,
} from "@diagioi/core";
import type { HistorySources, Span } from "./history-sources.ts";
import { dayBefore, LAST_OLD_DATE, type Registry, type UnitRow } from "./units.ts";

/** A code that leaves the lists for at most this many days and returns unchanged is the same version. */
export const BLINK_DAYS = 400;

export interface Entry {
  /** nameKey(fullName), computed once. */
  key: string;
  kind: UnitKind;
  name: string;
  fullName: string;
  districtCode: string;
  provinceCode: string;
}

export interface Version {
  level: UnitLevel;
  code: string;
  entry: Entry;
  /** Index in `snapshots` of the first and last snapshot the version is listed in. */
  first: number;
  last: number;
  row: UnitRow;
}

export interface HistoryVersions {
  snapshots: string[];
  versions: Version[];
  /** Versions in force at a snapshot, by level, then code. */
  at(level: UnitLevel, snapshot: number): Map<string, Version>;
  /** Versions of a code, oldest first. */
  of(level: UnitLevel, code: string): Version[];
  /** Entries of the 2025 lists left out because the dataset's list of 2025-03-01 has no such unit. */
  relisted: Span[];
}

const LEVELS: UnitLevel[] = ["province", "district", "commune"];

export function buildVersions(sources: HistorySources, registry: Registry): HistoryVersions {
  const { snapshots } = sources;
  const index = new Map(snapshots.map((date, i) => [date, i]));
  const lastIndex = snapshots.length - 1;
  const finalDate = snapshots[lastIndex] as string;

  // The 2025 lists re-list twelve communes dissolved long before (README, "Known quirks"): an entry
  // still listed on the last date whose unit the dataset's list of 2025-03-01 does not have is left out.
  const relisted: Span[] = [];
  const kept = sources.spans.filter((span) => {
    if (span.lastSnapshot !== finalDate || registry.old[span.level].has(span.code)) return true;
    relisted.push(span);
    return false;
  });

  // Per code, the entry of each snapshot. Two variants of one code in one list (seven communes of
  // Hà Tây, 2006–2008): the one that began later wins from its first snapshot on. It records a change
  // the lists left the older entry beside: Đồng Mai, Biên Giang and Dương Nội moved into Hà Đông by
  // 01/2006/NĐ-CP on the day their second entry starts, Văn Mỗ became Mộ Lao by 23/2008/NĐ-CP.
  const entries = new Map<string, { span: Span; entry: Entry }[]>();
  const sorted = [...kept].sort(
    (a, b) =>
      b.firstSnapshot.localeCompare(a.firstSnapshot) ||
      b.lastSnapshot.localeCompare(a.lastSnapshot) ||
      a.name.localeCompare(b.name),
  );
  for (const span of sorted) {
    const key = `${span.level}:${span.code}`;
    let slots = entries.get(key);
    if (!slots) {
      slots = new Array(snapshots.length);
      entries.set(key, slots);
    }
    const from = snapshotIndex(index, span.firstSnapshot, span);
    const to = snapshotIndex(index, span.lastSnapshot, span);
    const entry = entryOf(span);
    for (let i = from; i <= to; i++) slots[i] ??= { span, entry };
  }

  // District names per snapshot, for the commune versions' keys.
  const districtKey = (code: string, i: number) => entries.get(`district:${code}`)?.[i]?.entry.key ?? "";

  const versions: Version[] = [];
  const byCode = new Map<string, Version[]>();
  for (const level of LEVELS) {
    const codes = [...entries.keys()].filter((k) => k.startsWith(`${level}:`)).sort();
    for (const key of codes) {
      const slots = entries.get(key) ?? [];
      const code = key.slice(level.length + 1);
      const keyOf = (i: number) => {
        const e = slots[i]?.entry;
        if (!e) return undefined;
        const parentName = level === "commune" ? districtKey(e.districtCode, i) : "";
        return [e.key, e.kind, e.districtCode, e.provinceCode, parentName].join("|");
      };
      const own: Version[] = [];
      let open: { first: number; last: number; key: string } | undefined;
      const close = () => {
        if (!open) return;
        const entry = slots[open.last]?.entry as Entry;
        own.push({ level, code, entry, first: open.first, last: open.last, row: undefined as never });
        open = undefined;
      };
      for (let i = 0; i <= lastIndex; i++) {
        const k = keyOf(i);
        if (k === undefined) continue;
        if (
          open &&
          open.key === k &&
          (open.last === i - 1 || daysBetween(snapshots, open.last + 1, i) <= BLINK_DAYS)
        ) {
          open.last = i;
          continue;
        }
        close();
        open = { first: i, last: i, key: k };
      }
      close();
      for (const version of own) version.row = rowOf(version, snapshots, registry);
      byCode.set(key, own);
      versions.push(...own);
    }
  }

  const cache = new Map<string, Map<string, Version>>();
  const at = (level: UnitLevel, snapshot: number) => {
    const key = `${level}:${snapshot}`;
    let found = cache.get(key);
    if (!found) {
      found = new Map();
      for (const v of versions)
        if (v.level === level && v.first <= snapshot && snapshot <= v.last) found.set(v.code, v);
      cache.set(key, found);
    }
    return found;
  };
  return { snapshots, versions, at, of: (level, code) => byCode.get(`${level}:${code}`) ?? [], relisted };
}

/** Normalises a listed name: white space, the designation's letter case, leading zeros of a number. */
export function entryOf(span: Span): Entry {
  const full = span.name.normalize("NFC").replace(/\s+/g, " ").trim();
  const split = splitFullName(full, span.level);
  if (!split) {
    throw new Error(
      `history/units-spans.csv.gz line ${span.line}: "${span.name}" does not start with a ${span.level} designation`,
    );
  }
  const name = split.name
    .replace(/^0+(?=\d)/, "")
    .replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
  const fullName = `${UNIT_KIND_PREFIX[split.kind]} ${name}`;
  return {
    key: nameKey(fullName),
    kind: split.kind,
    name,
    fullName,
    districtCode: span.districtCode,
    provinceCode: span.provinceCode,
  };
}

/** The row of units-history.csv; a version still listed on 2025-03-01 takes the dataset's names. */
function rowOf(version: Version, snapshots: string[], registry: Registry): UnitRow {
  const lastIndex = snapshots.length - 1;
  const validFrom = version.first === 0 ? "" : (snapshots[version.first] as string);
  const parent = version.level === "commune" ? version.entry.districtCode : version.entry.provinceCode;
  if (version.last === lastIndex) {
    const current = registry.old[version.level].get(version.code);
    if (!current)
      throw new Error(
        `history: ${version.level} ${version.code} is listed on ${snapshots[lastIndex]} but not in units.csv`,
      );
    return { ...current, valid_from: validFrom, valid_to: LAST_OLD_DATE };
  }
  return {
    code: version.code,
    level: version.level,
    kind: version.entry.kind,
    name: version.entry.name,
    full_name: version.entry.fullName,
    ...englishNames(version.entry.kind, version.entry.name),
    parent_code: parent,
    valid_from: validFrom,
    valid_to: dayBefore(snapshots[version.last + 1] as string),
  };
}

/** The statistics office's English for each kind, after the name ("Phuc Xa Ward") or before a number ("Ward 7"). */
const KIND_IN_ENGLISH: Readonly<Record<UnitKind, string>> = {
  tinh: "Province",
  thanh_pho_tw: "City",
  quan: "District",
  huyen: "District",
  thi_xa: "Town",
  thanh_pho: "City",
  phuong: "Ward",
  xa: "Commune",
  thi_tran: "Township",
  dac_khu: "Special administrative region",
};

/**
 * English names of a version the statistics office's current list no longer gives, made as it makes
 * them: the name without diacritics, and the kind after it, or before a number ("Quận 2" → "District 2").
 */
function englishNames(kind: UnitKind, name: string): Pick<UnitRow, "name_en" | "full_name_en"> {
  const english = removeDiacritics(name);
  const kindName = KIND_IN_ENGLISH[kind];
  return {
    name_en: english,
    full_name_en: /^\d+$/.test(name) ? `${kindName} ${english}` : `${english} ${kindName}`,
  };
}

function snapshotIndex(index: Map<string, number>, date: string, span: Span): number {
  const i = index.get(date);
  if (i === undefined)
    throw new Error(`history/units-spans.csv.gz line ${span.line}: ${date} is not a snapshot date`);
  return i;
}

function daysBetween(snapshots: string[], a: number, b: number): number {
  return (Date.parse(snapshots[b] as string) - Date.parse(snapshots[a] as string)) / 86_400_000;
}
