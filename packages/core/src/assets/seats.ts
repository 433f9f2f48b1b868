/**
 * The seats the merger emptied (*trụ sở dôi dư* candidates): every abolished district, every old
 * commune whose code no new commune took over, and every province that lost its capital status.
 */
import type { Lineage } from "../lineage/lineage.ts";
import type { UnitLevel } from "../units/kinds.ts";
import type { UnitRegistry } from "../units/registry.ts";

/** The last day of the old units. */
export const OLD_UNITS_DATE = "2025-06-30";
const NEW_UNITS_DATE = "2025-07-01";

export interface Seat {
  code: string;
  level: UnitLevel;
  full_name: string;
  /** Old province the unit belonged to (its own code for a province). */
  old_province_code: string;
  /** New provinces its territory went to (several for a few split communes and districts). */
  new_province_codes: string[];
}

/**
 * Lists the emptied seats, provinces first, then districts, then communes, each by code.
 *
 * @example
 * const seats = emptiedSeats(diagioi.units, diagioi.lineage);
 * seats.filter((s) => s.level === "province").length; // 29
 */
export function emptiedSeats(units: UnitRegistry, lineage: Lineage): Seat[] {
  const date = OLD_UNITS_DATE;
  const newProvinceOf = (communeCode: string) =>
    units.byCode(communeCode, { level: "commune", date: NEW_UNITS_DATE })?.parentCode;
  const districtProvince = new Map(units.all({ level: "district", date }).map((d) => [d.code, d.parentCode]));
  const seats: Seat[] = [];

  for (const province of units.all({ level: "province", date })) {
    const links = lineage.successorsOf(province);
    if (links.length > 0 && links.every((l) => l.newCode !== province.code)) {
      seats.push(
        seat(
          province.code,
          "province",
          province.fullName,
          province.code,
          links.map((l) => l.newCode),
        ),
      );
    }
  }
  for (const district of units.all({ level: "district", date })) {
    const provinces = lineage.successorsOf(district).map((l) => newProvinceOf(l.newCode));
    seats.push(seat(district.code, "district", district.fullName, district.parentCode, provinces));
  }
  for (const commune of units.all({ level: "commune", date })) {
    const links = lineage.successorsOf(commune);
    if (links.length === 0 || links.some((l) => l.newCode === commune.code)) continue;
    const oldProvince = districtProvince.get(commune.parentCode) ?? "";
    seats.push(
      seat(
        commune.code,
        "commune",
        commune.fullName,
        oldProvince,
        links.map((l) => newProvinceOf(l.newCode)),
      ),
    );
  }
  return seats;
}

function seat(
  code: string,
  level: UnitLevel,
  full_name: string,
  old_province_code: string,
  provinces: (string | undefined)[],
): Seat {
  const new_province_codes = [...new Set(provinces.filter((p): p is string => !!p))].sort();
  return { code, level, full_name, old_province_code, new_province_codes };
}
