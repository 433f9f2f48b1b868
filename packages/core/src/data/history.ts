/**
 * The units since 2004: units-history.csv holds every version from 2004-08-31 to 2025-06-30, the
 * last of which are the old units of units.csv with their first day filled in.
 */
import type { Unit } from "./records.ts";

/** The last day of the units before the 2025 merger. */
export const LAST_OLD_DAY = "2025-06-30";

/**
 * The rows of units.csv with the versions of units-history.csv that ended before 2025-06-30 put
 * before them, and each old unit's first day taken from the history (units.csv leaves it open).
 *
 * @example
 * const units = withHistory(parseUnitsCsv(unitsText), parseUnitsCsv(historyText, "units-history.csv"));
 * new UnitRegistry(units).byCode("769", { date: "2015-01-01" })?.fullName; // "Quận 2"
 */
export function withHistory(units: readonly Unit[], history: readonly Unit[]): Unit[] {
  const firstDay = new Map<string, string>();
  const older: Unit[] = [];
  for (const unit of history) {
    if (unit.validTo === LAST_OLD_DAY) firstDay.set(`${unit.level}:${unit.code}`, unit.validFrom);
    else if (unit.validTo !== "" && unit.validTo < LAST_OLD_DAY) older.push(unit);
  }
  const merged = [...older];
  for (const unit of units) {
    const from = unit.validTo === LAST_OLD_DAY ? firstDay.get(`${unit.level}:${unit.code}`) : undefined;
    merged.push(from && unit.validFrom === "" ? { ...unit, validFrom: from } : unit);
  }
  return merged;
}
