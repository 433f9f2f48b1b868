/**
 * Which versions before 2025-06-30 the name index reads as units of their own. Most versions of a
 * code differ from the next one only in what a reader of an address cannot see or does not need
 * (a district renamed, a xã become a phường, a move to a new district of the same province): such a
 * run of versions is one unit to the index, its last version, in force from the first day of the run
 * and in every district of the run. A version whose name or province differs from the next one's is
 * indexed on its own.
 */
import { LAST_OLD_DAY } from "../data/history.ts";
import type { Unit } from "../data/records.ts";
import { dayAfter } from "../lineage/lineage.ts";
import type { UnitKind } from "../units/kinds.ts";
import type { UnitRegistry } from "../units/registry.ts";
import type { PreparedIndex } from "./name-index.ts";
import { tokenKey } from "./tokenize.ts";

export interface PastVersions {
  /** The versions indexed that ended before 2025-06-30, with the province each was in. */
  provinceOf: Map<Unit, string>;
  /** The first day of a unit's run of versions, where earlier than its own. */
  firstDayOf: Map<Unit, string>;
  /** The districts of a commune's run of versions, where more than its own. */
  runDistricts: Map<Unit, string[]>;
  /**
   * The other kinds a unit had over its run of versions ("xa" for a phường that was a xã until 2020):
   * an address written then names it by the earlier designation.
   */
  runKinds: Map<Unit, UnitKind[]>;
}

/**
 * The runs of versions of every code that has versions ended before 2025-06-30. `last`: the units of
 * 2025-06-30; `provinceOfDistrict`: their districts' provinces.
 */
export function pastVersions(
  registry: UnitRegistry,
  last: readonly Unit[],
  provinceOfDistrict: ReadonlyMap<string, string>,
): PastVersions {
  const found: PastVersions = {
    provinceOf: new Map(),
    firstDayOf: new Map(),
    runDistricts: new Map(),
    runKinds: new Map(),
  };
  const lastOf = new Set(last);
  const provinceThen = (unit: Unit) => provinceOfVersion(registry, unit, provinceOfDistrict);
  const seen = new Set<string>();
  for (const unit of registry.units) {
    if (unit.validTo === "" || unit.validTo >= LAST_OLD_DAY) continue;
    const key = `${unit.level}:${unit.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const versions = registry
      .versionsOf(unit.code, unit.level)
      .filter((v) => v.validTo !== "" && v.validTo <= LAST_OLD_DAY)
      .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
    let firstDay = versions[0]?.validFrom ?? "";
    let districts: string[] = [];
    let kinds: UnitKind[] = [];
    versions.forEach((version, i) => {
      const province = provinceThen(version);
      const next = versions[i + 1];
      if (version.level === "commune" && !districts.includes(version.parentCode))
        districts.push(version.parentCode);
      if (!kinds.includes(version.kind)) kinds.push(version.kind);
      if (
        next &&
        next.validFrom === dayAfter(version.validTo) &&
        tokenKey(next.name) === tokenKey(version.name) &&
        provinceThen(next) === province
      )
        return;
      if (firstDay !== version.validFrom) found.firstDayOf.set(version, firstDay);
      if (districts.length > 1) found.runDistricts.set(version, districts);
      const others = kinds.filter((kind) => kind !== version.kind);
      if (others.length > 0) found.runKinds.set(version, others);
      if (!lastOf.has(version)) found.provinceOf.set(version, province);
      firstDay = next?.validFrom ?? "";
      districts = [];
      kinds = [];
    });
  }
  return found;
}

/** The runs of versions as a prepared index holds them. */
export function restoredPastVersions(registry: UnitRegistry, prepared: PreparedIndex): PastVersions {
  const units = registry.units;
  const unit = (at: number) => units[at] as Unit;
  return {
    provinceOf: new Map((prepared.past ?? []).map(([at, province]) => [unit(at), province])),
    firstDayOf: new Map((prepared.firstDays ?? []).map(([at, day]) => [unit(at), day])),
    runDistricts: new Map((prepared.runDistricts ?? []).map(([at, ...codes]) => [unit(at), codes])),
    runKinds: new Map((prepared.runKinds ?? []).map(([at, ...kinds]) => [unit(at), kinds])),
  };
}

/** The province a version was in while in force (its own code for a province). */
function provinceOfVersion(
  registry: UnitRegistry,
  unit: Unit,
  provinceOfDistrict: ReadonlyMap<string, string>,
): string {
  if (unit.level === "province") return unit.code;
  if (unit.level === "district") return unit.parentCode;
  if (unit.validTo === LAST_OLD_DAY) return provinceOfDistrict.get(unit.parentCode) ?? "";
  const versions = registry.versionsOf(unit.parentCode, "district");
  const district =
    versions.find((d) => d.validFrom <= unit.validTo && unit.validTo <= d.validTo) ?? versions.at(-1);
  return district?.parentCode ?? "";
}
