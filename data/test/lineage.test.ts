import { CHANGE_KINDS, PARTIAL_KINDS } from "@diagioi/core";
import { describe, expect, it } from "vitest";
import { type LineageCsvRow, readJson, readTable, type UnitCsvRow } from "./dist.ts";

const { header, rows } = readTable<LineageCsvRow>("lineage.csv");
const units = readTable<UnitCsvRow>("units.csv").rows;
const merger = rows.filter((r) => r.effective_date === "2025-07-01");
const communeLinks = merger.filter((r) => r.old_level !== "province");
const oldCommunes = units.filter((u) => u.level === "commune" && u.valid_to === "2025-06-30");
const newCommunes = units.filter((u) => u.level === "commune" && u.valid_from === "2025-07-01");

describe("lineage.csv", () => {
  it("has the documented header and closed sets", () => {
    expect(header).toEqual([
      "effective_date",
      "old_code",
      "old_level",
      "old_full_name",
      "new_code",
      "new_full_name",
      "kind",
      "legal_ref",
      "legal_clause",
      "sources",
    ]);
    for (const row of rows) {
      expect(CHANGE_KINDS).toContain(row.kind);
      expect(["province", "district", "commune"]).toContain(row.old_level);
      for (const source of row.sources.split(";")) {
        expect(["nso", "sapnhap", "resolution", "units-2026-07-25"]).toContain(source);
      }
    }
  });

  it("has one row per (date, old unit, new unit)", () => {
    const keys = rows.map((r) => `${r.effective_date}:${r.old_level}:${r.old_code}:${r.new_code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names units that exist: old units until 2025-06-30, new units from the link's date", () => {
    const byCode = new Map<string, UnitCsvRow[]>();
    for (const u of units)
      byCode.set(`${u.level}:${u.code}`, [...(byCode.get(`${u.level}:${u.code}`) ?? []), u]);
    const validOn = (level: string, code: string, date: string) =>
      (byCode.get(`${level}:${code}`) ?? []).some(
        (u) => (u.valid_from === "" || u.valid_from <= date) && (u.valid_to === "" || date <= u.valid_to),
      );
    for (const row of merger) {
      expect(validOn(row.old_level, row.old_code, "2025-06-30"), `old ${row.old_code}`).toBe(true);
      const newLevel = row.old_level === "province" ? "province" : "commune";
      expect(validOn(newLevel, row.new_code, row.effective_date), `new ${row.new_code}`).toBe(true);
    }
  });

  it("gives every old commune a successor and every new commune a predecessor", () => {
    const withSuccessor = new Set(
      communeLinks.filter((r) => r.old_level === "commune").map((r) => r.old_code),
    );
    expect(oldCommunes.filter((u) => !withSuccessor.has(u.code)).map((u) => u.code)).toEqual([]);
    const withPredecessor = new Set(communeLinks.map((r) => r.new_code));
    expect(newCommunes.filter((u) => !withPredecessor.has(u.code)).map((u) => u.code)).toEqual([]);
  });

  it("maps the 63 old provinces onto the 34 new ones", () => {
    const provinces = merger.filter((r) => r.old_level === "province");
    expect(new Set(provinces.map((r) => r.old_code)).size).toBe(63);
    expect(new Set(provinces.map((r) => r.new_code)).size).toBe(34);
  });

  it("knows that Phường Phúc Xá went into Phường Hồng Hà", () => {
    const links = communeLinks.filter((r) => r.old_code === "00001");
    expect(links.map((r) => [r.new_code, r.new_full_name, r.legal_ref])).toEqual([
      ["00097", "Phường Hồng Hà", "1656/NQ-UBTVQH15"],
    ]);
  });

  it("knows that Phường Cống Vị was split between Ngọc Hà and Giảng Võ", () => {
    const links = communeLinks.filter((r) => r.old_code === "00007");
    expect(links.map((r) => r.new_code).sort()).toEqual(["00008", "00025"]);
    for (const link of links) expect(PARTIAL_KINDS.has(link.kind as never)).toBe(true);
  });

  it("never calls a link whole when the old commune went to several new ones", () => {
    const successors = new Map<string, LineageCsvRow[]>();
    for (const r of communeLinks) successors.set(r.old_code, [...(successors.get(r.old_code) ?? []), r]);
    const split = [...successors.values()].filter((links) => links.length > 1);
    expect(split.length).toBeGreaterThan(400);
    const wholeInSplit = split.flat().filter((r) => r.kind === "whole" || r.kind === "kept");
    expect(wholeInSplit.map((r) => `${r.old_code}→${r.new_code}`)).toEqual([]);
  });

  it("cites the resolution for every new commune and the clause for at least 95 % of commune links", () => {
    for (const row of communeLinks) expect(row.legal_ref).toMatch(/^16(5[4-9]|[6-7]\d|8[0-7])\/NQ-UBTVQH15$/);
    const withClause = communeLinks.filter((r) => /^Điều \d+, khoản \d+$/.test(r.legal_clause)).length;
    expect(withClause / communeLinks.length).toBeGreaterThanOrEqual(0.95);
  });

  it("agrees with the statistics office's table except where QUALITY explains why", () => {
    const quality = readJson<{ findings: { type: string; subject: string }[] }>("quality.json");
    const explained = new Set(quality.findings.map((f) => f.subject));
    const notFromTable = communeLinks.filter((r) => !r.sources.split(";").includes("nso"));
    for (const row of notFromTable) {
      const explainedHere = [...explained].some(
        (s) => s.startsWith(row.old_code) && s.endsWith(row.new_code),
      );
      expect(explainedHere, `${row.old_code}→${row.new_code}`).toBe(true);
    }
  });
});
