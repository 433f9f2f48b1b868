/**
 * A Leaflet canvas renderer that redraws only when it must: Leaflet's own canvas clears and redraws
 * every path on each `moveend`, which costs a whole frame budget with thousands of communes. This one
 * keeps the drawn canvas while the view stays inside its padded area at the same zoom and pixel origin
 * (a pan then only moves the pane), and redraws as Leaflet does otherwise.
 */
import L from "leaflet";

interface CanvasInternals {
  _map: L.Map & { _animatingZoom?: boolean };
  _bounds?: L.Bounds;
  _drawn?: { zoom: number; origin: L.Point };
}

const LazyCanvas = L.Canvas.extend({
  _update(this: CanvasInternals & { _reset?: boolean }) {
    const map = this._map;
    if (this._bounds && this._drawn && !map._animatingZoom) {
      const view = L.bounds(
        map.containerPointToLayerPoint([0, 0]),
        map.containerPointToLayerPoint(map.getSize()),
      );
      if (
        this._drawn.zoom === map.getZoom() &&
        this._drawn.origin.equals(map.getPixelOrigin()) &&
        this._bounds.contains(view)
      ) {
        return;
      }
    }
    (L.Canvas.prototype as unknown as { _update(): void })._update.call(this);
    this._drawn = { zoom: map.getZoom(), origin: map.getPixelOrigin() };
  },
});

/**
 * @example
 * const renderer = lazyCanvas({ padding: 0.4 });
 * L.geoJSON(communes, { renderer }).addTo(map);
 */
export function lazyCanvas(options?: L.RendererOptions): L.Canvas {
  return new (LazyCanvas as unknown as new (o?: L.RendererOptions) => L.Canvas)(options);
}
