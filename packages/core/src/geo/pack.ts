/**
 * The binary twin of a TopoJSON commune layer (data/dist/boundaries-2025.pack), for loading the
 * locator in a few milliseconds instead of parsing 6 MB of JSON.
 *
 * Layout (all integers unsigned LEB128 varints unless said; signed ones zigzag-encoded):
 *   "DGP1" · scaleX scaleY translateX translateY (float64 LE) · arc count · per arc: point count,
 *   then per point the signed x and y deltas of TopoJSON's quantized, delta-encoded arcs ·
 *   feature count · per feature: code and province code (length + ASCII), polygon count, per
 *   polygon: ring count, per ring: arc count, then signed arc indices (~i means reversed).
 */

export interface DecodedLayer {
  /** Absolute [x0, y0, x1, y1, …] per arc. */
  arcs: Float64Array[];
  features: { code: string; province_code: string; polygons: number[][][] }[];
}

const MAGIC = "DGP1";

export function decodePack(bytes: Uint8Array): DecodedLayer {
  const header = String.fromCharCode(...bytes.subarray(0, 4));
  if (header !== MAGIC) throw new Error(`not a diagioi geometry pack (starts with "${header}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [scaleX, scaleY, translateX, translateY] = [4, 12, 20, 28].map((at) => view.getFloat64(at, true)) as [
    number,
    number,
    number,
    number,
  ];
  let at = 36;
  // Every value fits in 31 bits (quantized deltas, counts, arc indices): plain bit operations.
  const end = bytes.length;
  const unsigned = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= end) throw new Error("geometry pack is truncated");
      byte = bytes[at++] as number;
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    return result >>> 0;
  };
  const signed = (): number => {
    const value = unsigned();
    return (value >>> 1) ^ -(value & 1);
  };
  const text = (): string => {
    const length = unsigned();
    const value = String.fromCharCode(...bytes.subarray(at, at + length));
    at += length;
    return value;
  };

  const arcs: Float64Array[] = new Array(unsigned());
  // The hot loop (1.3 million values) reads varints inline rather than through the helpers.
  for (let a = 0; a < arcs.length; a++) {
    const points = unsigned();
    const arc = new Float64Array(points * 2);
    let x = 0;
    let y = 0;
    for (let k = 0; k < points * 2; k++) {
      let value = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = bytes[at++] as number;
        value |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte >= 0x80);
      const delta = (value >>> 1) ^ -(value & 1);
      if (k % 2 === 0) {
        x += delta;
        arc[k] = x * scaleX + translateX;
      } else {
        y += delta;
        arc[k] = y * scaleY + translateY;
      }
    }
    if (at > end) throw new Error("geometry pack is truncated");
    arcs[a] = arc;
  }
  const features: DecodedLayer["features"] = new Array(unsigned());
  for (let f = 0; f < features.length; f++) {
    const code = text();
    const province_code = text();
    const polygons: number[][][] = new Array(unsigned());
    for (let p = 0; p < polygons.length; p++) {
      const rings: number[][] = new Array(unsigned());
      for (let r = 0; r < rings.length; r++) {
        const ring: number[] = new Array(unsigned());
        for (let k = 0; k < ring.length; k++) ring[k] = signed();
        rings[r] = ring;
      }
      polygons[p] = rings;
    }
    features[f] = { code, province_code, polygons };
  }
  return { arcs, features };
}

/** Decodes a TopoJSON object's arcs (quantized or not) the same way as a pack. */
export function decodeTopology(topology: {
  arcs: number[][][];
  transform?: { scale: [number, number]; translate: [number, number] };
}): Float64Array[] {
  const [scaleX, scaleY] = topology.transform?.scale ?? [1, 1];
  const [translateX, translateY] = topology.transform?.translate ?? [0, 0];
  const quantized = topology.transform !== undefined;
  return topology.arcs.map((arc) => {
    const out = new Float64Array(arc.length * 2);
    let x = 0;
    let y = 0;
    arc.forEach((point, p) => {
      x = quantized ? x + (point[0] as number) : (point[0] as number);
      y = quantized ? y + (point[1] as number) : (point[1] as number);
      out[2 * p] = quantized ? x * scaleX + translateX : x;
      out[2 * p + 1] = quantized ? y * scaleY + translateY : y;
    });
    return out;
  });
}
