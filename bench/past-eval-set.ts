/**
 * Addresses written at past dates: a commune of the statistics office's lists of a day between
 * 2004-08-31 and 2025-06-30, with its district and province as they were named that day, written
 * the ways people write them (seeded PRNG). The truth is the units of today its chain of changes
 * reaches: several when it was split or when the history leaves its successor open.
 */
import { type Diagioi, pick, random, removeDiacritics, type Unit } from "@diagioi/core";
import { ABBREVIATIONS } from "./eval-set.ts";

/** When the address was written. */
export const ERAS = [
  { era: "2004–2009", from: "2004-08-31", to: "2009-12-31" },
  { era: "2010–2019", from: "2010-01-01", to: "2019-12-31" },
  { era: "2020–2025-06", from: "2020-01-01", to: "2025-06-30" },
] as const;

/**
 * What happened to the commune between the day of writing and 2025-06-30: `merged` (its code ended
 * before 2025-06-30: merged, split or re-coded), `renamed` (its own name or kind changed),
 * `parent_changed` (its district or province was renamed, or it moved to another one), `unchanged`.
 */
export const CHANGES = ["unchanged", "parent_changed", "renamed", "merged"] as const;
export type Change = (typeof CHANGES)[number];

export interface PastCase {
  era: string;
  change: Change;
  /** The day the address was written. */
  asOf: string;
  input: string;
  /** Codes of today's communes the commune's chain reaches. */
  truth: string[];
  /** The district code the text names. */
  district: string;
}

const STREETS = [
  "Số 8 Trần Phú",
  "12/4 Lê Lai",
  "Thôn Trung",
  "Ngõ 17 Quang Trung",
  "Tổ 5",
  "Ấp 3",
  "Xóm Bãi",
];
/** Days drawn per era; the communes in force on each are listed once. */
const DAYS_PER_ERA = 40;

/**
 * `perCell` cases for each era and kind of change (fewer where the history has fewer such communes).
 *
 * @example
 * const cases = buildPastEvalSet(loadDiagioi()); // [{ era: "2004–2009", change: "merged", input: "…", truth: […] }, …]
 */
export function buildPastEvalSet(diagioi: Diagioi, perCell = 400, seed = 2004): PastCase[] {
  const next = random(seed);
  const registry = diagioi.units;
  const last = new Map(registry.all({ date: "2025-06-30" }).map((u) => [`${u.level}:${u.code}`, u]));
  const cases: PastCase[] = [];
  for (const { era, from, to } of ERAS) {
    const pools = new Map<Change, { commune: Unit; day: string }[]>(CHANGES.map((c) => [c, []]));
    for (let d = 0; d < DAYS_PER_ERA; d++) {
      const day = dayBetween(next, from, to);
      for (const commune of registry.all({ level: "commune", date: day })) {
        const change = changeOf(commune, day);
        if (change) pools.get(change)?.push({ commune, day });
      }
    }
    for (const change of CHANGES) {
      const pool = pools.get(change) ?? [];
      for (let n = 0; n < perCell && pool.length > 0; n++) {
        const { commune, day } = pick(next, pool);
        const district = registry.byCode(commune.parentCode, { level: "district", date: day }) as Unit;
        const province = registry.byCode(district.parentCode, { level: "province", date: day }) as Unit;
        const truth = [...new Set(diagioi.lineage.destinations(commune).map((d) => d.unit.code))].sort();
        cases.push({
          era,
          change,
          asOf: day,
          input: written(next, commune, district, province),
          truth,
          district: district.code,
        });
      }
    }
  }
  return cases;

  function changeOf(commune: Unit, day: string): Change | undefined {
    const district = registry.byCode(commune.parentCode, { level: "district", date: day });
    const province = district && registry.byCode(district.parentCode, { level: "province", date: day });
    if (!district || !province) return undefined;
    const now = last.get(`commune:${commune.code}`);
    if (!now || (now.validFrom !== "" && now.validFrom > day && !sameUnit(commune, now))) return "merged";
    if (now.name !== commune.name || now.kind !== commune.kind) return "renamed";
    const nowDistrict = last.get(`district:${now.parentCode}`);
    const nowProvince = nowDistrict && last.get(`province:${nowDistrict.parentCode}`);
    return nowDistrict?.fullName === district.fullName && nowProvince?.fullName === province.fullName
      ? "unchanged"
      : "parent_changed";
  }

  /** True when the chain of a version leads to the later version of its code (the same commune). */
  function sameUnit(commune: Unit, later: Unit): boolean {
    return diagioi.lineage.destinations(commune, "2025-06-30").some((d) => d.unit === later);
  }
}

/** The address in one of the ways people write it. */
function written(next: () => number, commune: Unit, district: Unit, province: Unit): string {
  const street = pick(next, STREETS);
  const short = (u: Unit) => (ABBREVIATIONS[u.kind] ? `${ABBREVIATIONS[u.kind]}${u.name}` : u.name);
  switch (Math.floor(next() * 5)) {
    case 0:
      return `${street}, ${commune.fullName}, ${district.fullName}, ${province.fullName}`;
    case 1:
      return `${street}, ${short(commune)}, ${short(district)}, ${short(province)}`;
    case 2:
      return removeDiacritics(`${commune.fullName}, ${district.fullName}, ${province.name}`);
    case 3:
      return `${commune.fullName} - ${district.name} - ${province.name}`;
    default:
      return `${commune.fullName} ${district.fullName} ${province.fullName}`.toLowerCase();
  }
}

/** A day drawn evenly between two ISO dates (inclusive). */
function dayBetween(next: () => number, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const day = start + Math.floor(next() * ((end - start) / 86_400_000 + 1)) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}
