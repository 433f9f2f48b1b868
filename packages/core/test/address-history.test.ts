import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDiagioi } from "@diagioi/core";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "../../../data/dist");
const read = (file: string) => readFileSync(join(dist, file), "utf8");
const diagioi = createDiagioi({
  units: read("units.csv"),
  lineage: read("lineage.csv"),
  history: { units: read("units-history.csv"), lineage: read("lineage-history.csv") },
});
const DATE = "2026-11-01";
const convert = (text: string, asOf?: string) => diagioi.convert(text, { date: DATE, asOf });

describe("addresses written in the units of any date since 2004", () => {
  it("reads a commune gone before 2025 with only its province named, today's province or its own", () => {
    // Xã Dị Nậu (Thạch Thất, Hà Tây; Hà Nội since 2008) became part of Xã Tây Phương in 2025.
    expect(convert("Xã Dị Nậu, Thành phố Hà Nội").new?.full_name).toBe("Xã Tây Phương");
    // Xã Vực Trường went into Xã Hiền Quan in 2020; "Phú Thọ" is the province, not the ward of that name.
    const vucTruong = convert("Xã Vực Trường, Phú Thọ");
    expect(vucTruong.status).toBe("ok");
    expect(vucTruong.new?.full_name).toBe("Xã Hiền Quan");
    // A later commune of the same name and place is the better reading of the same words.
    expect(convert("Xóm Mới, Xã Lao Chải, Lào Cai").status).toBe("ok");
  });

  it("finds a misspelled commune of the district named that ended before 2025", () => {
    // Xã Đồng Lý of Huyện Lý Nhân ended before 2025; today's Xã Lý Nhân bears the district's name.
    const pairs: [string, string][] = [
      ["236 Lê Lợi, Xã Đồg Lý, Huyện Lý Nhân, T. Hà Nam", "Xã Đồng Lý, Huyện Lý Nhân, Tỉnh Hà Nam"],
      [
        "Thôn Trung, xã Nghĩê Thắng, H. Nghĩa Đàn, Tỉnh Nghệ An",
        "Xã Nghĩa Thắng, Huyện Nghĩa Đàn, Tỉnh Nghệ An",
      ],
    ];
    for (const [typo, right] of pairs) {
      const misspelt = convert(typo);
      const spelt = convert(right);
      expect(spelt.status, right).toBe("ok");
      expect([misspelt.status, misspelt.new?.code, misspelt.matched.commune], typo).toEqual([
        "ok",
        spelt.new?.code,
        spelt.matched.commune,
      ]);
      expect(misspelt.confidence).toBeLessThan(spelt.confidence);
    }
  });

  it("finds a misspelled commune beside a district it left, its first word misspelled", () => {
    // Every commune of 2025-06-30 that was in another district before under the same name, written
    // with that district and its first word's last letter doubled ("Xã Khánhh Thạnh Tân, Huyện Mỏ
    // Cày", of Mỏ Cày Bắc since 2009): the answer of the right spelling, or ambiguous; never another.
    const rows = read("units-history.csv")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(","));
    const versionsOf = new Map<string, string[][]>();
    for (const row of rows) {
      const [code, level] = row as [string, string];
      if (level === "commune") versionsOf.set(code, [...(versionsOf.get(code) ?? []), row]);
    }
    let tried = 0;
    const differ: string[] = [];
    const wrong: string[] = [];
    for (const versions of versionsOf.values()) {
      const last = versions.find((v) => v[9] === "2025-06-30");
      const earlier = last && versions.find((v) => v[7] !== last[7] && v[3] === last[3]);
      if (!last || !earlier) continue;
      const [name, fullName] = [last[3] as string, last[4] as string];
      const date = earlier[9] as string;
      const district = diagioi.units.byCode(earlier[7] as string, { level: "district", date });
      const province = district && diagioi.units.byCode(district.parentCode, { level: "province", date });
      const [first, ...rest] = name.split(" ");
      if (!province || !first || rest.length === 0) continue;
      const designation = fullName.slice(0, fullName.length - name.length);
      const tail = `${district.fullName}, ${province.fullName}`;
      const right = convert(`${fullName}, ${tail}`);
      const typo = `${designation}${[first + first.slice(-1), ...rest].join(" ")}, ${tail}`;
      const got = convert(typo);
      tried++;
      if (got.status === "ok" && got.new?.code !== right.new?.code)
        wrong.push(`${typo}: ${got.new?.full_name}`);
      else if (got.status !== right.status || got.new?.code !== right.new?.code) differ.push(typo);
    }
    expect(tried).toBeGreaterThan(600);
    expect(wrong).toEqual([]);
    // 637 of 648 on the dataset of 2025-11 (the others ambiguous between two names one edit away).
    expect(differ.length / tried).toBeLessThan(0.03);
  });

  it("gives no commune when the named commune was never in the named district", () => {
    // Xã Hà Lan was in Thị xã Bỉm Sơn; "Huyện Thường Xuân" is the district, not Xã Thường Xuân.
    const result = convert("Xã Hà Lan, Huyện Thường Xuân, Tỉnh Thanh Hóa");
    expect(result.status).toBe("not_found");
  });

  it("drops the abbreviations T. (tỉnh) and Dist. (district) from the new address", () => {
    const result = convert("Số 5 Lê Lợi, X. Minh Tân, H. Phú Xuyên, T. Hà Tây");
    expect(result.status).toBe("ok");
    expect(result.address).toBe("Số 5 Lê Lợi, Xã Đại Xuyên, Thành phố Hà Nội");
    expect(convert("Ward 11, Dist. 10, HCMC").new?.full_name).toBe("Phường Vườn Lài");
  });

  it("reads a district renamed in 2021 as a unit, not as part of the street", () => {
    const result = convert("25 Nguyễn Văn Hưởng, Phường Thảo Điền, Quận 2, TP.HCM");
    expect(result.status).toBe("ok");
    expect(result.new?.full_name).toBe("Phường An Khánh");
    expect(result.matched.district).toBe("Quận 2");
    expect(result.address).toBe("25 Nguyễn Văn Hưởng, Phường An Khánh, Thành phố Hồ Chí Minh");
  });

  it("follows a province gone in 2008 (Hà Tây) to Hà Nội, never to a namesake elsewhere", () => {
    const result = convert("Phường Lê Lợi, Thị xã Sơn Tây, Hà Tây");
    expect(result.status).toBe("ok");
    expect(result.new?.province_code).toBe("01");
    expect(result.new?.full_name).toBe("Phường Sơn Tây");
    expect(result.matched.province).toBe("Tỉnh Hà Tây");
    // Without a district: Hà Tây's two Phường Quang Trung (Hà Đông, Sơn Tây), not Đống Đa's in Hà Nội.
    const quangTrung = convert("Phường Quang Trung, Hà Tây");
    expect(quangTrung.status).toBe("ambiguous");
    const names = quangTrung.candidates.map((c) => c.full_name);
    expect(names).toContain("Phường Sơn Tây");
    expect(names).not.toContain("Phường Đống Đa");
    // Mê Linh went from Vĩnh Phúc to Hà Nội in 2008.
    const meLinh = convert("Xã Tiền Phong, Huyện Mê Linh, Tỉnh Vĩnh Phúc");
    expect(meLinh.status).not.toBe("not_found");
    for (const candidate of meLinh.candidates) expect(candidate.province_code).toBe("01");
  });

  it("converts wards merged on 2025-01-01 through the ward they went into", () => {
    const quan10 = convert("Phường 11, Quận 10, TP.HCM");
    expect(quan10.status).toBe("ok");
    expect(quan10.new?.full_name).toBe("Phường Vườn Lài");
    const binhThanh = convert("Phường 24, Quận Bình Thạnh, Thành phố Hồ Chí Minh");
    expect(binhThanh.status).toBe("ok");
    expect(binhThanh.new?.full_name).toBe("Phường Bình Thạnh");
  });

  it("gives every successor when the history does not say which unit of its district took a commune", () => {
    const uncertain = diagioi.lineage.links.filter((l) => l.certainty === "uncertain");
    const link = uncertain.find((l) => l.oldLevel === "commune" && l.effectiveDate > "2010-01-01");
    expect(link).toBeDefined();
    const old = diagioi.units
      .versionsOf(link?.oldCode ?? "", "commune")
      .find((u) => u.fullName === link?.oldFullName);
    const district =
      old && diagioi.units.versionsOf(old.parentCode, "district").find((d) => d.validTo >= old.validTo);
    const reached = new Set(diagioi.lineage.destinations(old as never, DATE).map((d) => d.unit.code));
    expect(reached.size).toBeGreaterThan(1);
    const result = convert(`${old?.fullName}, ${district?.fullName}`, old?.validTo);
    expect(result.status).toBe("ambiguous");
    expect(new Set(result.candidates.map((c) => c.code))).toEqual(reached);
  });

  it("never answers ok in another district than the one named", () => {
    // Phường Lê Lợi is in several districts; Quận 2 never had one.
    const result = convert("Phường Lê Lợi, Quận 2, TP.HCM");
    expect(result.status).not.toBe("ok");
  });

  it("prefers the units in force on the day the address was written (asOf)", () => {
    // Xã Kỳ Sơn of Huyện Tứ Kỳ (11080) went in 2019 into one unit of its district, which the lists do
    // not say; another Xã Kỳ Sơn (11098) was formed there on 2025-01-01 and is in Xã Tân Kỳ today.
    const text = "Xã Kỳ Sơn, Huyện Tứ Kỳ, Tỉnh Hải Dương";
    const then = convert(text, "2010-01-01");
    expect(then.status).toBe("ambiguous");
    expect(then.candidates.length).toBeGreaterThan(1);
    const later = convert(text, "2025-03-01");
    expect([later.status, later.new?.full_name]).toEqual(["ok", "Xã Tân Kỳ"]);
    // Without a date, the later unit is the likelier reading.
    expect(convert(text).new?.code).toBe(later.new?.code);
    expect(() => convert(text, "2015-6-1")).toThrow(/YYYY-MM-DD/);
  });

  it("converts to the units of a past date: a ward in force then is itself", () => {
    // Phường Trường Thọ was in Quận Thủ Đức until 2020, then in Thành phố Thủ Đức: one run of versions
    // to the index, which holds its last one.
    const text = "Thôn Trung, Phường Trường Thọ, Quận Thủ Đức, Thành phố Hồ Chí Minh";
    const then = diagioi.convert(text, { date: "2005-12-09" });
    expect([then.status, then.new?.code, then.new?.full_name, then.new?.province_code]).toEqual([
      "ok",
      "26827",
      "Phường Trường Thọ",
      "79",
    ]);
    expect(diagioi.units.byCode("26827", { date: "2005-12-09" })?.parentCode).toBe("762");
    // An address of that day names the district too.
    expect(then.address).toBe("Thôn Trung, Phường Trường Thọ, Quận Thủ Đức, Thành phố Hồ Chí Minh");
    // Read as written that day: Xã Yên Ninh of 2004 (15439), not the one formed in 2025 (15442).
    const yenNinh = diagioi.convert("xã yên ninh huyện yên định tỉnh thanh hóa", { date: "2004-09-22" });
    expect([yenNinh.status, yenNinh.new?.code, yenNinh.address]).toEqual([
      "ok",
      "15439",
      "Xã Yên Ninh, Huyện Yên Định, Tỉnh Thanh Hóa",
    ]);
  });
});

describe("every commune reaches today's units", () => {
  const reaching = (communes: readonly { validTo: string }[]) =>
    communes.filter((c) => diagioi.lineage.destinations(c as never, DATE).length > 0).length;

  it("every commune of 2025-03-01 and of the 2019 lists leads to units in force today", () => {
    const of2025 = diagioi.units.all({ level: "commune", date: "2025-03-01" });
    expect([of2025.length, reaching(of2025)]).toEqual([10035, 10035]);
    const of2019 = diagioi.units.units.filter(
      (u) => u.level === "commune" && u.validFrom <= "2019-12-31" && u.validTo >= "2019-01-01",
    );
    expect(of2019.length).toBeGreaterThan(11100);
    expect(reaching(of2019)).toBe(of2019.length);
  });

  it("so does every version of every commune since 2004", () => {
    const versions = diagioi.units.units.filter(
      (u) => u.level === "commune" && u.validTo !== "" && u.validTo <= "2025-06-30",
    );
    expect(reaching(versions)).toBe(versions.length);
  });
});

describe("a new address fit for an envelope", () => {
  it("reads a line already written in today's units as it is, though its street names an old ward", () => {
    const result = convert("Số 1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội");
    expect(result.status).toBe("ok");
    expect(result.address).toBe("Số 1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội");
  });

  it("leaves no unit words in the street part", () => {
    expect(convert("Phường Hải Châu 1, Quận Hải Châu, Đà Nẵng").address).toBe(
      "Phường Hải Châu, Thành phố Đà Nẵng",
    );
    expect(convert("12 Lê Lợi, Phường 5, District 3, HCMC, District 2").address).toBe(
      "12 Lê Lợi, Phường Bàn Cờ, Thành phố Hồ Chí Minh",
    );
    expect(convert("Số 3, Phường Lê Lợi, Thị xã Sơn Tây, Hà Nội, Hà Tây").address).toBe(
      "Số 3, Phường Sơn Tây, Thành phố Hà Nội",
    );
    // The province's old name read as its new one ("Huế"): no "Thừa Thiên" left in front.
    expect(convert("Số 8 Trần Phú, Xã Phú Dương, Huyện Phú Vang, Thừa Thiên Huế").address).toBe(
      "Số 8 Trần Phú, Phường Dương Nỗ, Thành phố Huế",
    );
    // A designation mistyped with the wrong tone ("Quân" for "Quận") is still the district's.
    expect(convert("12 Cộng Hòa, Phường 4, Quân Tân Bình, TP HCM").address).toBe(
      "12 Cộng Hòa, Phường Tân Sơn Nhất, Thành phố Hồ Chí Minh",
    );
    // A street named after a district stays: "Hai Bà Trưng" before the ward is a street.
    expect(convert("12 Hai Bà Trưng, Phường Tân Định, Quận 1, TP Hồ Chí Minh").address).toBe(
      "12 Hai Bà Trưng, Phường Tân Định, Thành phố Hồ Chí Minh",
    );
  });

  it("reads a city named like its province as the city when no province follows", () => {
    // Thuận Thành also had a Phường Ninh Xá, and Duyên Hải a Phường 2: "Thành phố" names the city.
    for (const [short, full] of [
      ["Phường Ninh Xá, Thành phố Bắc Ninh", "Phường Ninh Xá, Thành phố Bắc Ninh, Tỉnh Bắc Ninh"],
      ["phường 2, thành phố trà vinh", "Phường 2, Thành phố Trà Vinh, Tỉnh Trà Vinh"],
    ] as const) {
      const result = convert(short);
      expect(result.matched.district, short).toMatch(/^Thành phố/);
      expect(result.new?.code, short).toBe(convert(full).new?.code);
    }
  });

  it("reads a commune by the kind it had before, but prefers a namesake of that kind in 2025", () => {
    // 07696 was Xã Đồng Sơn of Thành phố Bắc Giang before it became a phường; Yên Thế kept a Xã Đông Sơn.
    const versions = diagioi.units.versionsOf("07696", "commune").map((v) => v.fullName);
    expect(versions.indexOf("Xã Đồng Sơn")).toBeLessThan(versions.indexOf("Phường Đồng Sơn"));
    expect(versions.indexOf("Xã Đồng Sơn")).toBeGreaterThanOrEqual(0);
    const ward = convert("Phường Đồng Sơn, Thành phố Bắc Giang, Tỉnh Bắc Giang");
    const written = convert("56A Duong Ly Thuong Kiet, X. Dong Son, TP. Bac Giang");
    expect(written.status).toBe("ok");
    expect(written.new?.code).toBe(ward.new?.code);
    // With only the province written, the xã of 2025 is the reading; the earlier xã is no rival to it.
    const current = convert("Xóm Mới, Xã Tân Định, Tỉnh Bình Dương");
    expect(current.status).toBe("ok");
    expect(current.matched.commune).toBe("Xã Tân Định");
  });

  it("halves the confidence when a namesake that ended before 2025 reads all but as well", () => {
    // Hòa Bình's Xã Tân Thành of 2025 (Mai Châu, 04882) took the name in 2020, when the one of
    // Lương Sơn (04996) ended.
    const ended = diagioi.units.versionsOf("04996", "commune").filter((v) => v.fullName === "Xã Tân Thành");
    expect(ended.at(-1)?.validTo).toBe("2019-12-31");
    expect(diagioi.units.byCode("04882", { date: "2025-06-30" })?.fullName).toBe("Xã Tân Thành");
    const plain = convert("Xã Tân Thành, Tỉnh Hoà Bình");
    expect(plain.status).toBe("ok");
    expect(plain.confidence).toBeLessThanOrEqual(0.5);
    // Its district written, the answer stands at full confidence.
    expect(convert("Xã Tân Thành, Huyện Mai Châu, Tỉnh Hoà Bình").confidence).toBeGreaterThan(0.9);
  });

  it("reads a province's whole name as the province, not a word of it as a misspelled ward", () => {
    // "Thừa" is "Tứ Hạ" with two letters swapped; "Thừa Thiên Huế" is Huế's old name.
    expect(convert("Thừa Thiên Huế").matched.commune).toBeNull();
  });

  it("reads a name of one or two letters before its English designation", () => {
    expect(convert("Me Township, Gia Vien District, Ninh Binh Province").matched.commune).toBe("Thị trấn Me");
    expect(convert("V Ward, Vi Thanh City, Hau Giang Province").matched.commune).toBe("Phường V");
    expect(convert("Ward 5 District 3 HCMC").matched.commune).toBe("Phường 5");
  });

  it("reads a city written in English after its name as the district, which names its province too", () => {
    // Thành phố Hòa Bình's Xã (later Phường) Thống Nhất, not Yên Thủy's Xã Thống Nhất of Tỉnh Hòa Bình.
    const result = convert("Thong Nhat Commune, Hoa Binh City");
    expect(result.matched.commune).toBe("Phường Thống Nhất");
    expect(result.matched.district).toBe("Thành phố Hòa Bình");
    expect(result.confidence).toBe(1);
  });

  it("reads a name that only a commune gone before 2025 bore, not a shorter name and a word left over", () => {
    // Phường Hòa Thuận Đông (Hải Châu, until 2024), not one of the Phường Hòa Thuận and "Đông".
    const result = convert("Phường Hòa Thuận Đông");
    expect(result.matched.commune).toBe("Phường Hòa Thuận Đông");
    expect(result.new?.full_name).toBe("Phường Hòa Cường");
    // A name a later unit bears still goes to the later unit: "Phường An Hải Bắc" of 2025-06-30.
    expect(convert("Phường An Hải Bắc").matched.commune).toBe("Phường An Hải Bắc");
  });

  it("reads a ward named 'X - Đà Lạt' written by its first part, and a town's name after it as its old city", () => {
    const cases: [string, string][] = [
      ["Phường Xuân Hương, Lâm Đồng", "Phường Xuân Hương - Đà Lạt"],
      // "Lạt" is no Xã Lát of Lạc Dương, read while nothing else took the words.
      ["Phường Lâm Viên, Đà Lạt, Lâm Đồng", "Phường Lâm Viên - Đà Lạt"],
      ["Xã Chân Mây, Thành phố Huế", "Xã Chân Mây - Lăng Cô"],
    ];
    for (const [text, ward] of cases) {
      const result = convert(text);
      expect([result.status, result.new?.full_name], text).toEqual(["ok", ward]);
      expect(result.address, text).toBe(`${ward}, ${result.new?.province_full_name}`);
    }
    // Not for a province: Bà Rịa was a city of Bà Rịa - Vũng Tàu.
    expect(convert("Thành phố Vũng Tàu, Bà Rịa - Vũng Tàu").status).toBe("not_found");
  });

  it("names each candidate of an ambiguous result with its province", () => {
    const result = convert("Xã Tiền Phong, Huyện Mê Linh, Tỉnh Vĩnh Phúc");
    expect(result.status).toBe("ambiguous");
    for (const candidate of result.candidates) expect(candidate.province_full_name).toBe("Thành phố Hà Nội");
  });
});
