/**
 * Locate: agreement with the full-resolution source boundaries (an independent point-in-polygon
 * test, turf's) for random points, many near edges; and points per second on one core.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { random } from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import Flatbush from "flatbush";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";

type Boundary = Feature<Polygon | MultiPolygon, { code: string }>;

export function benchLocate(sourcesDir: string, distDir: string): Record<string, unknown> {
  const diagioi = loadDiagioi();
  const locator = diagioi.locator;
  if (!locator) throw new Error("no boundaries");
  const aliases = (
    JSON.parse(readFileSync(join(distDir, "quality.json"), "utf8")) as { codeAliases: Record<string, string> }
  ).codeAliases;
  const full = JSON.parse(
    gunzipSync(readFileSync(join(sourcesDir, "gis/communes-2026.geojson.gz"))).toString("utf8"),
  ) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  const features = full.features as Boundary[];
  for (const f of features) f.properties.code = aliases[f.properties.code] ?? f.properties.code;

  const boxes = new Flatbush(features.length);
  for (const f of features) {
    const [minX, minY, maxX, maxY] = bboxOf(f);
    boxes.add(minX, minY, maxX, maxY);
  }
  boxes.finish();
  const segments = segmentIndex(features);

  const next = random(7);
  const points: [number, number][] = [];
  for (let i = 0; i < 20_000; i++) points.push([102.1 + next() * 7.4, 8.4 + next() * 15]);
  for (let i = 0; i < 30_000; i++) {
    const f = features[Math.floor(next() * features.length)] as Boundary;
    const ring = (
      f.geometry.type === "Polygon" ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]
    ) as Position[];
    const [x, y] = ring[Math.floor(next() * ring.length)] as [number, number];
    const metres = next() * 300;
    const angle = next() * 2 * Math.PI;
    points.push([
      x + (metres * Math.cos(angle)) / (111_320 * Math.cos((y * Math.PI) / 180)),
      y + (metres * Math.sin(angle)) / 110_574,
    ]);
  }

  let far = 0;
  let agreeFar = 0;
  let near = 0;
  let agreeNear = 0;
  for (const [x, y] of points) {
    const truth = boxes
      .search(x, y, x, y)
      .find((i) => booleanPointInPolygon([x, y], features[i] as Boundary));
    const truthCode = truth === undefined ? undefined : (features[truth] as Boundary).properties.code;
    const found = locator.locate(x, y)?.code;
    if (distanceToEdgeM(segments, x, y) > 50) {
      far++;
      if (found === truthCode) agreeFar++;
    } else {
      near++;
      if (found === truthCode) agreeNear++;
    }
  }

  const rounds = 8;
  const started = performance.now();
  let hits = 0;
  for (let r = 0; r < rounds; r++) for (const [x, y] of points) if (locator.locate(x, y)) hits++;
  const rate = Math.round((rounds * points.length) / ((performance.now() - started) / 1000));
  const agreement = Math.round((agreeFar / far) * 100_000) / 1000;
  console.log(
    "\nLocate (50,000 seeded points: 20,000 uniform over Vietnam's box, 30,000 within 300 m of a commune edge)",
  );
  console.log(
    `agreement with full resolution, points > 50 m from an edge: ${agreement} % (${agreeFar}/${far})`,
  );
  console.log(
    `agreement within 50 m of an edge: ${Math.round((agreeNear / near) * 1000) / 10} % (${agreeNear}/${near})`,
  );
  console.log(`throughput: ${rate.toLocaleString("en")} points/s on one core (${hits} hits)`);
  return { agreement, far, rate };
}

function bboxOf(f: Boundary): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const ring of ringsOf(f)) {
    for (const [x, y] of ring as [number, number][]) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

function ringsOf(f: Boundary): Position[][] {
  return f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat();
}

function segmentIndex(features: Boundary[]): { index: Flatbush; coords: Float64Array } {
  let count = 0;
  for (const f of features) for (const ring of ringsOf(f)) count += ring.length - 1;
  const coords = new Float64Array(count * 4);
  const index = new Flatbush(count);
  let k = 0;
  for (const f of features) {
    for (const ring of ringsOf(f)) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [ax, ay] = ring[i] as [number, number];
        const [bx, by] = ring[i + 1] as [number, number];
        coords.set([ax, ay, bx, by], k * 4);
        index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
        k++;
      }
    }
  }
  index.finish();
  return { index, coords };
}

/** Metres from a point to the nearest full-resolution edge (capped at ~60 m: only the threshold matters). */
function distanceToEdgeM(segments: { index: Flatbush; coords: Float64Array }, x: number, y: number): number {
  const kx = 111_320 * Math.cos((y * Math.PI) / 180);
  const ky = 110_574;
  const dx = 60 / kx;
  const dy = 60 / ky;
  let best = Number.POSITIVE_INFINITY;
  for (const i of segments.index.search(x - dx, y - dy, x + dx, y + dy)) {
    const c = segments.coords;
    const ax = ((c[4 * i] as number) - x) * kx;
    const ay = ((c[4 * i + 1] as number) - y) * ky;
    const bx = ((c[4 * i + 2] as number) - x) * kx;
    const by = ((c[4 * i + 3] as number) - y) * ky;
    const ex = bx - ax;
    const ey = by - ay;
    const length2 = ex * ex + ey * ey;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * ex + ay * ey) / length2));
    best = Math.min(best, Math.hypot(ax + t * ex, ay + t * ey));
  }
  return best;
}
