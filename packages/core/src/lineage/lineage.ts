import type { Link, Unit } from "../data/records.ts";
import { checkDate, dayAfter, today } from "../units/dates.ts";
import type { UnitLevel } from "../units/kinds.ts";
import type { UnitRegistry } from "../units/registry.ts";
import { pushTo } from "../util/multimap.ts";

/** Where an old unit ended up on a date, and the links that took it there. */
export interface Destination {
  unit: Unit;
  /** The links followed, oldest first (empty when the unit itself is still in force). */
  path: Link[];
}

/**
 * The links between unit versions. A link leaves the version that ends the day before it takes
 * effect and reaches the version that starts on that day, so that a code reused by an old and a
 * new unit ("25270": Thị trấn Lộc Ninh until 2025-06-30, Xã Lộc Ninh after) is never confused.
 *
 * @example
 * const lineage = new Lineage(parseLineageCsv(text), registry);
 * const phucXa = registry.byCode("00001", { date: "2025-06-30" })!;
 * lineage.successorsOf(phucXa).map((l) => l.newFullName); // ["Phường Hồng Hà"]
 */
export class Lineage {
  private readonly registry: UnitRegistry;
  private source: readonly Link[] | (() => readonly Link[]);
  private tables?: { links: readonly Link[]; outgoing: Map<string, Link[]>; incoming: Map<string, Link[]> };

  /** `links` may be a function that parses them: it runs on the first use, so loading stays quick. */
  constructor(links: readonly Link[] | (() => readonly Link[]), registry: UnitRegistry) {
    this.source = links;
    this.registry = registry;
  }

  /** Every link. */
  get links(): readonly Link[] {
    return this.built().links;
  }

  private get outgoing(): Map<string, Link[]> {
    return this.built().outgoing;
  }

  private get incoming(): Map<string, Link[]> {
    return this.built().incoming;
  }

  private built(): { links: readonly Link[]; outgoing: Map<string, Link[]>; incoming: Map<string, Link[]> } {
    if (!this.tables) {
      const links = typeof this.source === "function" ? this.source() : this.source;
      this.source = links;
      const outgoing = new Map<string, Link[]>();
      const incoming = new Map<string, Link[]>();
      for (const link of links) {
        pushTo(outgoing, `${link.oldLevel}:${link.oldCode}:${link.effectiveDate}`, link);
        pushTo(incoming, `${newLevelOf(link)}:${link.newCode}:${link.effectiveDate}`, link);
      }
      this.tables = { links, outgoing, incoming };
    }
    return this.tables;
  }

  /** Links out of a unit version (to what it became when it ended). Districts: through their communes. */
  successorsOf(unit: Unit): Link[] {
    if (!unit.validTo) return [];
    const effective = dayAfter(unit.validTo);
    if (unit.level === "district") {
      return this.registry
        .children(unit.code, { date: unit.validTo })
        .flatMap((commune) => this.successorsOf(commune))
        .concat(this.outgoing.get(`district:${unit.code}:${effective}`) ?? []);
    }
    return this.outgoing.get(`${unit.level}:${unit.code}:${effective}`) ?? [];
  }

  /** Links into a unit version (what it was formed from when it began). */
  predecessorsOf(unit: Unit): Link[] {
    if (!unit.validFrom) return [];
    return this.incoming.get(`${unit.level}:${unit.code}:${unit.validFrom}`) ?? [];
  }

  /**
   * The units in force on `date` that a unit version became, following chains of changes
   * (2025-07-01, then 2026-04-30, and spelling corrections that start a new version).
   *
   * @example
   * lineage.destinations(registry.byCode("25270", { date: "2025-06-30" })!, "2026-11-01")
   *   .map((d) => d.unit.fullName); // ["Phường Lộc Ninh"]
   */
  destinations(unit: Unit, date: string = today()): Destination[] {
    checkDate(date);
    const found = new Map<string, Destination>();
    const walk = (current: Unit, path: Link[], depth: number) => {
      if (depth > 10) return;
      if (
        (current.validFrom === "" || current.validFrom <= date) &&
        (current.validTo === "" || date <= current.validTo)
      ) {
        const key = `${current.level}:${current.code}`;
        if (!found.has(key)) found.set(key, { unit: current, path });
        return;
      }
      if (current.validFrom > date) return;
      const links = this.successorsOf(current);
      if (links.length === 0) {
        const next = this.registry
          .versionsOf(current.code, current.level)
          .find((v) => v.validFrom === dayAfter(current.validTo));
        if (next) walk(next, path, depth + 1);
        return;
      }
      for (const link of links) {
        const target = this.registry.byCode(link.newCode, {
          level: newLevelOf(link),
          date: link.effectiveDate,
        });
        if (target) walk(target, [...path, link], depth + 1);
      }
    };
    walk(unit, [], 0);
    return [...found.values()];
  }
}

/**
 * Level of the unit a link reaches: as the link says (links before 2025); otherwise provinces stay
 * provinces, communes and island districts become communes.
 */
export function newLevelOf(link: Link): UnitLevel {
  if (link.newLevel) return link.newLevel;
  return link.oldLevel === "province" ? "province" : "commune";
}

export { dayAfter };
