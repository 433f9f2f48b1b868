/**
 * Prepares the files the map loads (public/data), from the committed dataset:
 * - overview.topo.json: every commune and province, simplified for the whole-country view;
 * - provinces/CODE.topo.json: one province's communes at the dataset's detail, fetched on zoom;
 * - pre2025.topo.json: old provinces and districts, fetched when the overlay is switched on;
 * - provinces-map.json: the 34 provinces alone, simplified, named and projected to SVG path data for the
 *   dashboard's choropleth;
 * - units.csv, lineage.csv, units-history.csv, lineage-history.csv: read by @diagioi/core in the
 *   browser (the search covers every unit, of every date since 2004);
 * - slices/: the same tables cut by new province (the units since 2004 in one table), for pages
 *   that load one province at a time with ProvinceLoader;
 * - land.json, labels.json, pre2025-labels.json: the map's own context (prepare-context.ts).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDiagioi, sliceByProvince, sliceFile, unitsCsv } from "@diagioi/core";
import { DIST_DIR } from "@diagioi/data";
import { area } from "@turf/area";
import { geoMercator, geoPath } from "d3-geo";
import { feature, mergeArcs, meshArcs, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";
import type {
  GeometryCollection,
  GeometryObject,
  MultiLineString,
  Objects,
  Topology,
} from "topojson-specification";
import type { BorderKind } from "../src/communes-layer.ts";
import type { ProvinceMap } from "../src/dashboard/entry.ts";
import { writeContext } from "./prepare-context.ts";

type ProvinceShapes = GeoJSON.FeatureCollection<
  GeoJSON.Geometry,
  { code: string; name: string; nameEn?: string }
>;

const out = join(dirname(fileURLToPath(import.meta.url)), "../public/data");
/** Visvalingam area, in square degrees, for the overview (about 0.3 km² at Vietnam's latitudes). */
const OVERVIEW_MIN_WEIGHT = 2.5e-5;
const CHOROPLETH_MIN_WEIGHT = 2e-4;

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "provinces"), { recursive: true });
mkdirSync(join(out, "slices"), { recursive: true });
const tables = ["units.csv", "lineage.csv", "units-history.csv", "lineage-history.csv"] as const;
for (const file of tables) copyFileSync(join(DIST_DIR, file), join(out, file));
const [unitsText, lineageText, unitsHistory, lineageHistory] = tables.map((file) =>
  readFileSync(join(DIST_DIR, file), "utf8"),
) as [string, string, string, string];
const diagioi = createDiagioi({
  units: unitsText,
  lineage: lineageText,
  history: { units: unitsHistory, lineage: lineageHistory },
});
const { units } = diagioi;
const slices = sliceByProvince(unitsCsv(units.units), lineageText, lineageHistory);
for (const [name, slice] of [["provinces", slices.provinces] as const, ...slices.byProvince]) {
  writeFileSync(join(out, "slices", sliceFile(name, "units")), slice.units);
  writeFileSync(join(out, "slices", sliceFile(name, "lineage")), slice.lineage);
  writeFileSync(join(out, "slices", sliceFile(name, "lineage-history")), slice.lineageHistory ?? "");
}
copyFileSync(join(DIST_DIR, "boundaries-pre2025.topo.json"), join(out, "pre2025.topo.json"));

const detailed = JSON.parse(readFileSync(join(DIST_DIR, "boundaries-2025.topo.json"), "utf8")) as Topology;
/**
 * The arcs of the country's outline (coasts and land borders): the outer rings of every commune
 * merged. The overview, simplified from the same topology, keeps its arcs and their numbers.
 */
const OUTLINE = outlineArcs(detailed);

withAreas(detailed);
const overview = quantize(
  simplify(presimplify(structuredClone(detailed) as Topology<Objects<object>>), OVERVIEW_MIN_WEIGHT),
  1e5,
);
overview.objects.lines = overviewLines(overview);
writeFileSync(join(out, "overview.topo.json"), JSON.stringify(overview));
// The dashboard's choropleth shows the country in a few hundred pixels: a vertex that moves a
// triangle of under about half a pixel there is not drawn, and the file is a fraction of the overview's.
const choropleth = simplify(
  presimplify(structuredClone(detailed) as Topology<Objects<object>>),
  CHOROPLETH_MIN_WEIGHT,
);
// The names are filled in below.
const provinces = feature(choropleth, choropleth.objects.provinces as GeometryCollection) as ProvinceShapes;
// Named here, so that the dashboard needs no unit tables for 34 names: today's names, as the map's
// province filter gives them ("Hanoi City" since the 2026-07-25 edition, "Ha Noi City" before).
const provinceUnits = new Map(units.all({ level: "province" }).map((p) => [p.code, p]));
for (const f of provinces.features) {
  const unit = provinceUnits.get(f.properties.code);
  f.properties.name = unit?.fullName ?? f.properties.code;
  if (unit?.fullNameEn) f.properties.nameEn = unit.fullNameEn;
}
writeFileSync(
  join(out, "provinces-map.json"),
  JSON.stringify({ ...provinceMap(provinces), former: formerProvinces() }),
);

const communes = feature(
  detailed as Topology<Objects<object>>,
  detailed.objects.communes as GeometryCollection,
) as unknown as {
  features: { properties: { province_code: string } }[];
};
const byProvince = new Map<string, typeof communes.features>();
for (const f of communes.features) {
  byProvince.set(f.properties.province_code, [...(byProvince.get(f.properties.province_code) ?? []), f]);
}
for (const [code, features] of byProvince) {
  // The borders as lines cut from the whole country's topology, so that both sides of a province border
  // draw the same line: between its communes, with another province, and the country's outline.
  const lines = borderLines(detailed, code);
  const topo = topology(
    {
      communes: { type: "FeatureCollection", features } as never,
      lines: { type: "FeatureCollection", features: lines } as never,
    },
    1e5,
  );
  writeFileSync(join(out, "provinces", `${code}.topo.json`), JSON.stringify(topo));
}
writeContext(
  out,
  detailed,
  JSON.parse(readFileSync(join(DIST_DIR, "boundaries-pre2025.topo.json"), "utf8")) as Topology,
  readFileSync(join(DIST_DIR, "centres-pre2025.csv"), "utf8"),
  (path, text) => writeFileSync(path, text),
);
console.error(
  `prepared ${out}: overview, ${byProvince.size} provinces, old units, tables, ${slices.byProvince.size} table slices`,
);

/** Interior, province and country borders of one province's communes, as line features named by `kind`. */
function borderLines(topology: Topology, province: string) {
  return Object.entries(borderArcs(topology, province)).map(([kind, arcs]) => ({
    type: "Feature",
    properties: { kind },
    geometry: feature(
      topology as Topology<Objects<object>>,
      { type: "MultiLineString", arcs } as MultiLineString,
    ).geometry,
  }));
}

/**
 * A province's border lines by kind, as lines of arcs: between its communes, with another province,
 * and the country's outline. The lines of arcs that one commune uses alone are the outline only on
 * the merged outline of all communes; elsewhere they go round a gap between communes in the source's
 * geometry (QUALITY.md counts the edges used once) and are drawn as interior borders: drawn as the
 * outline, they ran dark lines through cities.
 */
function borderArcs(topology: Topology, province: string): Record<BorderKind, number[][]> {
  const communes = topology.objects.communes as GeometryCollection;
  const ours = (g: GeometryObject) => provinceOf(g) === province;
  const own = meshArcs(topology, communes, (a, b) => a === b && ours(a)).arcs;
  const onOutline = (line: number[]) => line.every((arc) => OUTLINE.has(arc < 0 ? ~arc : arc));
  return {
    interior: [
      ...meshArcs(topology, communes, (a, b) => a !== b && ours(a) && ours(b)).arcs,
      ...own.filter((line) => !onOutline(line)),
    ],
    province: meshArcs(topology, communes, (a, b) => a !== b && ours(a) !== ours(b) && (ours(a) || ours(b)))
      .arcs,
    country: own.filter(onOutline),
  };
}

function outlineArcs(topology: Topology): Set<number> {
  const communes = topology.objects.communes as GeometryCollection;
  const merged = mergeArcs(topology as Topology<Objects<object>>, communes.geometries as never);
  const arcs = new Set<number>();
  for (const polygon of merged.arcs) for (const arc of polygon[0] ?? []) arcs.add(arc < 0 ? ~arc : arc);
  return arcs;
}

/** The province code a commune of the boundaries topology carries. */
function provinceOf(commune: GeometryObject): string | undefined {
  return (commune.properties as { province_code?: string } | undefined)?.province_code;
}

/**
 * The overview's border lines by province and kind, as references to its own arcs (no coordinates
 * added): the map swaps one province's lines for detailed ones without touching its neighbours'.
 */
function overviewLines(topology: Topology): GeometryCollection {
  const communes = topology.objects.communes as GeometryCollection;
  const codes = [...new Set(communes.geometries.map((g) => provinceOf(g) as string))].sort();
  const geometries = codes.flatMap((province) =>
    Object.entries(borderArcs(topology, province)).map(([kind, arcs]) => ({
      type: "MultiLineString",
      arcs,
      properties: { province_code: province, kind },
    })),
  );
  return { type: "GeometryCollection", geometries } as GeometryCollection;
}

/**
 * Gives each commune its area (km², two decimals) from the detailed geometry, as a property that the
 * overview and the provinces' files inherit: the panel shows one area whichever geometry is drawn.
 */
function withAreas(topology: Topology): void {
  const communes = topology.objects.communes as GeometryCollection<{ area_km2?: number }>;
  for (const geometry of communes.geometries) {
    const km2 = area(feature(topology as Topology<Objects<object>>, geometry)) / 1e6;
    geometry.properties = { ...geometry.properties, area_km2: Math.round(km2 * 100) / 100 };
  }
}

/**
 * The provinces whose codes are no longer in use, with the province of today each went into, so that
 * the dashboard can answer an old link (`?province=35`, Hà Nam) with the province it is part of now.
 */
function formerProvinces(): ProvinceMap["former"] {
  const former = new Map<string, NonNullable<ProvinceMap["former"]>[number]>();
  for (const unit of units.units) {
    if (unit.level !== "province" || provinceUnits.has(unit.code)) continue;
    const now = diagioi.lineage.destinations(unit)[0]?.unit.code;
    if (now)
      former.set(unit.code, {
        code: unit.code,
        name: unit.fullName,
        ...(unit.fullNameEn ? { nameEn: unit.fullNameEn } : {}),
        now,
      });
  }
  return [...former.values()];
}

/**
 * The dashboard's choropleth as SVG path data, projected here (Mercator, fitted to 400 units wide,
 * one decimal): projecting in the page took 150–250 ms of a cold start on a slow machine, and the
 * file is about as large as the topology it replaces.
 */
function provinceMap(shapes: ProvinceShapes): ProvinceMap {
  const width = 400;
  const path = geoPath(geoMercator().fitWidth(width, shapes)).digits(1);
  return {
    width,
    height: Math.ceil(path.bounds(shapes)[1][1]),
    provinces: shapes.features.map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      ...(f.properties.nameEn ? { nameEn: f.properties.nameEn } : {}),
      d: path(f) ?? "",
    })),
  };
}
