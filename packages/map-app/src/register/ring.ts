/** Point in polygon for drawn selections (no Leaflet, so it runs anywhere). */

/**
 * Whether a point lies inside a ring of corners (even-odd rule; the ring need not be closed).
 *
 * @example
 * inRing(5, 5, [{ lat: 0, lng: 0 }, { lat: 0, lng: 10 }, { lat: 10, lng: 10 }]); // true
 */
export function inRing(lng: number, lat: number, ring: readonly { lat: number; lng: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as { lat: number; lng: number };
    const b = ring[j] as { lat: number; lng: number };
    if (a.lat > lat !== b.lat > lat && lng < ((b.lng - a.lng) * (lat - a.lat)) / (b.lat - a.lat) + a.lng)
      inside = !inside;
  }
  return inside;
}
