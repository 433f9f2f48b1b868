import { CHANGE_KINDS } from "@diagioi/core";
import { describe, expect, it } from "vitest";
import { type LineageCsvRow, readTable, type UnitCsvRow } from "./dist.ts";

type HistoryLinkCsvRow = LineageCsvRow & Record<"new_level" | "certainty" | "basis", string>;

const history = readTable<UnitCsvRow>("units-history.csv");
const links = readTable<HistoryLinkCsvRow>("lineage-history.csv");
const units = readTable<UnitCsvRow>("units.csv").rows;
const lineage = readTable<LineageCsvRow>("lineage.csv").rows;

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const inForce = (u: UnitCsvRow, date: string) =>
  (u.valid_from === "" || u.valid_from <= date) && date <= u.valid_to;
const versionsOf = new Map<string, UnitCsvRow[]>();
for (const v of history.rows)
  versionsOf.set(`${v.level}:${v.code}`, [...(versionsOf.get(`${v.level}:${v.code}`) ?? []), v]);
const linksFrom = new Map<string, HistoryLinkCsvRow[]>();
for (const l of links.rows) {
  const key = `${l.old_level}:${l.old_code}:${l.effective_date}`;
  linksFrom.set(key, [...(linksFrom.get(key) ?? []), l]);
}
const newUnits = new Map(
  units.filter((u) => u.valid_from === "2025-07-01").map((u) => [`${u.level}:${u.code}`, u]),
);
const mergerLinks = new Map<string, LineageCsvRow[]>();
for (const l of lineage.filter((r) => r.effective_date === "2025-07-01")) {
  mergerLinks.set(`${l.old_level}:${l.old_code}`, [
    ...(mergerLinks.get(`${l.old_level}:${l.old_code}`) ?? []),
    l,
  ]);
}

/** The units of 2025-07-01 a version of any date became: history links, then the merger's links. */
function unitsOf2025(version: UnitCsvRow, depth = 0): UnitCsvRow[] {
  if (depth > 50) throw new Error(`a cycle at ${version.code}`);
  if (version.valid_to === "2025-06-30") {
    const level = version.level === "province" ? "province" : "commune";
    return (mergerLinks.get(`${version.level}:${version.code}`) ?? []).flatMap(
      (l) => newUnits.get(`${level}:${l.new_code}`) ?? [],
    );
  }
  const effective = dayAfter(version.valid_to);
  return (linksFrom.get(`${version.level}:${version.code}:${effective}`) ?? []).flatMap((l) => {
    const next = versionsOf.get(`${l.new_level}:${l.new_code}`)?.find((v) => inForce(v, effective));
    return next ? unitsOf2025(next, depth + 1) : [];
  });
}

describe("units-history.csv and lineage-history.csv", () => {
  it("have the documented headers and closed sets", () => {
    expect(history.header).toEqual(readTable<UnitCsvRow>("units.csv").header);
    expect(links.header).toEqual([
      "effective_date",
      "old_code",
      "old_level",
      "old_full_name",
      "new_code",
      "new_level",
      "new_full_name",
      "kind",
      "certainty",
      "basis",
      "legal_ref",
      "sources",
    ]);
    for (const l of links.rows) {
      expect(CHANGE_KINDS).toContain(l.kind);
      expect(["certain", "uncertain"]).toContain(l.certainty);
      for (const s of l.sources.split(";"))
        expect(["gso-lists", "gso-resolutions", "alias_ward"]).toContain(s);
    }
  });

  it("end every unit of units.csv's 2025-03-01 list with the same unit, valid until 2025-06-30", () => {
    const old = units.filter((u) => u.valid_to === "2025-06-30");
    expect(old.length).toBe(63 + 696 + 10035);
    const last = new Set(
      history.rows
        .filter((v) => v.valid_to === "2025-06-30")
        .map((v) => `${v.level}:${v.code}:${v.full_name}`),
    );
    expect(old.filter((u) => !last.has(`${u.level}:${u.code}:${u.full_name}`))).toEqual([]);
    expect(last.size).toBe(old.length);
  });

  it("leads every commune of 2019 and of 2025-03-01 to a commune of 2025-07-01", () => {
    const of2019 = history.rows.filter(
      (v) =>
        v.level === "commune" &&
        (v.valid_from === "" || v.valid_from <= "2019-12-31") &&
        v.valid_to >= "2019-01-01",
    );
    expect(of2019.length).toBeGreaterThan(11_100);
    const of2025 = history.rows.filter((v) => v.level === "commune" && v.valid_to === "2025-06-30");
    expect(of2025.length).toBe(10035);
    const lost = [...of2019, ...of2025].filter((v) => unitsOf2025(v).every((u) => u.level !== "commune"));
    expect(lost.map((v) => `${v.code} ${v.full_name} until ${v.valid_to}`)).toEqual([]);
  });

  it("follows alias_ward.csv within the ward's own district, and over a code the lists mislabelled for one date", () => {
    const linksOf = (code: string, date: string) =>
      (linksFrom.get(`commune:${code}:${date}`) ?? []).map(
        (l) => `${l.kind} ${l.new_code} ${l.new_full_name}`,
      );
    // Quận 3's Phường 7 went whole into Phường Võ Thị Sáu (2021); "Phường 7" as an alias of Phường 1
    // elsewhere in the city says nothing of it.
    expect(linksOf("27124", "2021-01-01")).toEqual(["whole 27139 Phường Võ Thị Sáu"]);
    // Quận 6's 27361 Phường 5 went into Phường 9; the list of 2025-01-01 alone calls the code "Phường 2".
    expect(linksOf("27361", "2025-01-01")).toEqual(["whole 27352 Phường 9"]);
  });

  it("links a unit to the neighbour renamed after it while both were listed", () => {
    const links = (linksFrom.get("commune:02638:2020-03-01") ?? []).map(
      (l) => `${l.kind} ${l.new_code} ${l.certainty}`,
    );
    expect(links).toEqual(["whole 02641 certain"]);
  });

  it("moves a commune listed in two districts at once into the one it entered last", () => {
    // 01/2006/NĐ-CP moved Xã Đồng Mai from Thanh Oai into Hà Đông; the lists kept it under both until 2008.
    const act = links.rows.find((l) => l.old_code === "10117" && l.kind === "moved");
    expect(act?.effective_date).toBe("2006-01-19");
    expect(act?.legal_ref).toBe("01/2006/NĐ-CP");
    const in2007 = (versionsOf.get("commune:10117") ?? []).filter((v) => inForce(v, "2007-06-01"));
    const district = history.rows.find(
      (v) => v.level === "district" && v.code === in2007[0]?.parent_code && inForce(v, "2007-06-01"),
    );
    expect(in2007).toHaveLength(1);
    expect(district?.full_name).toBe("Thành phố Hà Đông");
  });

  it("names every version in English, as the statistics office names its units", () => {
    const unnamed = history.rows.filter((v) => !v.name_en || !v.full_name_en).map((v) => v.full_name);
    expect(unnamed).toEqual([]);
    // The versions the office no longer lists, named its way: "Quận 2" is "District 2".
    const past = history.rows.filter((v) => v.valid_to < "2025-06-30");
    expect(past.find((v) => v.full_name === "Quận 2")?.full_name_en).toBe("District 2");
    expect(past.find((v) => v.full_name === "Tỉnh Hà Tây")?.full_name_en).toBe("Ha Tay Province");
  });

  it("links a district that changed the day a new district took some of its communes to that one too", () => {
    // From the files alone: each district code first listed on a day, the districts its communes were
    // in the day before; one of those that ended that day and kept its code went `part` into both.
    const expected: string[] = [];
    const districts = history.rows.filter((v) => v.level === "district" && v.valid_from !== "");
    for (const created of districts) {
      const before = history.rows.find(
        (v) => v.level === "district" && v.code === created.code && v.valid_to < created.valid_from,
      );
      if (before) continue;
      const dayBefore = new Date(Date.parse(`${created.valid_from}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      const gave = new Set<string>();
      for (const commune of history.rows) {
        if (commune.level !== "commune" || commune.parent_code !== created.code) continue;
        if (!inForce(commune, created.valid_from)) continue;
        const earlier = versionsOf.get(`commune:${commune.code}`)?.find((v) => inForce(v, dayBefore));
        if (earlier && earlier.parent_code !== created.code) gave.add(earlier.parent_code);
      }
      for (const code of gave) {
        const ended = versionsOf.get(`district:${code}`)?.some((v) => v.valid_to === dayBefore);
        const goesOn = versionsOf.get(`district:${code}`)?.some((v) => inForce(v, created.valid_from));
        if (ended && goesOn) expected.push(`${code} → ${created.code} on ${created.valid_from}`);
      }
    }
    expect(expected.length).toBeGreaterThanOrEqual(5);
    for (const split of expected) {
      const [code, , target, , day] = split.split(" ");
      const from = linksFrom.get(`district:${code}:${day}`) ?? [];
      expect(
        from.map((l) => `${l.new_code}:${l.kind}`),
        split,
      ).toEqual(expect.arrayContaining([`${target}:part`, `${code}:part`]));
    }
  });

  it("leads Phường Thảo Điền of Quận 2 to Phường An Khánh", () => {
    const quan2 = history.rows.find((v) => v.level === "district" && v.full_name === "Quận 2");
    expect(quan2).toBeDefined();
    const thaoDien = history.rows.filter(
      (v) =>
        v.full_name === "Phường Thảo Điền" &&
        v.parent_code === quan2?.code &&
        inForce(v, quan2?.valid_to ?? ""),
    );
    expect(thaoDien).toHaveLength(1);
    expect(unitsOf2025(thaoDien[0] as UnitCsvRow).map((u) => u.full_name)).toEqual(["Phường An Khánh"]);
  });

  it("leads every commune of Hà Tây (province 28 until 2008-07-31) to a commune of 2025-07-01, in Hà Nội unless a later act moved it", () => {
    const haTay = history.rows.find((v) => v.level === "province" && v.full_name === "Tỉnh Hà Tây");
    expect(haTay?.valid_to).toBe("2008-07-31");
    const provinceOfDistrict = new Map(
      history.rows.filter((v) => v.level === "district").map((v) => [v.code, v.parent_code]),
    );
    const districts = new Set(
      history.rows.filter((v) => v.level === "district" && v.parent_code === haTay?.code).map((v) => v.code),
    );
    const communes = history.rows.filter(
      (v) => v.level === "commune" && districts.has(v.parent_code) && v.valid_from < "2008-08-01",
    );
    expect(communes.length).toBeGreaterThan(320);
    const haNoi = units.find(
      (u) => u.level === "province" && u.valid_from === "2025-07-01" && u.name === "Hà Nội",
    );
    const leftHaNoi = (code: string) =>
      history.rows.some(
        (v) =>
          v.level === "commune" &&
          v.code === code &&
          v.valid_from > "2008-08-01" &&
          provinceOfDistrict.get(v.parent_code) !== "01",
      );
    const elsewhere: string[] = [];
    for (const c of communes) {
      const reached = unitsOf2025(c);
      expect(reached.length, c.code).toBeGreaterThan(0);
      if (!reached.every((u) => u.parent_code === haNoi?.code)) elsewhere.push(c.code);
    }
    expect(elsewhere.filter((code) => !leftHaNoi(code))).toEqual([]);
    expect(elsewhere.length).toBeLessThan(5);
  });

  it("links each vanished unit certainly or to several units of its own district, marked uncertain", () => {
    const groups = [...linksFrom.values()];
    const uncertain = groups.filter((g) => g.some((l) => l.certainty === "uncertain"));
    expect(uncertain.length).toBeGreaterThan(0);
    for (const g of uncertain) {
      expect(g.every((l) => l.certainty === "uncertain")).toBe(true);
      expect(g.length).toBeGreaterThan(1);
      const first = g[0] as HistoryLinkCsvRow;
      const from = versionsOf
        .get(`${first.old_level}:${first.old_code}`)
        ?.find((v) => dayAfter(v.valid_to) === first.effective_date);
      for (const l of g) {
        const to = versionsOf.get(`${l.new_level}:${l.new_code}`)?.find((v) => inForce(v, l.effective_date));
        const before = versionsOf
          .get(`${l.new_level}:${l.new_code}`)
          ?.find((v) => inForce(v, from?.valid_to ?? ""));
        expect([to?.parent_code, before?.parent_code], `${l.old_code}→${l.new_code}`).toContain(
          from?.parent_code,
        );
      }
    }
  });
});
