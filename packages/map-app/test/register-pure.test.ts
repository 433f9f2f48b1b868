/** The register UI's pure parts: the URL's filters, CSV and XLSX writing, the polygon test. */
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { MERGER_DAY, seriesStart } from "../src/dashboard/state.ts";
import { filterQuery } from "../src/register/api.ts";
import { formatValue } from "../src/register/fields.ts";
import { inRing } from "../src/register/ring.ts";
import { parseCsv, toCsv, toXlsx } from "../src/tables.ts";
import { NO_FILTERS, readState } from "../src/url-state.ts";

describe("filters in the URL", () => {
  it("reads every filter and drops values that are not codes or set values", () => {
    const state = readState(
      "?province=01&commune=00070&stage=decided,executing&option=sale&category=pending&flag=disputed&overdue=1&q=tr%E1%BB%A5%20s%E1%BB%9F&fcolor=category&facility=12",
    );
    expect(state.filters).toEqual({
      province: "01",
      commune: "00070",
      stage: ["decided", "executing"],
      option: ["sale"],
      category: ["pending"],
      flag: ["disputed"],
      overdue: true,
      q: "trụ sở",
    });
    expect(state.fcolour).toBe("category");
    expect(state.facility).toBe(12);
    expect(readState("?province=1&commune=abc&stage=DROP%20TABLE").filters).toEqual(NO_FILTERS);
  });

  it("sends the same filters to the API", () => {
    const filters = readState("?province=51&stage=plan_drafted,appraised&overdue=1").filters;
    expect(filterQuery(filters)).toBe("province=51&stage=plan_drafted%2Cappraised&overdue=1");
    expect(filterQuery(NO_FILTERS, { bbox: "1,2,3,4" })).toBe("bbox=1%2C2%2C3%2C4");
  });
});

describe("tables", () => {
  it("writes CSV that reads back, quotes and all", () => {
    const rows = [
      ["id", "name", "note"],
      ["1", 'Trụ sở "cũ", phường 1', "a\nb"],
    ];
    const text = toCsv(rows);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });

  it("writes an XLSX workbook with inline strings and numbers", () => {
    const files = unzipSync(
      toXlsx(
        [
          ["code", "pending"],
          ["51", 791],
        ],
        "2025-12-26",
        (c) => c === 0,
      ),
    );
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">code</t></is></c>');
    expect(sheet).toContain('<c r="A2"><v>51</v></c>');
    expect(sheet).toContain('<c r="B2"><v>791</v></c>');
    expect(strFromU8(files["xl/workbook.xml"] as Uint8Array)).toContain('name="2025-12-26"');
  });
});

describe("polygon selection", () => {
  const ring = [
    { lat: 0, lng: 0 },
    { lat: 0, lng: 10 },
    { lat: 10, lng: 10 },
    { lat: 10, lng: 0 },
  ];
  it("keeps the points inside the ring only", () => {
    expect(inRing(5, 5, ring)).toBe(true);
    expect(inRing(11, 5, ring)).toBe(false);
    expect(inRing(5, -1, ring)).toBe(false);
  });
});

describe("the progress line's days", () => {
  it("starts at the merger, or 119 weeks back once the days would be more than the API's 120", () => {
    expect(seriesStart("2026-11-24")).toBe(MERGER_DAY);
    for (const date of ["2028-01-01", "2030-06-15"]) {
      const start = seriesStart(date);
      const weeks = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * 86_400_000);
      expect(weeks, date).toBe(119);
    }
  });
});

describe("values as a reader sees them", () => {
  it("groups quantities the language's way, but not ids or years", () => {
    expect(formatValue("land_area_m2", 2500.5, "vi")).toBe("2.500,5");
    expect(formatValue("land_area_m2", 2500.5, "en")).toBe("2,500.5");
    expect(formatValue("id", 31510, "vi")).toBe("31510");
    expect(formatValue("year_built", 1998, "en")).toBe("1998");
  });
});
