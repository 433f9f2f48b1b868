/**
 * Step 3: web-sized boundaries. Each layer becomes one TopoJSON topology, so that an edge two
 * units share is stored once and simplified once: neighbours neither gap nor overlap afterwards.
 * New provinces are dissolved from their communes in the same topology rather than taken from the
 * coarser province layer, so province and commune borders coincide exactly.
 */
import { area } from "@turf/area";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { feature, mergeArcs, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";
import type {
  GeometryCollection,
  Objects,
  Topology,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
} from "topojson-specification";
import type { Boundaries } from "./sources.ts";

/** Options of one simplified layer. */
export interface SimplifyOptions {
  /** Grid the coordinates snap to: 1e6 cells across the layer's extent (≈ 1.7 m across Vietnam). */
  quantization: number;
  /** Grid of the written file; coarser than `quantization` to keep delta-encoded integers short. */
  outputQuantization: number;
  /** Visvalingam effective area, in m², below which a vertex is dropped. */
  minAreaM2: number;
  /**
   * Largest distance, in metres, between a full-resolution vertex and the simplified boundary.
   * Visvalingam alone does not bound it (a long thin spike has a small area): vertices are put back
   * where it is exceeded.
   */
  maxDeviationM: number;
}

export interface LayerInput {
  name: string;
  boundaries: Boundaries;
  /** Properties written for each feature, from the source properties. */
  properties: (source: Record<string, unknown>) => Record<string, string | number>;
}

export interface ShapeError {
  units: number;
  verticesFull: number;
  verticesSimplified: number;
  /** Relative area difference per unit, in percent. */
  areaDiffPercent: { median: number; worst: number; worstCode: string };
  /** Directed Hausdorff distance per unit, in metres: full-resolution vertices to the simplified boundary. */
  hausdorffM: { median: number; worst: number; worstCode: string };
}

export interface TopologyReport {
  /** Arcs used by one unit (outer edge), two (shared edge) and three or more (duplicated edge). */
  arcsByUse: { one: number; two: number; more: number; pointsMore: number };
}

export interface SimplifiedLayers {
  topology: Topology;
  errors: Record<string, ShapeError>;
  topologyReports: Record<string, TopologyReport>;
}

const METRES_PER_DEGREE = 111_320;
/** m² per square degree at the equator; Visvalingam weights are computed in degrees. */
const M2_PER_DEGREE2 = METRES_PER_DEGREE * METRES_PER_DEGREE;

/**
 * Simplifies layers into one topology. The layers' full-resolution boundaries are released (each
 * `boundaries` becomes an empty collection) once the topology holds their coordinates: they are the
 * largest thing the build keeps, and the rest of it runs in well under 2 GB without them.
 */
export function simplifyLayers(layers: LayerInput[], options: SimplifyOptions): SimplifiedLayers {
  const full = topologyOf(layers, options.quantization);
  const topologyReports = Object.fromEntries(layers.map((l) => [l.name, reportArcUse(full, l.name)]));
  const weighted = presimplifyReleasing(full);
  protectSmallRings(weighted);
  const keep = (options.minAreaM2 / M2_PER_DEGREE2) * latitudeFactor(weighted);
  for (const arc of weighted.arcs as number[][][]) boundDeviation(arc, keep, options.maxDeviationM);
  const errors = Object.fromEntries(layers.map((l) => [l.name, measureError(weighted, l.name, keep)]));
  const simplified = simplify(weighted as Topology<Objects<object>>, keep) as Topology;
  for (const arc of simplified.arcs) for (const point of arc) point.length = 2;
  return {
    topology: quantize(simplified as Topology<Objects<object>>, options.outputQuantization) as Topology,
    errors,
    topologyReports,
  };
}

/** The topology of the layers, which keep none of their boundaries (nor does any caller's frame). */
function topologyOf(layers: LayerInput[], quantization: number): Topology {
  return topology(takeCollections(layers), quantization);
}

/** The layers as feature collections with their written properties; the layers keep none. */
function takeCollections(layers: LayerInput[]) {
  const collections = Object.fromEntries(
    layers.map((layer) => [
      layer.name,
      {
        type: "FeatureCollection" as const,
        features: layer.boundaries.features.map((f) => ({
          ...f,
          properties: layer.properties(f.properties ?? {}),
        })),
      },
    ]),
  );
  for (const layer of layers) layer.boundaries = { type: "FeatureCollection", features: [] };
  return collections;
}

/** Arcs weighed at a time by {@link presimplifyReleasing}. */
const PRESIMPLIFY_ARCS = 500;

/**
 * presimplify(), a slice of arcs at a time, emptying each arc of `full` once weighed, with compact
 * points: the weighed copy and the original are never both whole in memory. The same result, as
 * each arc is weighed on its own.
 */
function presimplifyReleasing(full: Topology): Topology {
  const arcs: number[][][] = [];
  for (let start = 0; start < full.arcs.length; start += PRESIMPLIFY_ARCS) {
    const end = Math.min(start + PRESIMPLIFY_ARCS, full.arcs.length);
    const part = presimplify({ ...full, arcs: full.arcs.slice(start, end) } as Topology<Objects<object>>);
    // presimplify() appends the weight to each [x, y], and a grown array keeps room for 17 more
    // numbers: a copy of three takes a third of the memory.
    for (const arc of part.arcs as number[][][])
      arcs.push(arc.map((p) => [p[0] as number, p[1] as number, p[2] as number]));
    for (let i = start; i < end; i++) full.arcs[i] = [];
  }
  return { type: "Topology", bbox: full.bbox, objects: full.objects, arcs } as Topology;
}

/**
 * Adds an object dissolved from another, grouped by a property: e.g. provinces from communes by
 * province code. The dissolved geometries reuse the arcs of the parts.
 */
export function addDissolved(topo: Topology, from: string, name: string, groupBy: string): void {
  const source = topo.objects[from] as GeometryCollection<Record<string, string>>;
  const groups = new Map<string, typeof source.geometries>();
  for (const geometry of source.geometries) {
    const key = String((geometry.properties as Record<string, string> | undefined)?.[groupBy]);
    groups.set(key, [...(groups.get(key) ?? []), geometry]);
  }
  topo.objects[name] = {
    type: "GeometryCollection",
    geometries: [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, parts]) => ({
        ...(mergeArcs(
          topo as Topology<Objects<object>>,
          parts as (TopoPolygon | TopoMultiPolygon)[],
        ) as TopoMultiPolygon),
        properties: { code },
      })),
  };
}

/** The GeoJSON features of one object of a topology. */
export function featuresOf(
  topo: Topology,
  name: string,
): Feature<Polygon | MultiPolygon, Record<string, string>>[] {
  const collection = feature(
    topo as Topology<Objects<object>>,
    topo.objects[name] as GeometryCollection,
  ) as unknown as {
    features: Feature<Polygon | MultiPolygon, Record<string, string>>[];
  };
  return collection.features;
}

/** Visvalingam weights are planar areas in degrees²; a degree of longitude shrinks with latitude. */
function latitudeFactor(topo: Topology): number {
  const [, south = 0, , north = 0] = topo.bbox ?? [];
  return 1 / Math.cos((((south + north) / 2) * Math.PI) / 180);
}

/** A ring made of one closed arc keeps its three heaviest inner vertices, so that no island vanishes. */
function protectSmallRings(topo: Topology): void {
  for (const arc of topo.arcs as number[][][]) {
    const first = arc[0];
    const last = arc[arc.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1] || arc.length < 5) continue;
    const heaviest = arc
      .slice(1, -1)
      .sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0))
      .slice(0, 3);
    for (const point of heaviest) point[2] = Number.POSITIVE_INFINITY;
  }
}

function reportArcUse(topo: Topology, name: string): TopologyReport {
  const use = new Map<number, number>();
  for (const arcIndex of arcsOfObject(topo, name)) use.set(arcIndex, (use.get(arcIndex) ?? 0) + 1);
  const report = { one: 0, two: 0, more: 0, pointsMore: 0 };
  for (const [arcIndex, count] of use) {
    if (count === 1) report.one++;
    else if (count === 2) report.two++;
    else {
      report.more++;
      report.pointsMore += topo.arcs[arcIndex]?.length ?? 0;
    }
  }
  return { arcsByUse: report };
}

function* arcsOfObject(topo: Topology, name: string): Generator<number> {
  const collection = topo.objects[name] as GeometryCollection;
  for (const geometry of collection.geometries) {
    const polygons =
      geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    for (const polygon of polygons)
      for (const ring of polygon) for (const arc of ring) yield arc < 0 ? ~arc : arc;
  }
}

/**
 * Shape error of every unit of a layer against its full-resolution boundary. For each arc, every
 * full-resolution vertex is measured against the simplified segment that replaces it.
 */
function measureError(weighted: Topology, name: string, keep: number): ShapeError {
  // presimplify returns absolute coordinates with the weight as a third value.
  const arcError = (weighted.arcs as number[][][]).map((arc) => arcDeviationM(arc, keep));
  // simplify() copies the points it keeps and changes nothing in `weighted`. Features are made one
  // unit at a time: all of them at full resolution at once would double the build's memory.
  const simplified = simplify(weighted as Topology<Objects<object>>, keep) as Topology;
  const featureOf = (topo: Topology, geometry: unknown) =>
    feature(topo as Topology<Objects<object>>, geometry as GeometryCollection) as unknown as Feature<
      Polygon | MultiPolygon
    >;
  const collection = weighted.objects[name] as GeometryCollection<Record<string, string>>;
  const areaDiff: [number, string][] = [];
  const hausdorff: [number, string][] = [];
  let verticesFull = 0;
  let verticesSimplified = 0;
  collection.geometries.forEach((geometry) => {
    const code = String((geometry.properties as Record<string, string> | undefined)?.code);
    const before = featureOf(weighted, geometry);
    const after = featureOf(simplified, geometry);
    verticesFull += countVertices(before.geometry);
    verticesSimplified += countVertices(after.geometry);
    const fullArea = area(before);
    areaDiff.push([fullArea > 0 ? (Math.abs(area(after) - fullArea) / fullArea) * 100 : 0, code]);
    let worst = 0;
    const polygons =
      geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    for (const polygon of polygons)
      for (const ring of polygon as number[][])
        for (const arc of ring) worst = Math.max(worst, arcError[arc < 0 ? ~arc : arc] ?? 0);
    hausdorff.push([worst, code]);
  });
  return {
    units: collection.geometries.length,
    verticesFull,
    verticesSimplified,
    areaDiffPercent: summary(areaDiff),
    hausdorffM: summary(hausdorff),
  };
}

/** Keeps (weight ∞) the farthest vertex of every simplified segment that strays more than `limitM`. */
function boundDeviation(arc: number[][], keep: number, limitM: number): void {
  const refine = (start: number, end: number) => {
    let farthest = -1;
    let distance = limitM;
    for (let j = start + 1; j < end; j++) {
      const d = pointSegmentDistanceM(arc[j] as Position, arc[start] as Position, arc[end] as Position);
      if (d > distance) {
        distance = d;
        farthest = j;
      }
    }
    if (farthest < 0) return;
    (arc[farthest] as number[])[2] = Number.POSITIVE_INFINITY;
    refine(start, farthest);
    refine(farthest, end);
  };
  let start = 0;
  for (let i = 1; i < arc.length; i++) {
    if ((arc[i]?.[2] ?? 0) < keep && i < arc.length - 1) continue;
    refine(start, i);
    start = i;
  }
}

/** Largest distance, in metres, from a vertex of the arc to the simplified segment spanning it. */
function arcDeviationM(arc: number[][], keep: number): number {
  let worst = 0;
  let start = 0;
  for (let i = 1; i < arc.length; i++) {
    if ((arc[i]?.[2] ?? 0) < keep && i < arc.length - 1) continue;
    for (let j = start + 1; j < i; j++) {
      worst = Math.max(
        worst,
        pointSegmentDistanceM(arc[j] as Position, arc[start] as Position, arc[i] as Position),
      );
    }
    start = i;
  }
  return worst;
}

function pointSegmentDistanceM(p: Position, a: Position, b: Position): number {
  const kx = METRES_PER_DEGREE * Math.cos(((p[1] ?? 0) * Math.PI) / 180);
  const ky = 110_574;
  const ax = ((a[0] ?? 0) - (p[0] ?? 0)) * kx;
  const ay = ((a[1] ?? 0) - (p[1] ?? 0)) * ky;
  const bx = ((b[0] ?? 0) - (p[0] ?? 0)) * kx;
  const by = ((b[1] ?? 0) - (p[1] ?? 0)) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

function countVertices(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let count = 0;
  for (const polygon of polygons) for (const ring of polygon) count += ring.length;
  return count;
}

function summary(values: [number, string][]): { median: number; worst: number; worstCode: string } {
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  const median = sorted[Math.floor(sorted.length / 2)]?.[0] ?? 0;
  const [worst, worstCode] = sorted[sorted.length - 1] ?? [0, ""];
  return { median: round(median), worst: round(worst), worstCode };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
