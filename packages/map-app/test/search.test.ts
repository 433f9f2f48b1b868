/** The map's search on the real dataset, without a browser: what each kind of query finds first. */
import { DIST_DIR, loadDiagioi } from "@diagioi/data";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, search } from "../src/search.ts";

// From the CSV files with the versions since 2004, as the page builds it.
const diagioi = loadDiagioi({ dir: DIST_DIR, boundaries: false });
const index = buildSearchIndex(diagioi, "2026-11-23");
const first = (text: string) => {
  const entry = search(index, diagioi, text).entries[0];
  return entry && `${entry.era}:${entry.unit.level}:${entry.unit.code}`;
};

describe("map search", () => {
  it("narrows a commune by the district written beside it", () => {
    expect(first("Phường 4, Quận 5")).toBe("old:commune:27301");
    expect(first("p4 q5 hcm")).toBe("old:commune:27301");
    expect(first("Cống Vị Ba Đình")).toBe("old:commune:00007");
  });

  it("finds provinces and cities by their common names, today's first", () => {
    expect(first("Hanoi")).toBe("new:province:01");
    expect(first("Saigon")).toBe("new:province:79");
    expect(first("HCM")).toBe("new:province:79");
    expect(first("Huế")).toBe("new:province:46");
    // A ward named so, typed with its designation, is the ward.
    expect(first("Phường Sài Gòn")).toBe("new:commune:26740");
    expect(first("phuong sai gon")).toBe("new:commune:26740");
    expect(first("Sài Gòn")).toBe("new:province:79");
    // An English designation after the name reads as one: the city, not communes named Chí Minh.
    expect(first("Ho Chi Minh City")).toBe("new:province:79");
    expect(first("Hoan Kiem district")).toBe("old:district:002");
    // A bare name a province bore comes first, before today's communes of that name.
    expect(first("Hà Nam")).toBe("old:province:35");
    // So does a province that ended in 2008, as the Hà Nội it went into.
    expect(first("Hà Tây")).toBe("old:province:01");
  });

  it("reads units of any date since 2004, shown as the units of 2025-06-30 they became", () => {
    const thaoDien = search(index, diagioi, "thảo điền quận 2");
    expect(thaoDien.entries[0]?.unit.fullName).toBe("Phường Thảo Điền");
    expect(thaoDien.unread).toEqual([]);
    // Phường 11 of Quận 10 was merged into Phường 10 on 2025-01-01.
    const merged = search(index, diagioi, "Phường 11, Quận 10");
    expect(merged.entries[0]?.unit.code).toBe("27178");
    expect(merged.missing).toBeUndefined();
    // …and says what it was: the ward of 2024 the text named.
    const was = merged.through.get(merged.entries[0] as never);
    expect([was?.fullName, was?.validTo]).toEqual(["Phường 11", "2024-12-31"]);
    // Thảo Điền is still there in 2025-06-30: found as itself, through nothing.
    expect(thaoDien.through.size).toBe(0);
    expect(first("Quận 2")).toBe("old:district:769");
    expect(
      search(index, diagioi, "Hà Tây").entries.map((e) => `${e.era}:${e.unit.level}:${e.unit.code}`),
    ).toContain("old:province:01");
    expect(first("Lê Lợi, Sơn Tây, Hà Tây")).toBe("old:commune:09574");
  });

  it("says which words it could not read", () => {
    const outcome = search(index, diagioi, "thảo điền quận 99");
    expect(outcome.entries[0]?.unit.fullName).toBe("Phường Thảo Điền");
    expect(outcome.unread).toEqual(["quận 99"]);
  });

  it("puts the district first when it holds no unit of the name given", () => {
    // Quận 10 had wards 1 to 15.
    const outcome = search(index, diagioi, "Phường 16, Quận 10");
    expect(outcome.entries[0]?.unit.fullName).toBe("Quận 10");
    expect(outcome.missing?.name).toBe("Phường 16");
  });

  it("gives every unit of a shared name with its district and province", () => {
    const { entries } = search(index, diagioi, "Phường 11");
    expect(entries).toHaveLength(10);
    for (const entry of entries) {
      expect(entry.district?.level).toBe("district");
      expect(entry.province?.level).toBe("province");
    }
    // Numbered wards are mostly the big cities': theirs come first.
    expect(entries[0]?.province?.code).toBe("79");
  });

  it("converts a whole address", () => {
    const outcome = search(index, diagioi, "12 Hàng Bạc, P. Hàng Bạc, Q. Hoàn Kiếm, HN");
    expect(outcome.address?.address).toBe("12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội");
    expect(outcome.entries[0]?.unit.code).toBe("00061");
  });

  it("offers names one letter away when nothing is named so", () => {
    const names = (text: string) => {
      const outcome = search(index, diagioi, text);
      return { close: outcome.closeSpellings, names: outcome.entries.map((e) => e.unit.fullName) };
    };
    // A letter left out, two swapped, one changed; with a designation too.
    expect(names("Nha Trng")).toEqual({ close: true, names: expect.arrayContaining(["Phường Nha Trang"]) });
    expect(names("Thnah Xuân").names[0]).toBe("Phường Thanh Xuân");
    expect(names("Phường Bến Ngé").names).toContain("Phường Bến Nghé");
    expect(names("Quảng Ngiã").names[0]).toBe("Tỉnh Quảng Ngãi");
    // A name found as typed is not also looked for one letter away.
    expect(search(index, diagioi, "Nha Trang").closeSpellings).toBeUndefined();
    // Text far from every name finds nothing still.
    expect(names("Qwerty Zx")).toEqual({ close: undefined, names: [] });
  });

  it("finds codes, and nothing for one letter", () => {
    expect(
      search(index, diagioi, "00097")
        .entries.map((e) => e.era)
        .sort(),
    ).toEqual(["new", "old"]);
    expect(search(index, diagioi, "x").entries).toEqual([]);
  });
});
