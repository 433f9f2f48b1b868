import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Unit } from "@diagioi/core";
import { describe, expect, it } from "vitest";
import { LIB_DIR, loadDiagioi, loadForAddresses } from "../src/index.ts";

const full = loadDiagioi({ boundaries: false });
const LAST_OLD_DAY = "2025-06-30";
const SHORT_DESIGNATION: Record<string, string> = {
  huyen: "H.",
  quan: "Q.",
  thi_xa: "TX.",
  thanh_pho: "TP.",
};

/**
 * Addresses that test the guess of which province's file to read: names that also belong to another
 * province's units, and a commune of every fifth district of 2025-06-30 with the district's
 * designation shortened and the province's name bare, and with both in full. (An address that names
 * no province is read with the whole dataset.)
 */
function addresses(): { all: string[]; withProvince: Set<string> } {
  const registry = full.units;
  const out = [
    "Xã Gia Phù, Huyện Phù Yên", // Sơn La's district, spelled as the province Phú Yên is
    "Xa Gia Phu, Phu Yen", // the same without diacritics
    "Xã Đông Xuân, Huyện Lương Sơn, Tỉnh Hòa Bình", // went to Hà Nội in 2008
    "Xã Tân Đông, H. Thạnh Hóa", // Long An's district, spelled as the province Thanh Hóa is
    "Phường Phúc Xá, Quận Ba Đình, Hà Nội", // "Quận Ba" also spells Huyện Quản Bạ
    "Kiệt 93 Nguyễn Huệ, Xã Hồng Thái, Huyện Bắc Bình", // Huế in a street's name
    "Xã Mường Lựm, H.Yên Châu", // "H.Yên" also spells Hưng Yên
    "Ngõ 247, ấp Hòa Bình, X. Long Giang, Huyện Bến Cầu, T.Ninh", // a hamlet named as a province
  ];
  const withProvince: string[] = [];
  const districts = registry.all({ date: LAST_OLD_DAY, level: "district" });
  districts.forEach((district, i) => {
    if (i % 5 !== 0) return;
    const province = registry.byCode(district.parentCode, { date: LAST_OLD_DAY }) as Unit;
    const communes = registry.children(district.code, { date: LAST_OLD_DAY });
    const commune = communes[i % communes.length];
    if (!commune) return;
    withProvince.push(
      `${commune.fullName}, ${SHORT_DESIGNATION[district.kind]} ${district.name}, ${province.name}`,
    );
    withProvince.push(`${commune.fullName}, ${district.fullName}, ${province.fullName}`);
  });
  return { all: [...out, ...withProvince], withProvince: new Set(withProvince) };
}

describe("loadForAddresses (the command's way with a few addresses)", () => {
  it("converts as the whole dataset does, mostly from one province's file", () => {
    expect(existsSync(join(LIB_DIR, "prepared", "provinces.json"))).toBe(true);
    const { all, withProvince } = addresses();
    expect(all.length).toBeGreaterThan(280);
    let fromOneProvince = 0;
    for (const input of all) {
      const few = loadForAddresses([input]);
      expect(few.convert(input), input).toEqual(full.convert(input));
      if (withProvince.has(input) && few.units.units.length < full.units.units.length / 5) fromOneProvince++;
    }
    // Those that name their province are read from its file.
    expect(fromOneProvince / withProvince.size).toBeGreaterThan(0.95);
  });
});
