import { describe, expect, it } from "vitest";
import { checkHistory, type HistoryTables } from "../build/history-check.ts";
import type { HistoryLinkRow } from "../build/history-lineage.ts";
import { readTable } from "./dist.ts";

// The build's shape checks, run on the committed tables and on copies spoilt one way at a time.
const real = (): HistoryTables => ({
  history: readTable<Record<string, string>>("units-history.csv").rows as never,
  links: readTable<Record<string, string>>("lineage-history.csv").rows as never,
  units: readTable<Record<string, string>>("units.csv").rows as never,
  lineage: readTable<Record<string, string>>("lineage.csv").rows as never,
});

/** The links of the first vanished unit that has exactly one certain `whole` successor and no remainder. */
function singleWhole(tables: HistoryTables): HistoryLinkRow {
  const count = new Map<string, number>();
  for (const l of tables.links) {
    const key = `${l.old_level}:${l.old_code}:${l.effective_date}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const found = tables.links.find(
    (l) =>
      l.kind === "whole" &&
      l.certainty === "certain" &&
      l.old_level === "commune" &&
      count.get(`${l.old_level}:${l.old_code}:${l.effective_date}`) === 1 &&
      !tables.history.some(
        (v) => v.code === l.old_code && v.level === "commune" && v.valid_from === l.effective_date,
      ),
  );
  if (!found) throw new Error("no such link in the dataset");
  return found;
}

describe("checkHistory", () => {
  it("passes the committed history", () => {
    expect(checkHistory(real())).toEqual([]);
  });

  it("fails a chain that does not reach today's units", () => {
    const tables = real();
    const link = singleWhole(tables);
    tables.links = tables.links.filter((l) => l !== link);
    const problems = checkHistory(tables);
    expect(
      problems.some(
        (p) =>
          p.includes(`commune ${link.old_code}`) && p.includes("no chain of links leads to today's units"),
      ),
    ).toBe(true);
  });

  it("fails a whole link from a unit with several successors", () => {
    const tables = real();
    const link = singleWhole(tables);
    const other = tables.history.find(
      (v) =>
        v.level === "commune" &&
        v.code !== link.new_code &&
        (v.valid_from === "" || v.valid_from <= link.effective_date) &&
        link.effective_date <= v.valid_to,
    );
    tables.links = [
      ...tables.links,
      { ...link, new_code: other?.code ?? "", new_full_name: other?.full_name ?? "" },
    ];
    expect(checkHistory(tables).some((p) => p.includes("a whole link from a unit with 2 successors"))).toBe(
      true,
    );
  });

  it("fails a part link with a single successor and no remainder", () => {
    const tables = real();
    const link = singleWhole(tables);
    tables.links = tables.links.map((l) => (l === link ? { ...l, kind: "part" } : l));
    expect(
      checkHistory(tables).some((p) => p.includes("a part link with a single successor and no remainder")),
    ).toBe(true);
  });

  it("fails an uncertain successor outside the unit's district, and a lone uncertain one", () => {
    const tables = real();
    const uncertain = tables.links.find((l) => l.certainty === "uncertain") as HistoryLinkRow;
    const far = tables.history.find(
      (v) =>
        v.level === "commune" &&
        v.code.slice(0, 2) !== uncertain.new_code.slice(0, 2) &&
        (v.valid_from === "" || v.valid_from <= uncertain.effective_date) &&
        uncertain.effective_date <= v.valid_to,
    );
    tables.links = [...tables.links, { ...uncertain, new_code: far?.code ?? "" }];
    expect(
      checkHistory(tables).some((p) => p.includes(`uncertain successor ${far?.code} is outside district`)),
    ).toBe(true);

    const lone = real();
    const link = singleWhole(lone);
    lone.links = lone.links.map((l) => (l === link ? { ...l, certainty: "uncertain" } : l));
    expect(checkHistory(lone).some((p) => p.includes("a single uncertain successor"))).toBe(true);
  });

  it("fails overlapping versions of a unit", () => {
    const tables = real();
    const version = tables.history.find((v) => v.level === "commune" && v.valid_to !== "2025-06-30");
    if (!version) throw new Error("no ended commune version in the dataset");
    tables.history = [
      ...tables.history,
      { ...version, valid_from: version.valid_to, valid_to: "2025-06-30" },
    ];
    expect(checkHistory(tables).some((p) => p.includes("overlap"))).toBe(true);
  });
});
