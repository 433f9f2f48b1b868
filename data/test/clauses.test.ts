import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PARTIAL_KINDS } from "@diagioi/core";
import { describe, expect, it } from "vitest";
import { naming } from "../build/clause-check.ts";
import { parseClauseTerms } from "../build/clauses.ts";
import { impossibleShapes, type ShapeLink } from "../build/lineage-shapes.ts";
import { parseResolution } from "../build/resolutions.ts";
import { readSources } from "../build/sources.ts";
import { distDir, type LineageCsvRow, readJson, readTable, sourcesDir, type UnitCsvRow } from "./dist.ts";

const haveSources = existsSync(join(sourcesDir, "units/units-2025-03-01.json"));
const lineage = readTable<LineageCsvRow>("lineage.csv").rows.filter((r) => r.effective_date === "2025-07-01");
const communeLinks = lineage.filter((r) => r.old_level === "commune");
const quality = readJson<{
  findingsByType: Record<string, number>;
  findings: { type: string; subject: string; detail: string }[];
  clauses: {
    unresolved: number;
    named: { exact: number; run_together: number; spelling: number; district: number };
    linksAdded: number;
    kindsSettled: number;
    notNamed: number;
  };
}>("quality.json");
const qualityMd = readFileSync(join(distDir, "QUALITY.md"), "utf8");
const linksOf = (code: string) => communeLinks.filter((r) => r.old_code === code);

describe("parseClauseTerms", () => {
  it("reads names, shares and the district in brackets", () => {
    const terms = parseClauseTerms(
      "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của thị trấn Liên Hương và các xã Bình Thạnh (huyện Tuy Phong), Phước Thể và một phần diện tích tự nhiên của xã Phú Lạc thành xã mới có tên gọi là xã Liên Hương.",
    );
    expect(terms).toEqual([
      { designation: "thị trấn", name: "Liên Hương", share: "whole" },
      { designation: "xã", name: "Bình Thạnh", share: "whole", district: "Tuy Phong" },
      { designation: "xã", name: "Phước Thể", share: "whole" },
      { designation: "xã", name: "Phú Lạc", share: "part_area" },
    ]);
  });

  it("ends a remainder at its clause reference: Xã Phong Quang after it is whole", () => {
    const terms = parseClauseTerms(
      "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các phường Ngọc Hà, Trần Phú, phần còn lại của phường Quang Trung sau khi sắp xếp theo quy định tại khoản 110 Điều này và xã Phong Quang thành phường mới có tên gọi là phường Hà Giang 2.",
    );
    expect(terms.map((t) => [t.name, t.share])).toEqual([
      ["Ngọc Hà", "whole"],
      ["Trần Phú", "whole"],
      ["Quang Trung", "remainder"],
      ["Phong Quang", "whole"],
    ]);
  });

  it("reads a share phrase glued to the word before it and names glued to the next word", () => {
    const terms = parseClauseTerms(
      "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Lê Ninh vàphần còn lại của phường Văn Đức sau khi sắp xếp theo quy định tại khoản 34 Điều này, xã Tá Bạ và xã Pa Ủthành phường mới có tên gọi là phường Bắc An Phụ.",
    );
    expect(terms.map((t) => [t.name, t.share, t.glued ?? false])).toEqual([
      ["Lê Ninh", "whole", false],
      ["Văn Đức", "remainder", false],
      ["Tá Bạ", "whole", false],
      ["Pa Ủ", "whole", true],
    ]);
  });

  it("reads an area a district managed as a term of its own", () => {
    const terms = parseClauseTerms(
      "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Kim Trung, xã Kim Đông và khu vực bãi bồi ven biển (do huyện Kim Sơn quản lý) thành xã mới có tên gọi là xã Kim Đông.",
    );
    expect(terms[2]).toEqual({
      designation: "khu vực",
      name: "bãi bồi ven biển",
      district: "Kim Sơn",
      share: "whole",
    });
  });
});

describe("naming", () => {
  it("tells letter for letter, run together and other spellings apart", () => {
    expect(naming("Hòa Thắng", "Hoà Thắng")).toBe("exact");
    expect(naming("EaBar", "Ea Bar")).toBe("run_together");
    expect(naming("Hòa Tú II", "Hòa Tú 2")).toBe("spelling");
    expect(naming("N.T Phong Hải", "Nông trường Phong Hải")).toBe("spelling");
    expect(naming("Sủng Tráng", "Sủng Cháng")).toBe("spelling");
    expect(naming("Hưng Yên", "Hưng Yên Bắc")).toBeUndefined();
  });
});

describe.skipIf(!haveSources)("every clause of the 34 resolutions", () => {
  it("is parsed into old units for every new commune it forms", () => {
    const sources = readSources(sourcesDir);
    let forming = 0;
    for (const legal of sources.resolutions) {
      for (const clause of parseResolution(legal).clauses) {
        if (!clause.target) continue;
        forming++;
        expect(parseClauseTerms(clause.text).length, `${clause.ref} khoản ${clause.clause}`).toBeGreaterThan(
          0,
        );
      }
    }
    expect(forming).toBeGreaterThan(3000);
  });
});

describe("the clause cross-check in lineage.csv", () => {
  it("gives Xã Hòa Thắng (Bắc Bình) both links the resolution names, with their kinds", () => {
    expect(linksOf("23053").map((r) => [r.new_full_name, r.kind, r.legal_clause])).toEqual([
      ["Xã Hồng Thái", "part_area", "Điều 1, khoản 46"],
      ["Xã Hòa Thắng", "part", "Điều 1, khoản 51"],
    ]);
    expect(linksOf("23053")[0]?.sources).toBe("sapnhap;resolution");
  });

  it("keeps Xã Phong Quang whole: the remainder before it is Phường Quang Trung's", () => {
    expect(linksOf("00934").map((r) => [r.new_code, r.kind])).toEqual([["00691", "whole"]]);
  });

  it("links the Kim Sơn alluvial area from its district as part, not whole", () => {
    const link = lineage.find((r) => r.old_level === "district" && r.old_code === "376");
    expect([link?.new_code, link?.kind]).toEqual(["14698", "part"]);
  });

  it("counts names spelled otherwise or run together as named", () => {
    for (const code of ["22225", "03244", "20698", "31108", "28759"]) {
      for (const link of linksOf(code))
        expect(link.sources, `${code}→${link.new_code}`).toContain("resolution");
    }
    expect(quality.clauses.notNamed).toBe(0);
    expect(quality.clauses.unresolved).toBe(0);
  });

  it("names every commune link in some clause", () => {
    const unnamed = communeLinks.filter((r) => !r.sources.split(";").includes("resolution"));
    expect(unnamed.map((r) => `${r.old_code}→${r.new_code}`)).toEqual([]);
  });

  it("reports as many corrections in QUALITY as it made", () => {
    const count = (type: string) => quality.findings.filter((f) => f.type === type).length;
    expect(count("missing_link")).toBe(quality.clauses.linksAdded);
    const byClause = quality.findings.filter(
      (f) => f.type === "kind_disagreement" && f.detail.startsWith("The conversion table says"),
    );
    expect(byClause.length).toBe(quality.clauses.kindsSettled);
    const otherwise =
      quality.clauses.named.run_together + quality.clauses.named.spelling + quality.clauses.named.district;
    expect(count("named_otherwise")).toBe(otherwise);
    expect(qualityMd).toContain(
      `| **names counted as named** (spelled otherwise, run together or through the district: \`sources\` lists the resolution) | ${otherwise} |`,
    );
    expect(qualityMd).toContain(
      `| **links added** (named by a clause, missing from the table) | ${quality.clauses.linksAdded} |`,
    );
    expect(qualityMd).toContain(`| **kinds settled by the clause** | ${quality.clauses.kindsSettled} |`);
  });

  it("has no part link without another successor or a remainder clause, and no whole link from a split unit", () => {
    const successors = new Map<string, Set<string>>();
    for (const r of communeLinks)
      successors.set(r.old_code, (successors.get(r.old_code) ?? new Set()).add(r.new_code));
    for (const r of communeLinks) {
      const n = successors.get(r.old_code)?.size ?? 0;
      if (PARTIAL_KINDS.has(r.kind as never))
        expect(n, `${r.old_code}→${r.new_code}`).toBeGreaterThanOrEqual(2);
      if (r.kind === "whole") expect(n, `${r.old_code}→${r.new_code}`).toBe(1);
    }
  });
});

describe("impossibleShapes", () => {
  const link = (
    old_code: string,
    new_code: string,
    kind: ShapeLink["kind"],
    old_level: ShapeLink["old_level"] = "commune",
  ): ShapeLink => ({
    effective_date: "2025-07-01",
    old_code,
    old_level,
    new_code,
    kind,
  });

  it("rejects a part link with a single successor and no remainder clause", () => {
    expect(impossibleShapes([link("23053", "23053", "part")], new Set())).toEqual([
      "23053→23053: part, but 23053 has no other successor and no clause names its remainder",
    ]);
    expect(impossibleShapes([link("23053", "23053", "part")], new Set(["23053"]))).toEqual([]);
  });

  it("rejects a whole link from a unit with several successors", () => {
    const problems = impossibleShapes(
      [link("22225", "22225", "whole"), link("22225", "22237", "part")],
      new Set(),
    );
    expect(problems).toEqual(["22225→22225: whole, but 22225 has 2 successors"]);
  });

  it("counts a district's communes among its successors", () => {
    const links = [link("376", "14698", "whole", "district"), link("14749", "14701", "whole")];
    expect(impossibleShapes(links, new Set(), (code) => (code === "14749" ? "376" : undefined))).toEqual([
      "376→14698: whole, but 376 has 2 successors",
    ]);
  });

  it("accepts the links of the dataset", () => {
    const districtOf = new Map(
      readTable<UnitCsvRow>("units.csv")
        .rows.filter((u) => u.level === "commune" && u.valid_to === "2025-06-30")
        .map((u) => [u.code, u.parent_code]),
    );
    const links = lineage as unknown as ShapeLink[];
    expect(impossibleShapes(links, new Set(), (code) => districtOf.get(code))).toEqual([]);
  });
});
