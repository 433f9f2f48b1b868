import type { Unit } from "../data/records.ts";
import { looseKey, nameKey } from "../text/normalize.ts";
import { pushTo } from "../util/multimap.ts";
import { checkDate, dayAfter, inForce, today } from "./dates.ts";
import type { UnitLevel } from "./kinds.ts";

export interface UnitQuery {
  /** Level of the unit; by default taken from the code's length (2, 3, 5 digits). */
  level?: UnitLevel;
  /** ISO date the unit must be in force on; default today. */
  date?: string;
}

export interface NameQuery {
  level?: UnitLevel;
  /** ISO date; default today. Pass "*" to search every version. */
  date?: string;
  /** Only units whose parent has this code. */
  parentCode?: string;
}

/** Digits a code has at each level: a province's 2, a district's 3, a commune's 5. */
export const CODE_WIDTHS: Readonly<Record<UnitLevel, number>> = { province: 2, district: 3, commune: 5 };

const LEVEL_BY_LENGTH: Record<number, UnitLevel> = Object.fromEntries(
  Object.entries(CODE_WIDTHS).map(([level, width]) => [width, level as UnitLevel]),
);

/**
 * Every version of every unit, looked up by code, name or parent.
 *
 * @example
 * const registry = new UnitRegistry(parseUnitsCsv(text));
 * registry.byCode("00001", { date: "2025-01-01" })?.fullName; // "Phường Phúc Xá"
 * registry.byCode("00097")?.fullName;                          // "Phường Hồng Hà"
 */
export class UnitRegistry {
  readonly units: readonly Unit[];
  private readonly versions = new Map<string, Unit[]>();
  private nameIndex?: { exact: Map<string, Unit[]>; loose: Map<string, Unit[]> };
  private readonly byParent = new Map<string, Unit[]>();
  private changeDays?: string[];

  constructor(units: readonly Unit[]) {
    this.units = units;
    for (const unit of units) {
      pushTo(this.versions, `${unit.level}:${unit.code}`, unit);
      if (unit.parentCode) pushTo(this.byParent, unit.parentCode, unit);
    }
  }

  /** The version of a unit in force on a date, or undefined. */
  byCode(code: string, query: UnitQuery = {}): Unit | undefined {
    const level = query.level ?? LEVEL_BY_LENGTH[code.length];
    if (!level) return undefined;
    const date = checkDate(query.date ?? today());
    return this.versions.get(`${level}:${code}`)?.find((unit) => inForce(unit, date));
  }

  /** Every version of a unit, oldest first. */
  versionsOf(code: string, level: UnitLevel | undefined = LEVEL_BY_LENGTH[code.length]): readonly Unit[] {
    return this.versions.get(`${level}:${code}`) ?? [];
  }

  /**
   * Units whose name or full name matches, ignoring case, Unicode form and tone-mark placement;
   * when nothing matches with diacritics, or the name is written without any, without them ("ba
   * dinh" is Xã Ba Dinh and the Ba Đình units alike).
   *
   * @example
   * registry.byName("phuong phuc xa", { date: "2025-01-01" }); // [Phường Phúc Xá]
   */
  byName(name: string, query: NameQuery = {}): Unit[] {
    const date = query.date ?? today();
    if (date !== "*") checkDate(date);
    const keep = (unit: Unit) =>
      (query.level === undefined || unit.level === query.level) &&
      (query.parentCode === undefined || unit.parentCode === query.parentCode) &&
      (date === "*" || inForce(unit, date));
    const index = this.names();
    const key = nameKey(name);
    const loose = looseKey(name);
    const exact = key === loose ? [] : (index.exact.get(key) ?? []).filter(keep);
    const found = exact.length > 0 ? exact : (index.loose.get(loose) ?? []).filter(keep);
    return [...new Set(found)];
  }

  /** Built on the first name search, so that loading stays fast for code look-ups. */
  private names(): { exact: Map<string, Unit[]>; loose: Map<string, Unit[]> } {
    if (!this.nameIndex) {
      const exact = new Map<string, Unit[]>();
      const loose = new Map<string, Unit[]>();
      for (const unit of this.units) {
        for (const text of [unit.name, unit.fullName]) {
          pushTo(exact, nameKey(text), unit);
          pushTo(loose, looseKey(text), unit);
        }
      }
      this.nameIndex = { exact, loose };
    }
    return this.nameIndex;
  }

  /**
   * The longest run of days around a date during which the same versions are in force: from the
   * last change on or before it ("" when none) until the next change after it ("" when none).
   */
  periodOf(date: string): { from: string; until: string } {
    checkDate(date);
    if (!this.changeDays) {
      const days = new Set<string>();
      for (const unit of this.units) {
        if (unit.validFrom) days.add(unit.validFrom);
        if (unit.validTo) days.add(dayAfter(unit.validTo));
      }
      this.changeDays = [...days].sort();
    }
    let from = "";
    for (const day of this.changeDays) {
      if (day > date) return { from, until: day };
      from = day;
    }
    return { from, until: "" };
  }

  /** Units in force on a date whose parent is the given unit (districts of an old province, communes …). */
  children(code: string, query: { date?: string } = {}): Unit[] {
    const date = checkDate(query.date ?? today());
    return (this.byParent.get(code) ?? []).filter((unit) => inForce(unit, date));
  }

  /** Every unit in force on a date, optionally of one level. */
  all(query: { level?: UnitLevel; date?: string } = {}): Unit[] {
    const date = checkDate(query.date ?? today());
    return this.units.filter(
      (u) => (query.level === undefined || u.level === query.level) && inForce(u, date),
    );
  }
}
