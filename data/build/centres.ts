/**
 * Step 5: centres-pre2025.csv, a point for every old district and commune (the geocoded centres,
 * joined by names) and for every old province (the point of its capital's district).
 *
 * A geocoder answer can be wrong: a point is kept only if it lies in, or within 2 km of, a new
 * province the unit's lineage leads to (for a district, where its communes went).
 */
import { join } from "node:path";
import { Locator, type UnitLevel } from "@diagioi/core";
import type { Topology } from "topojson-specification";
import { type CentreSourceRow, joinCentres, type NamedUnit, readCentreRows } from "./centre-points.ts";
import { type CentresReport, emptyCentresReport } from "./centres-report.ts";
import { featuresOf } from "./geometry.ts";
import type { LineageRow } from "./lineage.ts";
import { LAST_OLD_DATE, MERGER_DATE, type Registry, type UnitRow } from "./units.ts";

export interface CentreRow {
  code: string;
  level: UnitLevel;
  lng: string;
  lat: string;
}

export const CENTRE_COLUMNS: (keyof CentreRow)[] = ["code", "level", "lng", "lat"];

/** How far outside its new province(s) a point may lie and still be kept. */
export const MAX_OUTSIDE_M = 2000;

/**
 * Capitals that are neither a provincial city named as the province nor the province's first
 * provincial city by code.
 */
const CAPITALS: Record<string, string> = {
  "37": "374", // Ninh Bình: Thành phố Hoa Lư (Thành phố Ninh Bình and Huyện Hoa Lư, merged 2025-01-01)
  "77": "748", // Bà Rịa - Vũng Tàu: Thành phố Bà Rịa, the provincial seat, not Vũng Tàu (747)
};

export function buildCentres(
  sourcesDir: string,
  registry: Registry,
  lineage: LineageRow[],
  topology: Topology,
): { rows: CentreRow[]; report: CentresReport } {
  const named = (row: UnitRow): NamedUnit & { row: UnitRow } => ({
    code: row.code,
    level: row.level,
    fullName: row.full_name,
    parentCode: row.parent_code,
    row,
  });
  const old = Object.values(registry.old).flatMap((units) => [...units.values()].map(named));
  const check = pointCheck(topology);
  const expected = expectedProvinces(registry, lineage);
  const rows: CentreRow[] = [];
  const report = emptyCentresReport();
  for (const level of ["province", "district", "commune"] as const)
    report.byLevel[level].units = registry.old[level].size;
  const kept = new Map<string, CentreSourceRow>();
  for (const level of ["district", "commune"] as const) {
    const source = readCentreRows(join(sourcesDir, `points/${level}s-pre2025-centres.csv`));
    const counts = report.byLevel[level];
    counts.sourceRows = source.length;
    const { matched, unmatched } = joinCentres(source, old, level);
    for (const row of unmatched) {
      const reason =
        level === "commune" && row.address.split(",").length === 2
          ? "names a district without communes; its point comes from the districts file"
          : "no old unit of that name under those parents, even two letters apart";
      report.unmatched.push({ level, line: row.line, address: row.address, reason });
    }
    const joined = new Set(matched.map((m) => m.unit.code));
    for (const unit of registry.old[level].values())
      if (!joined.has(unit.code))
        report.withoutRow.push({ code: unit.code, level, fullName: unit.full_name });
    for (const { unit, row, pass } of matched) {
      counts.matched[pass] = (counts.matched[pass] ?? 0) + 1;
      if (pass === "near")
        report.nearNames.push({ code: unit.code, fullName: unit.fullName, address: row.address });
      const provinces = expected(unit.row);
      const found = check.provinceAt(row.lng, row.lat);
      const distanceM = found && provinces.includes(found) ? 0 : check.distanceM(provinces, row.lng, row.lat);
      if (distanceM > MAX_OUTSIDE_M) {
        counts.dropped++;
        const distanceKm = Math.round(distanceM / 100) / 10;
        report.dropped.push({
          code: unit.code,
          level,
          address: row.address,
          lng: row.lng,
          lat: row.lat,
          expected: provinces,
          found: found ?? "",
          distanceKm,
        });
        continue;
      }
      kept.set(`${level}:${unit.code}`, row);
      rows.push(centreRow(unit.code, level, row));
    }
  }
  for (const province of registry.old.province.values()) {
    const capital = capitalOf(province, [...registry.old.district.values()]);
    const point = capital && kept.get(`district:${capital.code}`);
    if (!capital || !point) continue;
    report.capitals.push({ province: province.code, district: capital.code });
    rows.push(centreRow(province.code, "province", point));
  }
  report.communesAtDistrictPoint = [...registry.old.commune.values()].filter((commune) => {
    const [point, district] = [
      kept.get(`commune:${commune.code}`),
      kept.get(`district:${commune.parent_code}`),
    ];
    return point && district && point.lng === district.lng && point.lat === district.lat;
  }).length;
  const order: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };
  rows.sort((a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code));
  for (const level of ["province", "district", "commune"] as const)
    report.byLevel[level].written = rows.filter((r) => r.level === level).length;
  report.dropped.sort((a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code));
  report.nearNames.sort((a, b) => a.code.localeCompare(b.code));
  report.capitals.sort((a, b) => a.province.localeCompare(b.province));
  report.withoutRow.sort((a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code));
  return { rows, report };
}

/**
 * The district an old province's point is taken from: for a centrally-run city its first urban
 * district (quận) by code; otherwise its provincial city (thành phố) named as the province, else
 * its first by code, save the exceptions in CAPITALS. An approximation of the capital's centre.
 */
function capitalOf(province: UnitRow, districts: UnitRow[]): UnitRow | undefined {
  const own = districts
    .filter((d) => d.parent_code === province.code && d.valid_to === LAST_OLD_DATE)
    .sort((a, b) => a.code.localeCompare(b.code));
  if (province.kind === "thanh_pho_tw") return own.find((d) => d.kind === "quan");
  const exception = CAPITALS[province.code];
  if (exception) return own.find((d) => d.code === exception);
  const cities = own.filter((d) => d.kind === "thanh_pho");
  return cities.find((d) => d.name === province.name) ?? cities[0];
}

function centreRow(code: string, level: UnitLevel, point: CentreSourceRow): CentreRow {
  return { code, level, lng: point.lng.toFixed(6), lat: point.lat.toFixed(6) };
}

/** The new provinces an old unit's links lead to (a district: its own links and its communes'). */
function expectedProvinces(registry: Registry, lineage: LineageRow[]): (unit: UnitRow) => string[] {
  const provinces = new Map<string, Set<string>>();
  const add = (key: string, province: string) =>
    provinces.set(key, (provinces.get(key) ?? new Set()).add(province));
  for (const link of lineage) {
    if (link.effective_date !== MERGER_DATE || link.old_level === "province") continue;
    const province = registry.current.commune.get(link.new_code)?.parent_code;
    if (!province) throw new Error(`lineage: ${link.new_code} is not a new commune`);
    add(`${link.old_level}:${link.old_code}`, province);
    const district =
      link.old_level === "commune" ? registry.old.commune.get(link.old_code)?.parent_code : undefined;
    if (district) add(`district:${district}`, province);
  }
  return (unit) => [...(provinces.get(`${unit.level}:${unit.code}`) ?? [])].sort();
}

/** Which new province a point lies in, and how far it is from a set of provinces. */
function pointCheck(topology: Topology) {
  const locator = Locator.fromTopology(topology, "communes");
  const rings = new Map(
    featuresOf(topology, "provinces").map((f) => [
      String(f.properties.code),
      f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat(),
    ]),
  );
  return {
    provinceAt: (lng: number, lat: number) => locator.locate(lng, lat)?.province_code,
    /** Distance in metres to the nearest edge of any of the provinces (local equirectangular). */
    distanceM(codes: string[], lng: number, lat: number): number {
      const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
      const ky = 110_574;
      let best = Number.POSITIVE_INFINITY;
      for (const ring of codes.flatMap((code) => rings.get(code) ?? [])) {
        for (let i = 1; i < ring.length; i++) {
          const [ax = 0, ay = 0] = ring[i - 1] ?? [];
          const [bx = 0, by = 0] = ring[i] ?? [];
          best = Math.min(
            best,
            segmentDistance((lng - ax) * kx, (lat - ay) * ky, (bx - ax) * kx, (by - ay) * ky),
          );
        }
      }
      return best;
    },
  };
}

/** Distance from (px, py) to the segment from the origin to (dx, dy). */
function segmentDistance(px: number, py: number, dx: number, dy: number): number {
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / length2));
  return Math.hypot(px - t * dx, py - t * dy);
}
