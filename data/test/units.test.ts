import { describe, expect, it } from "vitest";
import { readTable, type UnitCsvRow } from "./dist.ts";

const { header, rows } = readTable<UnitCsvRow>("units.csv");
const CODE_LENGTH = { province: 2, district: 3, commune: 5 } as const;
const KINDS = {
  province: ["tinh", "thanh_pho_tw"],
  district: ["quan", "huyen", "thi_xa", "thanh_pho"],
  commune: ["phuong", "xa", "thi_tran", "dac_khu"],
};

describe("units.csv", () => {
  it("has the documented header", () => {
    expect(header).toEqual([
      "code",
      "level",
      "kind",
      "name",
      "full_name",
      "name_en",
      "full_name_en",
      "parent_code",
      "valid_from",
      "valid_to",
    ]);
  });

  it("has well-formed rows", () => {
    for (const row of rows) {
      const level = row.level as keyof typeof CODE_LENGTH;
      expect(CODE_LENGTH[level], `level of ${row.code}`).toBeDefined();
      expect(row.code, `code ${row.code}`).toMatch(new RegExp(`^\\d{${CODE_LENGTH[level]}}$`));
      expect(KINDS[level], `kind of ${row.code}`).toContain(row.kind);
      expect(row.full_name.endsWith(row.name), `${row.full_name} / ${row.name}`).toBe(true);
      expect(row.full_name, "NFC").toBe(row.full_name.normalize("NFC"));
      for (const date of [row.valid_from, row.valid_to])
        if (date) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (row.valid_from && row.valid_to) expect(row.valid_from <= row.valid_to).toBe(true);
    }
  });

  it("has one row per version: (level, code, valid_from) is unique and versions do not overlap", () => {
    const versions = new Map<string, UnitCsvRow[]>();
    for (const row of rows)
      versions.set(`${row.level}:${row.code}`, [...(versions.get(`${row.level}:${row.code}`) ?? []), row]);
    let checked = 0;
    for (const list of versions.values()) {
      const starts = list.map((r) => r.valid_from);
      expect(new Set(starts).size).toBe(starts.length);
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1] as UnitCsvRow;
        const after = list[i] as UnitCsvRow;
        expect(
          before.valid_to < after.valid_from,
          `${after.code} ${before.valid_to} / ${after.valid_from}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it("counts 63 provinces, 696 districts and 10,035 communes ending on 2025-06-30", () => {
    const ending = rows.filter((r) => r.valid_to === "2025-06-30");
    expect(ending.filter((r) => r.level === "province")).toHaveLength(63);
    expect(ending.filter((r) => r.level === "district")).toHaveLength(696);
    expect(ending.filter((r) => r.level === "commune")).toHaveLength(10_035);
  });

  it("counts 34 provinces and 3,321 communes starting on 2025-07-01", () => {
    const starting = rows.filter((r) => r.valid_from === "2025-07-01");
    expect(starting.filter((r) => r.level === "province")).toHaveLength(34);
    expect(starting.filter((r) => r.level === "commune")).toHaveLength(3321);
    expect(starting.filter((r) => r.level === "district")).toHaveLength(0);
  });

  it("links every unit to a parent that exists in the same period", () => {
    const key = (level: string, code: string, period: "old" | "new") => `${level}:${code}:${period}`;
    const period = (r: UnitCsvRow) => (r.valid_to === "2025-06-30" ? "old" : "new");
    const known = new Set(rows.map((r) => key(r.level, r.code, period(r))));
    for (const row of rows) {
      if (row.level === "province") expect(row.parent_code).toBe("");
      else {
        const parentLevel = row.level === "commune" && period(row) === "old" ? "district" : "province";
        expect(
          known.has(key(parentLevel, row.parent_code, period(row))),
          `${row.code} → ${row.parent_code}`,
        ).toBe(true);
      }
    }
  });

  it("records Đồng Nai becoming a city on 2026-04-30 and ten of its communes becoming wards", () => {
    const dongNai = rows.filter(
      (r) => r.level === "province" && r.code === "75" && r.valid_from >= "2025-07-01",
    );
    expect(dongNai.map((r) => [r.kind, r.valid_from, r.valid_to])).toEqual([
      ["tinh", "2025-07-01", "2026-04-29"],
      ["thanh_pho_tw", "2026-04-30", ""],
    ]);
    const wards = rows.filter((r) => r.level === "commune" && r.valid_from === "2026-04-30");
    expect(wards).toHaveLength(10);
    for (const ward of wards) expect([ward.kind, ward.parent_code]).toEqual(["phuong", "75"]);
  });

  it("uses the statistics office's code 06970 for Xã Ba Chẽ", () => {
    const baChe = rows.filter((r) => r.full_name === "Xã Ba Chẽ");
    expect(baChe.map((r) => r.code)).toEqual(["06970"]);
    expect(rows.some((r) => r.code === "06978")).toBe(false);
  });
});
