/** The history section of QUALITY.md: unit versions and change events per year, and how each successor was established. */
import type { Basis, HistoryLinkRow } from "./history-lineage.ts";
import type { Span } from "./history-sources.ts";
import type { UnitRow } from "./units.ts";

export interface HistoryPeriod {
  period: string;
  /** Versions that begin in the period (the first list's units count in its year). */
  versions_begun: number;
  /** Versions that end in the period and are linked to what they became. */
  events: number;
  links: number;
  certain: number;
  uncertain: number;
  /** Units whose successor is one of several, unknown which. */
  units_with_uncertain_successor: number;
}

export interface HistoryReport {
  first_list: string;
  last_list: string;
  lists: number;
  versions: Record<string, number>;
  links: number;
  periods: HistoryPeriod[];
  basis: { basis: Basis; links: number; units: number }[];
  relisted: string[];
}

export const BASIS_TEXT: Record<Basis, string> = {
  same_code:
    "The same code in the next list, with another name, kind or parent (or its district renamed); whole when a neighbour's name took over the code.",
  same_name:
    "A code that left the lists, and a unit of the same name in its district listed under a new code (re-coded) or under a neighbour's code (merged, whole).",
  alias_ward:
    "alias_ward.csv names it an earlier name of that unit of its district (the row's year, when given, within a year of the change).",
  only_unit_left: "The only unit its district still had.",
  district_without_communes: "Its district had no commune left: linked to the district.",
  units_went_to: "A district or province: the districts or provinces its units went to.",
  district_units:
    "Uncertain: every unit of its district in the next list; it went into one of them, the lists do not say which.",
};

export function buildHistoryReport(
  snapshots: string[],
  history: UnitRow[],
  links: HistoryLinkRow[],
  relisted: Span[],
): HistoryReport {
  const year = (date: string) => (date === "" ? (snapshots[0] as string).slice(0, 4) : date.slice(0, 4));
  const years = [...new Set(snapshots.map((d) => d.slice(0, 4)))];
  const periods = years.map((period): HistoryPeriod => {
    const inPeriod = links.filter((l) => year(l.effective_date) === period);
    const events = new Set(inPeriod.map((l) => `${l.old_level}:${l.old_code}:${l.effective_date}`));
    const uncertain = inPeriod.filter((l) => l.certainty === "uncertain");
    return {
      period,
      versions_begun: history.filter((v) => year(v.valid_from) === period).length,
      events: events.size,
      links: inPeriod.length,
      certain: inPeriod.length - uncertain.length,
      uncertain: uncertain.length,
      units_with_uncertain_successor: new Set(
        uncertain.map((l) => `${l.old_level}:${l.old_code}:${l.effective_date}`),
      ).size,
    };
  });
  const versions: Record<string, number> = {};
  for (const v of history) versions[v.level] = (versions[v.level] ?? 0) + 1;
  const basis = (Object.keys(BASIS_TEXT) as Basis[]).map((b) => {
    const of = links.filter((l) => l.basis === b);
    return {
      basis: b,
      links: of.length,
      units: new Set(of.map((l) => `${l.old_level}:${l.old_code}:${l.effective_date}`)).size,
    };
  });
  return {
    first_list: snapshots[0] as string,
    last_list: snapshots[snapshots.length - 1] as string,
    lists: snapshots.length,
    versions,
    links: links.length,
    periods,
    basis,
    relisted: relisted.map((s) => `${s.code} ${s.name.trim()} (${s.firstSnapshot} … ${s.lastSnapshot})`),
  };
}

export function historySection(report: HistoryReport): string[] {
  return [
    "## History 2004–2025 (`units-history.csv`, `lineage-history.csv`)",
    "",
    `From the statistics office's ${report.lists} unit lists of ${report.first_list} … ${report.last_list} (\`history/units-spans.csv.gz\`), the resolutions it lists for each date and \`alias_ward.csv\`. Unit versions: ${Object.entries(
      report.versions,
    )
      .map(([level, n]) => `${n} ${level}`)
      .join(
        ", ",
      )}; ${report.links} links. A year's changes are those of the lists dated in it (a list's date is the day its changes took effect). Every version leads through these links and \`lineage.csv\` to the units of today; the build checks it.`,
    "",
    "| year | versions begun | events | links | certain | uncertain | units with an uncertain successor |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...report.periods.map(
      (p) =>
        `| ${p.period} | ${p.versions_begun} | ${p.events} | ${p.links} | ${p.certain} | ${p.uncertain} | ${p.units_with_uncertain_successor} |`,
    ),
    "",
    "How each successor was established:",
    "",
    "| basis | links | units | meaning |",
    "| --- | ---: | ---: | --- |",
    ...report.basis.map((b) => `| ${b.basis} | ${b.links} | ${b.units} | ${BASIS_TEXT[b.basis]} |`),
    "",
    `Entries of the 2025 lists left out (${report.relisted.length}): communes dissolved years before and listed again, which the dataset's list of 2025-03-01 does not have: ${report.relisted.join("; ")}.`,
    "",
  ];
}
