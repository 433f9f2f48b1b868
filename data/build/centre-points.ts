/**
 * The geocoded centres of old units (points/districts-pre2025-centres.csv,
 * points/communes-pre2025-centres.csv) joined to the old units by their names, which is all the
 * files give ("Xã Hòa Lộc, Huyện Mỏ Cày Bắc, Tỉnh Bến Tre"). The files spell some names
 * differently from the unit list ("Quí"/"Quý", "NT"/"Nông trường", "Đăk"/"Đắk", "II"/"2"), so the
 * join runs in three passes, each only over what the previous ones left:
 *
 * 1. exact: the whole address, up to case and tone-mark placement;
 * 2. loose: the whole address without diacritics, spaces or punctuation, when it names one unit;
 * 3. near: same parents (loosely), and a unit's bare name within two letters of the row's, when
 *    each is the other's only closest match.
 *
 * Shaped for any unit type with `code`, `level`, `fullName` and `parentCode`: core's `Unit` fits.
 */
import { readFileSync } from "node:fs";
import { looseKey, nameKey, splitFullName, type UnitLevel } from "@diagioi/core";
import { parse } from "csv-parse/sync";

export interface CentreSourceRow {
  /** 1-based line in the CSV file. */
  line: number;
  /** The address the geocoder was asked about: "commune, district, province" or "district, province". */
  address: string;
  /** What the geocoder answered with. */
  geoAddress: string;
  lng: number;
  lat: number;
}

export interface NamedUnit {
  code: string;
  level: UnitLevel;
  fullName: string;
  parentCode: string;
}

export type JoinPass = "exact" | "loose" | "near";

export interface CentreJoin<U extends NamedUnit> {
  matched: { unit: U; row: CentreSourceRow; pass: JoinPass }[];
  /** Rows that name no unit of the level, or whose unit another row already took. */
  unmatched: CentreSourceRow[];
}

export function readCentreRows(file: string): CentreSourceRow[] {
  const records = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
  return records.map((record, index) => {
    const lng = Number(record.longitude);
    const lat = Number(record.latitude);
    if (!Number.isFinite(lng) || !Number.isFinite(lat))
      throw new Error(`${file}:${index + 2}: no coordinates`);
    return {
      line: index + 2,
      address: (record.address ?? "").normalize("NFC").trim(),
      geoAddress: (record.geo_address ?? "").normalize("NFC").trim(),
      lng,
      lat,
    };
  });
}

/**
 * Joins centre rows to the units of one level. `units` holds the old units of every level (the
 * parents name the address). Deterministic: passes and candidates go in row and code order.
 */
export function joinCentres<U extends NamedUnit>(
  rows: CentreSourceRow[],
  units: U[],
  level: "district" | "commune",
): CentreJoin<U> {
  const byKey = new Map(units.map((u) => [`${u.level}:${u.code}`, u]));
  const parentsOf = (unit: U): U[] => {
    const parent = byKey.get(`${unit.level === "commune" ? "district" : "province"}:${unit.parentCode}`);
    return parent ? [parent, ...parentsOf(parent)] : [];
  };
  const candidates = units
    .filter((u) => u.level === level)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((unit) => {
      const names = [unit, ...parentsOf(unit)].map((u) => u.fullName);
      return { unit, names, bare: compact(splitFullName(unit.fullName, level)?.name ?? unit.fullName) };
    });
  const parts = (row: CentreSourceRow) => row.address.split(",").map((part) => part.trim());
  const taken = new Set<U>();
  const matched: CentreJoin<U>["matched"] = [];
  let left = rows;

  const pass = (
    name: JoinPass,
    keyOfUnit: (names: string[]) => string,
    keyOfRow: (p: string[]) => string,
  ) => {
    const units = groupBy(
      candidates.filter((c) => !taken.has(c.unit)),
      (c) => keyOfUnit(c.names),
    );
    const sameKey = groupBy(left, (row) => keyOfRow(parts(row)));
    left = left.filter((row) => {
      const key = keyOfRow(parts(row));
      const found = units.get(key);
      if (found?.length !== 1 || sameKey.get(key)?.length !== 1 || !found[0]) return true;
      taken.add(found[0].unit);
      matched.push({ unit: found[0].unit, row, pass: name });
      return false;
    });
  };
  pass(
    "exact",
    (names) => nameKey(names.join(", ")),
    (p) => nameKey(p.join(", ")),
  );
  pass(
    "loose",
    (names) => names.map(compact).join(","),
    (p) => p.map(compact).join(","),
  );

  // Near: within the same parents, each the other's only closest name, at most two letters apart.
  const rowsByParents = groupBy(left, (row) => parts(row).slice(1).map(compact).join(","));
  const near = new Map<CentreSourceRow, U>();
  for (const [parents, group] of rowsByParents) {
    const siblings = candidates.filter(
      (c) => !taken.has(c.unit) && c.names.slice(1).map(compact).join(",") === parents,
    );
    const bareOf = (row: CentreSourceRow) => {
      const commune = parts(row)[0] ?? "";
      return compact(splitFullName(commune, level)?.name ?? commune);
    };
    for (const row of group) {
      const best = closest(siblings, (c) => editDistance(bareOf(row), c.bare));
      if (!best) continue;
      const back = closest(group, (r) => editDistance(bareOf(r), best.bare));
      if (back === row) near.set(row, best.unit);
    }
  }
  left = left.filter((row) => {
    const unit = near.get(row);
    if (!unit) return true;
    taken.add(unit);
    matched.push({ unit, row, pass: "near" });
    return false;
  });
  return { matched, unmatched: left };
}

const ROMAN: Record<string, string> = { i: "1", ii: "2", iii: "3", iv: "4", v: "5" };

/** A name without diacritics, case, spaces or punctuation; "Nông trường" as "NT", "II" as "2". */
function compact(name: string): string {
  return looseKey(name)
    .split(/[^a-z0-9]+/)
    .map((word) => ROMAN[word] ?? word)
    .join("")
    .replaceAll("nongtruong", "nt");
}

/** The one item at the smallest distance (≤ 2), or undefined when none is that close or two tie. */
function closest<T>(items: T[], distance: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const item of items) {
    const d = distance(item);
    if (d < bestDistance) [best, bestDistance, tie] = [item, d, false];
    else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
