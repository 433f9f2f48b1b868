/**
 * The map's own context, so that it can be read without a tile server:
 * - land.json: the neighbouring countries' land (Natural Earth 1:50m, from world-atlas), clipped to
 *   the region around Vietnam, islands under about 250 km² dropped (Vietnam's own islands are its
 *   communes);
 * - labels.json: for every new province and commune, the point farthest inside it (polylabel) and
 *   the radius in metres of the circle that fits there, so that a name is drawn from the zoom where
 *   it fits;
 * - pre2025-labels.json: the same for the old provinces and districts, and the centre points of the
 *   old communes (data/dist/centres-pre2025.csv), for the old-boundaries overlay.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { clipPolygon } from "lineclip";
import polylabel from "polylabel";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

/** The region of the land layer: [west, south, east, north]. */
const REGION: [number, number, number, number] = [96, 3, 122, 27];
/** Parts of the land smaller than this (square degrees, about 250 km²) are dropped. */
const MIN_LAND_AREA = 0.02;
const METRES_PER_DEGREE = 111_320;

type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

/** A label point and the radius (m) of the largest circle around it inside the unit. */
export type LabelPoint = [lng: number, lat: number, radius: number];

export function landOfNeighbours(): object {
  const require = createRequire(import.meta.url);
  const world = JSON.parse(
    readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"),
  ) as Topology;
  const countries = (
    feature(world, world.objects.countries as GeometryCollection) as unknown as { features: Area[] }
  ).features;
  const polygons: Position[][][] = [];
  for (const country of countries) {
    if (country.id === "704") continue; // Vietnam: drawn from its own communes
    for (const polygon of polygonsOf(country)) {
      const ring = clipPolygon(polygon[0] as number[][], REGION);
      if (ring.length < 4 || Math.abs(ringArea(ring)) < MIN_LAND_AREA) continue;
      polygons.push([ring.map(([x, y]) => [round(x as number, 3), round(y as number, 3)])]);
    }
  }
  return {
    type: "Feature",
    properties: { source: "Natural Earth 1:50m (world-atlas)" },
    geometry: { type: "MultiPolygon", coordinates: polygons },
  };
}

/** Label points of every feature of a TopoJSON object, by its `code` property. */
export function labelPoints(topology: Topology, object: string): Record<string, LabelPoint> {
  const features = (
    feature(topology, topology.objects[object] as GeometryCollection) as unknown as { features: Area[] }
  ).features;
  const points: Record<string, LabelPoint> = {};
  for (const f of features) {
    const code = String(f.properties.code);
    const point = labelPoint(f);
    if (point) points[code] = point;
  }
  return points;
}

/** Centre points of the old communes, from centres-pre2025.csv. */
export function oldCommuneCentres(csv: string): Record<string, [number, number]> {
  const centres: Record<string, [number, number]> = {};
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [code, level, lng, lat] = line.split(",");
    if (level === "commune" && code && lng && lat) centres[code] = [Number(lng), Number(lat)];
  }
  return centres;
}

/** The pole of inaccessibility of the largest-radius part, in an equirectangular projection at its latitude. */
function labelPoint(f: Area): LabelPoint | undefined {
  let best: LabelPoint | undefined;
  for (const polygon of polygonsOf(f)) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const lats = outer.map((p) => p[1] as number);
    const k = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
    const projected = polygon.map((ring) => ring.map(([x, y]) => [(x as number) * k, y as number]));
    const found = polylabel(projected, 0.0002);
    const radius = found.distance * METRES_PER_DEGREE;
    if (!best || radius > best[2])
      best = [round((found[0] as number) / k, 5), round(found[1] as number, 5), Math.round(radius)];
  }
  return best;
}

function polygonsOf(f: Area): Position[][][] {
  return f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
}

function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    sum += (xj - xi) * (yj + yi);
  }
  return sum / 2;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function writeContext(
  out: string,
  detailed: Topology,
  pre2025: Topology,
  centresCsv: string,
  write: (path: string, text: string) => void,
): void {
  write(join(out, "land.json"), JSON.stringify(landOfNeighbours()));
  write(
    join(out, "labels.json"),
    JSON.stringify({
      provinces: labelPoints(detailed, "provinces"),
      communes: labelPoints(detailed, "communes"),
    }),
  );
  write(
    join(out, "pre2025-labels.json"),
    JSON.stringify({
      provinces: labelPoints(pre2025, "provinces"),
      districts: labelPoints(pre2025, "districts"),
      communes: oldCommuneCentres(centresCsv),
    }),
  );
}
