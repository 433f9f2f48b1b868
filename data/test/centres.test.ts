import { describe, expect, it } from "vitest";
import { readTable, type UnitCsvRow } from "./dist.ts";

type CentreCsvRow = Record<"code" | "level" | "lng" | "lat", string>;

const { header, rows } = readTable<CentreCsvRow>("centres-pre2025.csv");
const old = readTable<UnitCsvRow>("units.csv").rows.filter((u) => u.valid_to === "2025-06-30");
const oldByKey = new Map(old.map((u) => [`${u.level}:${u.code}`, u]));
const LEVELS = ["province", "district", "commune"];

describe("centres-pre2025.csv", () => {
  it("has the documented header", () => {
    expect(header).toEqual(["code", "level", "lng", "lat"]);
  });

  it("has unique codes, each an old unit of that level valid on 2025-06-30", () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const row of rows) {
      expect(LEVELS, `level of ${row.code}`).toContain(row.level);
      expect(oldByKey.has(`${row.level}:${row.code}`), `${row.level} ${row.code}`).toBe(true);
    }
  });

  it("is sorted by level (province, district, commune), then code", () => {
    const key = (r: CentreCsvRow) => `${LEVELS.indexOf(r.level)}:${r.code}`;
    const sorted = [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(rows.map(key)).toEqual(sorted.map(key));
  });

  it("writes coordinates with six decimals inside Vietnam's bounding box", () => {
    for (const row of rows) {
      expect(row.lng, row.code).toMatch(/^\d+\.\d{6}$/);
      expect(row.lat, row.code).toMatch(/^\d+\.\d{6}$/);
      const [lng, lat] = [Number(row.lng), Number(row.lat)];
      expect(lng >= 102 && lng <= 110 && lat >= 8 && lat <= 24, `${row.code} at ${lng}, ${lat}`).toBe(true);
    }
  });

  it("covers at least 95 % of the 696 old districts and of the 10,035 old communes", () => {
    const count = (level: string) => rows.filter((r) => r.level === level).length;
    expect(count("district")).toBeGreaterThanOrEqual(0.95 * 696);
    expect(count("commune")).toBeGreaterThanOrEqual(0.95 * 10_035);
  });

  it("places each of the 63 old provinces at the point of one of its cities or urban districts", () => {
    const provinces = rows.filter((r) => r.level === "province");
    expect(provinces).toHaveLength(63);
    const districts = rows.filter((r) => r.level === "district");
    for (const province of provinces) {
      const capital = districts.find(
        (d) =>
          oldByKey.get(`district:${d.code}`)?.parent_code === province.code &&
          d.lng === province.lng &&
          d.lat === province.lat,
      );
      expect(capital, `capital of ${province.code}`).toBeDefined();
      expect(["thanh_pho", "quan"]).toContain(oldByKey.get(`district:${capital?.code}`)?.kind);
    }
  });

  it("places Ba Đình (001) in Hà Nội and Hà Nội at Ba Đình", () => {
    const point = (level: string, code: string) => {
      const row = rows.find((r) => r.level === level && r.code === code);
      return row && [Number(row.lng), Number(row.lat)];
    };
    const baDinh = point("district", "001") as number[];
    expect(baDinh[0]).toBeCloseTo(105.83, 1);
    expect(baDinh[1]).toBeCloseTo(21.03, 1);
    expect(point("province", "01")).toEqual(baDinh);
  });
});
