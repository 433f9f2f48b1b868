/**
 * Point → commune. A flatbush index over the bounding boxes of every polygon part, then an exact
 * even-odd test against the part's rings. Rings are kept as flat Float64Arrays: the test runs
 * hundreds of thousands of times a second, and flat arrays are several times faster to walk than
 * GeoJSON's nested ones.
 */
import Flatbush from "flatbush";
import type { GeometryCollection, Topology } from "topojson-specification";
import { type DecodedLayer, decodePack, decodeTopology } from "./pack.ts";

export interface LocatedUnit {
  code: string;
  province_code: string;
}

interface Part {
  feature: number;
  /** Each ring as the indices of its arcs (direction does not matter to an even-odd count). */
  rings: Int32Array[];
}

/**
 * @example
 * const locator = Locator.fromTopology(topology, "communes");
 * locator.locate(105.8524, 21.0287); // { code: "00070", province_code: "01" } (Phường Hoàn Kiếm)
 * locator.locate(0, 0);              // undefined (at sea)
 * locator.locate(21.0287, 105.8524); // RangeError: latitude first
 */
export class Locator {
  private readonly index: Flatbush;
  private readonly parts: Part[] = [];
  private readonly units: Readonly<LocatedUnit>[];
  private readonly arcs: Float64Array[];
  /** minX, minY, maxX, maxY of every arc: most arcs are skipped without reading their points. */
  private readonly arcBoxes: Float64Array;

  constructor(layer: DecodedLayer) {
    if (layer.features.length === 0) throw new Error("Locator needs at least one boundary");
    this.arcs = layer.arcs;
    this.arcBoxes = new Float64Array(layer.arcs.length * 4);
    layer.arcs.forEach((arc, a) => {
      let minX = Number.POSITIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < arc.length; k += 2) {
        const x = arc[k] as number;
        const y = arc[k + 1] as number;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      this.arcBoxes.set([minX, minY, maxX, maxY], a * 4);
    });
    // Every caller gets the same object for a commune: frozen, so that none can change another's.
    this.units = layer.features.map((f) => Object.freeze({ code: f.code, province_code: f.province_code }));
    for (const [i, f] of layer.features.entries()) {
      for (const polygon of f.polygons) {
        this.parts.push({
          feature: i,
          rings: polygon.map((ring) => Int32Array.from(ring, (a) => (a < 0 ? ~a : a))),
        });
      }
    }
    this.index = new Flatbush(this.parts.length);
    const boxes = this.arcBoxes;
    for (const part of this.parts) {
      let minX = Number.POSITIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (const a of part.rings[0] as Int32Array) {
        minX = Math.min(minX, boxes[a * 4] as number);
        minY = Math.min(minY, boxes[a * 4 + 1] as number);
        maxX = Math.max(maxX, boxes[a * 4 + 2] as number);
        maxY = Math.max(maxY, boxes[a * 4 + 3] as number);
      }
      this.index.add(minX, minY, maxX, maxY);
    }
    this.index.finish();
  }

  /** A locator over the binary geometry pack (data/dist/boundaries-2025.pack): the fast way to load. */
  static fromPack(bytes: Uint8Array): Locator {
    return new Locator(decodePack(bytes));
  }

  /** A locator over one object of a TopoJSON topology (e.g. "communes" of boundaries-2025.topo.json). */
  static fromTopology(topology: Topology, object: string): Locator {
    const collection = topology.objects[object] as GeometryCollection<Record<string, string>> | undefined;
    if (!collection) throw new Error(`the topology has no object "${object}"`);
    return new Locator({
      arcs: decodeTopology(topology as never),
      features: collection.geometries.map((g) => ({
        code: String((g.properties as Record<string, string>).code),
        province_code: String((g.properties as Record<string, string>).province_code),
        polygons: g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [],
      })),
    });
  }

  private inside(part: Part, x: number, y: number): boolean {
    const boxes = this.arcBoxes;
    let count = 0;
    for (const ring of part.rings) {
      for (let r = 0; r < ring.length; r++) {
        const a = ring[r] as number;
        const b = a * 4;
        if ((boxes[b + 1] as number) > y || (boxes[b + 3] as number) < y || (boxes[b + 2] as number) < x)
          continue;
        count += crossings(this.arcs[a] as Float64Array, x, y);
      }
    }
    return count % 2 === 1;
  }

  /**
   * The unit containing the point, or undefined outside every unit. Throws a TypeError when either
   * coordinate is not a finite number (text read from a file: convert it first), and a RangeError out
   * of range (latitude first by mistake: `locate(21.03, 105.85)`).
   */
  locate(lng: number, lat: number): Readonly<LocatedUnit> | undefined {
    checkPoint(lng, lat);
    let found: LocatedUnit | undefined;
    this.index.search(lng, lat, lng, lat, (i) => {
      if (found) return false;
      const part = this.parts[i] as Part;
      if (this.inside(part, lng, lat)) found = this.units[part.feature];
      return false;
    });
    return found;
  }
}

/** Throws unless (lng, lat) is a point: two finite numbers, longitude first, each in range. */
export function checkPoint(lng: unknown, lat: unknown): void {
  if (typeof lng !== "number" || typeof lat !== "number" || !Number.isFinite(lng) || !Number.isFinite(lat))
    throw new TypeError(
      `a point is two finite numbers, longitude then latitude; got ${String(lng)}, ${String(lat)}`,
    );
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180)
    throw new RangeError(
      `longitude ${lng}, latitude ${lat} is out of range (longitude -180 to 180, latitude -90 to 90; longitude comes first)`,
    );
}

/**
 * Even-odd test of a ray towards +x, over the arcs of a polygon's rings (outer ring and holes).
 * An arc entirely above, below or left of the point cannot cross the ray and is skipped.
 */
function crossings(arc: Float64Array, x: number, y: number): number {
  let count = 0;
  let xj = arc[0] as number;
  let yj = arc[1] as number;
  for (let k = 2; k < arc.length; k += 2) {
    const xi = arc[k] as number;
    const yi = arc[k + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) count++;
    xj = xi;
    yj = yi;
  }
  return count;
}
