/**
 * The shape checks of the unit history: the build fails when one does not hold.
 *
 * - versions of a unit do not overlap; every link leaves a version on the day after it ends and
 *   reaches a version in force that day;
 * - a `whole` link is its unit's only link; a `part` link has another link beside it or a remainder
 *   (the unit goes on under its code); uncertain links come as two or more alternatives, never mixed
 *   with certain ones, and never leave the district of the unit;
 * - every version leads, link by link, to a unit of 2025-06-30 in units.csv, and from there through
 *   lineage.csv to the units of today.
 */
import type { UnitLevel } from "@diagioi/core";
import type { HistoryLinkRow } from "./history-lineage.ts";
import type { LineageRow } from "./lineage.ts";
import { dayBefore, LAST_OLD_DATE, type UnitRow } from "./units.ts";

export interface HistoryTables {
  /** units-history.csv */
  history: UnitRow[];
  /** lineage-history.csv */
  links: HistoryLinkRow[];
  /** units.csv and lineage.csv */
  units: UnitRow[];
  lineage: LineageRow[];
}

/** Problems found, each naming the file and row; empty when the history is sound. */
export function checkHistory(tables: HistoryTables): string[] {
  const problems: string[] = [];
  const versions = new Map<string, UnitRow[]>();
  for (const row of tables.history) {
    const key = `${row.level}:${row.code}`;
    versions.set(key, [...(versions.get(key) ?? []), row]);
  }
  for (const [key, list] of versions) {
    list.sort((a, b) => (a.valid_from || "0").localeCompare(b.valid_from || "0"));
    list.forEach((v, i) => {
      if (v.valid_from && v.valid_to && v.valid_from > v.valid_to)
        problems.push(
          `units-history.csv ${key}: version from ${v.valid_from} ends before it starts (${v.valid_to})`,
        );
      const next = list[i + 1];
      if (next && (next.valid_from === "" || next.valid_from <= v.valid_to))
        problems.push(
          `units-history.csv ${key}: versions from ${v.valid_from || "the start"} and ${next.valid_from} overlap`,
        );
    });
  }
  const versionOn = (level: string, code: string, date: string) =>
    versions
      .get(`${level}:${code}`)
      ?.find((v) => (v.valid_from === "" || v.valid_from <= date) && date <= v.valid_to);
  const endingBefore = (level: string, code: string, date: string) =>
    versions.get(`${level}:${code}`)?.find((v) => v.valid_to === dayBefore(date));

  // Links grouped by the version they leave.
  const out = new Map<UnitRow, { row: HistoryLinkRow; line: number; to: UnitRow }[]>();
  tables.links.forEach((row, i) => {
    const line = i + 2;
    const from = endingBefore(row.old_level, row.old_code, row.effective_date);
    const to = versionOn(row.new_level, row.new_code, row.effective_date);
    if (!from)
      problems.push(
        `lineage-history.csv row ${line}: no version of ${row.old_level} ${row.old_code} ends on ${dayBefore(row.effective_date)}`,
      );
    if (!to)
      problems.push(
        `lineage-history.csv row ${line}: no version of ${row.new_level} ${row.new_code} is in force on ${row.effective_date}`,
      );
    if (from && to) out.set(from, [...(out.get(from) ?? []), { row, line, to }]);
  });

  for (const [from, links] of out) {
    const certain = links.filter((l) => l.row.certainty === "certain");
    const uncertain = links.filter((l) => l.row.certainty === "uncertain");
    const first = links[0] as (typeof links)[number];
    const at = `lineage-history.csv row ${first.line} (${from.level} ${from.code} on ${first.row.effective_date})`;
    if (certain.length > 0 && uncertain.length > 0)
      problems.push(`${at}: certain and uncertain successors mixed`);
    if (uncertain.length === 1)
      problems.push(`${at}: a single uncertain successor (one alternative is a certain one)`);
    const remainder = versions
      .get(`${from.level}:${from.code}`)
      ?.some((v) => v.valid_from === first.row.effective_date);
    for (const l of certain) {
      if (l.row.kind === "part" && certain.length === 1 && !remainder)
        problems.push(
          `lineage-history.csv row ${l.line}: a part link with a single successor and no remainder`,
        );
      if (l.row.kind !== "part" && certain.length > 1)
        problems.push(
          `lineage-history.csv row ${l.line}: a ${l.row.kind} link from a unit with ${certain.length} successors`,
        );
    }
    for (const l of uncertain) {
      if (from.level !== "commune" || l.to.level !== "commune") continue;
      const before = versionOn("commune", l.to.code, dayBefore(l.row.effective_date));
      if (l.to.parent_code !== from.parent_code && before?.parent_code !== from.parent_code)
        problems.push(
          `lineage-history.csv row ${l.line}: uncertain successor ${l.to.code} is outside district ${from.parent_code}`,
        );
    }
  }

  // Chains: every version reaches units of 2025-06-30 that lineage.csv takes on to today.
  const today = new Set(
    tables.units.filter((u) => u.valid_from >= "2025-07-01").map((u) => `${u.level}:${u.code}`),
  );
  const onwards = new Set<string>();
  for (const l of tables.lineage) {
    const newLevel: UnitLevel = l.old_level === "province" ? "province" : "commune";
    if (today.has(`${newLevel}:${l.new_code}`)) onwards.add(`${l.old_level}:${l.old_code}`);
  }
  const old = new Map(
    tables.units.filter((u) => u.valid_to === LAST_OLD_DATE).map((u) => [`${u.level}:${u.code}`, u]),
  );
  for (const u of old.values())
    if (u.level === "commune" && onwards.has(`commune:${u.code}`)) onwards.add(`district:${u.parent_code}`);

  const reaches = new Map<UnitRow, boolean>();
  const reach = (v: UnitRow, depth: number): boolean => {
    const known = reaches.get(v);
    if (known !== undefined) return known;
    let ok: boolean;
    if (v.valid_to === LAST_OLD_DATE) {
      const key = `${v.level}:${v.code}`;
      ok = old.has(key) && onwards.has(key);
    } else {
      const links = out.get(v) ?? [];
      ok = depth < 100 && links.length > 0 && links.every((l) => reach(l.to, depth + 1));
    }
    reaches.set(v, ok);
    return ok;
  };
  for (const v of tables.history) {
    if (!reach(v, 0))
      problems.push(
        `units-history.csv ${v.level} ${v.code} ${v.full_name} (until ${v.valid_to}): no chain of links leads to today's units`,
      );
  }
  return problems;
}
