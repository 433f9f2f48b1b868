/** Writes the binary twin of a quantized TopoJSON layer (layout in packages/core/src/geo/pack.ts). */
import type { GeometryCollection, Topology } from "topojson-specification";

export function encodePack(topology: Topology, object: string): Uint8Array {
  const transform = topology.transform;
  if (!transform) throw new Error("encodePack needs a quantized topology");
  const bytes: number[] = [..."DGP1"].map((c) => c.charCodeAt(0));
  const floats = new DataView(new ArrayBuffer(32));
  const values = [transform.scale[0], transform.scale[1], transform.translate[0], transform.translate[1]];
  for (const [i, value] of values.entries()) floats.setFloat64(i * 8, value, true);
  bytes.push(...new Uint8Array(floats.buffer));
  const unsigned = (value: number) => {
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
  };
  const signed = (value: number) => unsigned(value < 0 ? -2 * value - 1 : 2 * value);
  const text = (value: string) => {
    unsigned(value.length);
    for (const c of value) bytes.push(c.charCodeAt(0));
  };
  unsigned(topology.arcs.length);
  for (const arc of topology.arcs) {
    unsigned(arc.length);
    for (const point of arc) {
      signed(point[0] as number);
      signed(point[1] as number);
    }
  }
  const collection = topology.objects[object] as GeometryCollection<Record<string, string>>;
  unsigned(collection.geometries.length);
  for (const geometry of collection.geometries) {
    text(String((geometry.properties as Record<string, string>).code));
    text(String((geometry.properties as Record<string, string>).province_code));
    const polygons =
      geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    unsigned(polygons.length);
    for (const polygon of polygons) {
      unsigned(polygon.length);
      for (const ring of polygon) {
        unsigned(ring.length);
        for (const arc of ring) signed(arc);
      }
    }
  }
  return Uint8Array.from(bytes);
}
