// Declarations for the two build-time libraries that ship no types, for what the scripts use.

declare module "lineclip" {
  /** Clips a polygon ring to a bounding box [minX, minY, maxX, maxY] (Sutherland–Hodgman). */
  export function clipPolygon(points: number[][], bbox: number[]): number[][];
}

declare module "polylabel" {
  /** The pole of inaccessibility of a polygon (rings of [x, y]), within `precision`. */
  export default function polylabel(
    polygon: number[][][],
    precision?: number,
  ): number[] & { distance: number };
}
