import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDiagioi, ProvinceLoader, sliceByProvince, unitsCsv } from "@diagioi/core";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "../../../data/dist");
const read = (file: string) => readFileSync(join(dist, file), "utf8");
const lineageText = read("lineage.csv");
const historyText = read("lineage-history.csv");
const full = createDiagioi({
  units: read("units.csv"),
  lineage: lineageText,
  history: { units: read("units-history.csv"), lineage: historyText },
});
// The units since 2004 as one table, as the package build slices them.
const unitsText = unitsCsv(full.units.units);
const slices = sliceByProvince(unitsText, lineageText, historyText);
const files = new Map<string, string>();
for (const [code, slice] of [["provinces", slices.provinces] as const, ...slices.byProvince]) {
  files.set(`${code}.units.csv`, slice.units);
  files.set(`${code}.lineage.csv`, slice.lineage);
  files.set(`${code}.lineage-history.csv`, slice.lineageHistory ?? "");
}
const DATE = "2026-11-01";

async function openLoader() {
  const fetched: string[] = [];
  const loader = await ProvinceLoader.open(async (file) => {
    fetched.push(file);
    const text = files.get(file);
    if (text === undefined) throw new Error(`no file ${file}`);
    return text;
  });
  return { loader, fetched };
}

describe("one province at a time", () => {
  it("cuts every unit and link into a slice of its new province", () => {
    expect(slices.byProvince.size).toBe(full.units.all({ level: "province", date: DATE }).length);
    const rows = (text: string) => text.trimEnd().split("\n").length - 1;
    const unitRows = new Set<string>();
    for (const text of [slices.provinces.units, ...[...slices.byProvince.values()].map((s) => s.units)])
      for (const line of text.trimEnd().split("\n").slice(1)) unitRows.add(line);
    expect(unitRows.size).toBe(full.units.units.length);
    // The provinces slice holds every district too, which tells where an address is.
    expect(rows(slices.provinces.units)).toBe(full.units.units.filter((u) => u.level !== "commune").length);
    const hanoi = slices.byProvince.get("01");
    expect(hanoi?.units).toMatch(/^00001,commune,phuong,Phúc Xá,/m);
    expect(hanoi?.units).not.toMatch(/Bến Nghé/);
  });

  it("fetches only the provinces an address names, and converts as the whole dataset does", async () => {
    const { loader, fetched } = await openLoader();
    expect(fetched).toEqual([
      "provinces.units.csv",
      "provinces.lineage.csv",
      "provinces.lineage-history.csv",
    ]);
    const result = await loader.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội", { date: DATE });
    expect(result.new?.full_name).toBe("Phường Hồng Hà");
    expect(loader.loadedProvinces).toEqual(["01"]);
    // An old province merged into a new one loads the new one: Tỉnh Hà Giang is now in Tuyên Quang.
    const merged = await loader.convert("Xã Phố Bảng, Huyện Đồng Văn, Tỉnh Hà Giang", { date: DATE });
    expect(merged.new?.full_name).toBe(
      full.convert("Xã Phố Bảng, Huyện Đồng Văn, Tỉnh Hà Giang", { date: DATE }).new?.full_name,
    );
    expect(loader.loadedProvinces).toHaveLength(2);
    // A district that moved to Hà Nội in 2008, named with its province then (now in Phú Thọ): that
    // province's slice holds the commune's chain to today's units.
    const { loader: fresh } = await openLoader();
    const meLinh = "Xã Tiền Phong, Huyện Mê Linh, Tỉnh Vĩnh Phúc";
    const moved = await fresh.convert(meLinh, { date: DATE });
    expect(moved.candidates.map((c) => c.code)).toEqual(
      full.convert(meLinh, { date: DATE }).candidates.map((c) => c.code),
    );
    expect(moved.status).toBe("ambiguous");
    // A province gone in 2008 loads the one it went into: Hà Tây is now in Hà Nội.
    const older = await loader.convert("Phường Lê Lợi, Thị xã Sơn Tây, Hà Tây", { date: DATE });
    expect(older.new?.full_name).toBe("Phường Sơn Tây");
    expect(loader.loadedProvinces).toHaveLength(2);
  });

  it("tells a district from a province or another district spelled alike", async () => {
    const cases = [
      // Sơn La's Huyện Phù Yên, not the province Phú Yên (now in Đắk Lắk).
      ["Xã Gia Phù, Huyện Phù Yên", "14"],
      // "Quận Ba" also spells Hà Giang's Huyện Quản Bạ.
      ["Phường Phúc Xá, Quận Ba Đình, Hà Nội", "01"],
      // A ward named as Hà Nội's Quận Đống Đa, in Vĩnh Yên (Vĩnh Phúc, now in Phú Thọ).
      ["Phường Đống Đa, TP. Vĩnh Yên, Vĩnh Phúc", "25"],
      // Nghệ An's Thành phố Vinh inside "Trà Vinh" (now in Vĩnh Long).
      ["Xã Hùng Hòa, H. Tiểu Cần, Trà Vinh", "86"],
    ] as const;
    for (const [address, code] of cases) {
      const { loader } = await openLoader();
      const got = await loader.convert(address, { date: DATE });
      expect(got, address).toEqual(full.convert(address, { date: DATE }));
      expect(got.status, address).toBe("ok");
      expect(loader.loadedProvinces, address).toEqual([code]);
    }
  });

  it("reports a failed fetch and fetches again on the next call", async () => {
    let failures = 1;
    const loader = await ProvinceLoader.open(async (file) => {
      if (file === "01.units.csv" && failures-- > 0) throw new Error("network down");
      return files.get(file) ?? "";
    });
    await expect(loader.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội", { date: DATE })).rejects.toThrow(
      "network down",
    );
    expect(loader.loadedProvinces).toEqual([]);
    const result = await loader.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội", { date: DATE });
    expect(result.new?.full_name).toBe("Phường Hồng Hà");
  });

  it("gives the same answers as the whole dataset on addresses from every province", async () => {
    const { loader } = await openLoader();
    const communes = full.units.all({ level: "commune", date: "2025-06-30" });
    const addresses: string[] = [];
    for (let i = 0; i < communes.length; i += 37) {
      const commune = communes[i];
      if (!commune) continue;
      const district = full.units.byCode(commune.parentCode, { date: "2025-06-30" });
      const province = district && full.units.byCode(district.parentCode, { date: "2025-06-30" });
      addresses.push(`${commune.fullName}, ${district?.fullName}, ${province?.fullName}`);
    }
    addresses.push(
      "Phường Thảo Điền, Quận 2, TP.HCM",
      "Phường 11, Quận 10, TP.HCM",
      "Xã Tiền Phong, Huyện Mê Linh, Vĩnh Phúc",
    );
    expect(addresses.length).toBeGreaterThan(250);
    for (const address of addresses) {
      const expected = full.convert(address, { date: DATE });
      const got = await loader.convert(address, { date: DATE });
      expect([got.status, got.candidates.map((c) => c.code)], address).toEqual([
        expected.status,
        expected.candidates.map((c) => c.code),
      ]);
    }
  });
});
