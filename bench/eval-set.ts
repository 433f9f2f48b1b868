/**
 * The address evaluation set, built from the dataset and the raw sources with a seeded PRNG:
 * old communes written the ways people write them, each with the new communes it became.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Diagioi, looseKey, pick, random, removeDiacritics, type Unit } from "@diagioi/core";
import { parse } from "csv-parse/sync";

export interface EvalCase {
  kind: string;
  input: string;
  /**
   * New commune codes the text may stand for: what the old commune became (several when it was
   * split), or what every commune of that name became when the text does not say which.
   */
  truth: string[];
  /** The old commune the text was written from was split among several new ones. */
  split: boolean;
  /** [longitude, latitude] given with the text. */
  coords?: [number, number];
  /** The code of the district the text names, when it names one. */
  district?: string;
}

const PROVINCE_ALIASES: Record<string, string[]> = {
  "79": ["TPHCM", "TP.HCM", "HCM", "Sài Gòn"],
  "01": ["HN", "Hà Nội"],
  "77": ["BR-VT", "BRVT"],
};
/** How addresses abbreviate each kind's designation (none for tỉnh). */
export const ABBREVIATIONS: Record<string, string> = {
  phuong: "P.",
  xa: "X.",
  thi_tran: "TT.",
  quan: "Q.",
  huyen: "H.",
  thi_xa: "TX.",
  thanh_pho: "TP.",
  tinh: "",
  thanh_pho_tw: "TP.",
};
const STREETS = [
  "Số 12 Lê Lợi",
  "45/3 Trần Hưng Đạo",
  "Thôn Đông",
  "Ngõ 5 Nguyễn Trãi",
  "Tổ 3",
  "Ấp 2",
  "27 Hùng Vương",
  "Xóm Mới",
];

export function buildEvalSet(diagioi: Diagioi, sourcesDir: string, size = 3000, seed = 2025): EvalCase[] {
  const next = random(seed);
  const old = diagioi.units.all({ date: "2025-06-30" });
  const byCode = new Map(old.map((u) => [`${u.level}:${u.code}`, u]));
  const communes = old.filter((u) => u.level === "commune");
  const truthOf = (unit: Unit) =>
    diagioi.lineage
      .destinations(unit)
      .map((d) => d.unit.code)
      .sort();
  const cases: EvalCase[] = [];
  for (let n = 0; n < size; n++) {
    const commune = pick(next, communes);
    const district = byCode.get(`district:${commune.parentCode}`) as Unit;
    const province = byCode.get(`province:${district.parentCode}`) as Unit;
    const truth = truthOf(commune);
    // Without its district, a name may stand for several communes of the province: all of them are the truth.
    const withoutDistrict = sameNameInProvince(commune, province).flatMap(truthOf);
    const street = pick(next, STREETS);
    const split = truth.length > 1;
    const add = (kind: string, input: string, expected = truth) =>
      cases.push({
        kind,
        input,
        truth: [...new Set(expected)].sort(),
        split,
        ...(kind === "no_district" ? {} : { district: district.code }),
      });
    add("full", `${street}, ${commune.fullName}, ${district.fullName}, ${province.fullName}`);
    add("no_diacritics", removeDiacritics(`${commune.fullName}, ${district.fullName}, ${province.fullName}`));
    add("abbreviated", `${street}, ${abbreviate(commune)}, ${abbreviate(district)}, ${abbreviate(province)}`);
    add("hyphens", `${commune.fullName} - ${district.name} - ${province.name}`);
    add("no_separators", `${commune.fullName} ${district.fullName} ${province.name}`.toLowerCase());
    add("no_district", `${street}, ${commune.fullName}, ${province.fullName}`, withoutDistrict);
    add("typo", `${typo(next, commune.fullName)}, ${district.fullName}, ${province.fullName}`);
    add(
      "upper_nfd",
      `${commune.fullName}, ${district.fullName}, ${province.fullName}`.toUpperCase().normalize("NFD"),
    );
    add("reversed", `${province.fullName}, ${district.fullName}, ${commune.fullName}`);
    const aliases = PROVINCE_ALIASES[province.code];
    if (aliases) add("province_alias", `${commune.fullName}, ${district.fullName}, ${pick(next, aliases)}`);
    if (/^\d+$/.test(commune.name)) {
      const number = commune.name;
      add(
        "numbered_ward",
        `${pick(next, [`P${number}`, `P.${number.padStart(2, "0")}`, `Phường ${number.padStart(2, "0")}`])}, ${abbreviate(district)}, ${province.name}`,
      );
    }
  }
  const geocoderTruth = (unit: Unit, text: string) => {
    const district = byCode.get(`district:${unit.parentCode}`) as Unit;
    const namesDistrict = looseKey(text).includes(looseKey(district.name));
    return namesDistrict ? truthOf(unit) : sameNameInProvince(unit, provinceOf(unit)).flatMap(truthOf);
  };
  cases.push(...newAddressCases(diagioi, next, size / 3));
  const centres = centreRows(sourcesDir, old);
  cases.push(...geocoderCases(centres, geocoderTruth, (unit) => truthOf(unit).length > 1, next, size));
  cases.push(...splitWithPointCases(diagioi, centres, truthOf));
  return cases;

  function provinceOf(unit: Unit): Unit {
    const district = byCode.get(`district:${unit.parentCode}`) as Unit;
    return byCode.get(`province:${district.parentCode}`) as Unit;
  }

  function sameNameInProvince(unit: Unit, province: Unit): Unit[] {
    return communes.filter((c) => c.fullName === unit.fullName && provinceOf(c) === province);
  }
}

/** Addresses already written in the new units ("street, commune, province"): they must come back unchanged. */
function newAddressCases(diagioi: Diagioi, next: () => number, size: number): EvalCase[] {
  const communes = diagioi.units.all({ level: "commune" });
  const cases: EvalCase[] = [];
  for (let n = 0; n < size; n++) {
    const commune = pick(next, communes);
    const province = diagioi.units.byCode(commune.parentCode, { level: "province" }) as Unit;
    const street = pick(next, STREETS);
    const text = pick(next, [
      `${street}, ${commune.fullName}, ${province.fullName}`,
      removeDiacritics(`${street}, ${commune.fullName}, ${province.name}`),
    ]);
    cases.push({ kind: "new_address", input: text, truth: [commune.code], split: false });
  }
  return cases;
}

function abbreviate(unit: Unit): string {
  const short = ABBREVIATIONS[unit.kind] ?? "";
  return short ? `${short}${unit.name}` : unit.name;
}

function typo(next: () => number, fullName: string): string {
  const letters = [...fullName];
  const start = fullName.indexOf(" ") + 1;
  const at = start + Math.floor(next() * (letters.length - start));
  if (letters[at] === " ") return fullName;
  const action = Math.floor(next() * 3);
  if (action === 0) letters.splice(at, 1);
  else if (action === 1) letters.splice(at, 0, letters[at] as string);
  else letters[at] = "x";
  return letters.join("");
}

/**
 * The statistics office's names as a web geocoder answered them in July 2025 ("Hòa Lộc, Bến Tre,
 * Ben Tre, Vietnam"): another hand than the dataset's. These name no district, so the truth is every
 * commune of that name in the province.
 */
function geocoderCases(
  rows: CentreRow[],
  truthOf: (unit: Unit, text: string) => string[],
  isSplit: (unit: Unit) => boolean,
  next: () => number,
  size: number,
): EvalCase[] {
  const cases: EvalCase[] = [];
  for (let n = 0; n < size / 2; n++) {
    const { unit, geoAddress } = pick(next, rows);
    if (!geoAddress) continue;
    cases.push({
      kind: "geocoder",
      input: geoAddress,
      truth: [...new Set(truthOf(unit, geoAddress))].sort(),
      split: isSplit(unit),
    });
  }
  return cases;
}

/**
 * Every split commune, written in full with the point the statistics office gives as its centre:
 * the point settles which new commune the address is now in.
 */
function splitWithPointCases(
  diagioi: Diagioi,
  rows: CentreRow[],
  truthOf: (unit: Unit) => string[],
): EvalCase[] {
  const locator = diagioi.locator;
  if (!locator) return [];
  const cases: EvalCase[] = [];
  for (const { unit, fullAddress, lng, lat } of rows) {
    const successors = truthOf(unit);
    const located = locator.locate(lng, lat)?.code;
    // A centre outside all of the successors (a sliver, or a source error) cannot settle anything.
    if (successors.length < 2 || !located || !successors.includes(located)) continue;
    cases.push({
      kind: "split_with_point",
      input: fullAddress,
      truth: [located],
      split: true,
      coords: [lng, lat],
    });
  }
  return cases;
}

interface CentreRow {
  unit: Unit;
  fullAddress: string;
  geoAddress: string;
  lng: number;
  lat: number;
}

/** The rows of points/communes-pre2025-centres.csv whose address names an old commune of the dataset. */
function centreRows(sourcesDir: string, old: Unit[]): CentreRow[] {
  const file = join(sourcesDir, "points/communes-pre2025-centres.csv");
  const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
  const byFullAddress = new Map<string, Unit>();
  const byCode = new Map(old.map((u) => [`${u.level}:${u.code}`, u]));
  for (const commune of old) {
    if (commune.level !== "commune") continue;
    const district = byCode.get(`district:${commune.parentCode}`) as Unit;
    const province = byCode.get(`province:${district.parentCode}`) as Unit;
    byFullAddress.set(
      `${commune.fullName}, ${district.fullName}, ${province.fullName}`.toLowerCase(),
      commune,
    );
  }
  const found: CentreRow[] = [];
  for (const row of rows) {
    const fullAddress = (row.address ?? "").normalize("NFC");
    const unit = byFullAddress.get(fullAddress.toLowerCase());
    if (!unit) continue;
    found.push({
      unit,
      fullAddress,
      geoAddress: row.geo_address ?? "",
      lng: Number(row.longitude),
      lat: Number(row.latitude),
    });
  }
  return found;
}
