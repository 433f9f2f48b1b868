import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDiagioi, type Reading } from "@diagioi/core";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "../../../data/dist");
const diagioi = createDiagioi({
  units: readFileSync(join(dist, "units.csv"), "utf8"),
  lineage: readFileSync(join(dist, "lineage.csv"), "utf8"),
});
const read = (text: string) => diagioi.converter.read(text, { date: "2026-11-01" });
const codes = (r: Reading | undefined) =>
  [r?.commune, r?.district, r?.province].map((u) => (u ? `${u.era}:${u.unit.code}` : "-")).join(" ");

describe("reading a text as units", () => {
  it("narrows a numbered ward by its district, written in full or abbreviated", () => {
    expect(codes(read("Phường 4, Quận 5")[0])).toBe("old:27301 old:774 -");
    expect(codes(read("p4 q5 hcm")[0])).toBe("old:27301 old:774 old:79");
    expect(read("p4 q5 hcm")[0]?.unread).toEqual([]);
  });

  it("reads a commune and its district without separators", () => {
    expect(codes(read("Cống Vị Ba Đình")[0])).toBe("old:00007 old:001 -");
  });

  it("keeps what it could not read", () => {
    const [best] = read("thảo điền quận 2");
    expect(best?.commune?.unit.fullName).toBe("Phường Thảo Điền");
    expect(best?.unread).toEqual(["quận 2"]);
    expect(read("12 Hàng Bạc, P. Hàng Bạc, Q. Hoàn Kiếm, HN")[0]?.unread).toEqual(["12 Hàng Bạc"]);
  });

  it("finds provinces by their common names", () => {
    for (const [text, code] of [
      ["Hanoi", "01"],
      ["Saigon", "79"],
      ["HCM", "79"],
      ["Huế", "46"],
    ] as const) {
      const readings = read(text);
      expect(readings.map((r) => r.province?.unit.code)).toContain(code);
      expect(readings.find((r) => r.province?.era === "new")?.province?.unit.code, text).toBe(code);
    }
  });

  it("gives one reading per unit, every one of a name", () => {
    const readings = read("Phường 11");
    const keys = readings.map((r) => `${r.commune?.era}:${r.commune?.unit.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(readings.length).toBe(10); // the ten Phường 11 of 2025-06-30
  });

  it("never throws", () => {
    for (const text of ["", "   ", ",,,", "0000", null, undefined, 12])
      expect(Array.isArray(diagioi.converter.read(text))).toBe(true);
  });
});
