/**
 * Drawing a rectangle (drag) or a polygon (click the corners, double-click or Enter to close) on the
 * map to select facilities. While drawing, the map does not pan on drag and clicks do not open units.
 */
import L from "leaflet";

export type Shape = { kind: "rectangle"; bounds: L.LatLngBounds } | { kind: "polygon"; ring: L.LatLng[] };

export class Selector {
  private mode: "rectangle" | "polygon" | undefined;
  private shape?: L.Rectangle | L.Polygon;
  private guide?: L.Polyline;
  private start?: L.LatLng;
  private corners: L.LatLng[] = [];
  private finish?: (shape: Shape | undefined) => void;
  /** When the last drawing ended: the click that ends a drag must not select a unit. */
  lastEnded = 0;

  constructor(
    private readonly map: L.Map,
    private readonly renderer: L.Renderer,
  ) {}

  /** Drawing now, or just finished (the click that ends a drawing belongs to it). */
  get drawing(): boolean {
    return this.mode !== undefined || performance.now() - this.lastEnded < 400;
  }

  /** Draws one shape; resolves with it, or undefined when cancelled. */
  draw(kind: "rectangle" | "polygon"): Promise<Shape | undefined> {
    this.cancel();
    this.clear();
    this.mode = kind;
    this.corners = [];
    this.map.dragging.disable();
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add("drawing");
    const container = this.map.getContainer();
    if (kind === "rectangle") {
      container.addEventListener("mousedown", this.down, true);
    } else {
      this.map.on("click", this.addCorner);
      this.map.on("dblclick", this.close);
    }
    this.map.on("mousemove", this.move);
    document.addEventListener("keydown", this.key);
    return new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  /** Removes the drawn shape. */
  clear(): void {
    this.shape?.remove();
    this.shape = undefined;
  }

  cancel(): void {
    this.end(undefined);
  }

  private readonly down = (event: MouseEvent) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest(".leaflet-control")) return;
    event.stopPropagation();
    this.start = this.map.mouseEventToLatLng(event);
    const up = (e: MouseEvent) => {
      document.removeEventListener("mouseup", up, true);
      if (!this.start) return;
      const end = this.map.mouseEventToLatLng(e);
      const bounds = L.latLngBounds(this.start, end);
      this.start = undefined;
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) return;
      this.end({ kind: "rectangle", bounds });
    };
    document.addEventListener("mouseup", up, true);
  };

  private readonly move = (event: L.LeafletMouseEvent) => {
    if (this.mode === "rectangle" && this.start) {
      const bounds = L.latLngBounds(this.start, event.latlng);
      if (this.shape) (this.shape as L.Rectangle).setBounds(bounds);
      else this.shape = L.rectangle(bounds, this.style()).addTo(this.map);
    } else if (this.mode === "polygon" && this.corners.length > 0) {
      const line = [...this.corners, event.latlng];
      if (this.guide) this.guide.setLatLngs(line);
      else this.guide = L.polyline(line, { ...this.style(), dashArray: "4 4" }).addTo(this.map);
    }
  };

  private readonly addCorner = (event: L.LeafletMouseEvent) => {
    const last = this.corners[this.corners.length - 1];
    if (last && this.map.latLngToContainerPoint(last).distanceTo(event.containerPoint) < 4) return;
    this.corners.push(event.latlng);
    if (this.shape) (this.shape as L.Polygon).setLatLngs(this.corners);
    else this.shape = L.polygon(this.corners, this.style()).addTo(this.map);
  };

  private readonly close = () => {
    if (this.corners.length >= 3) this.end({ kind: "polygon", ring: [...this.corners] });
  };

  private readonly key = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      this.clear();
      this.end(undefined);
    } else if (event.key === "Enter" && this.mode === "polygon") this.close();
  };

  private end(shape: Shape | undefined): void {
    if (!this.mode) return;
    const container = this.map.getContainer();
    container.removeEventListener("mousedown", this.down, true);
    this.map.off("click", this.addCorner);
    this.map.off("dblclick", this.close);
    this.map.off("mousemove", this.move);
    document.removeEventListener("keydown", this.key);
    this.map.dragging.enable();
    this.map.doubleClickZoom.enable();
    container.classList.remove("drawing");
    this.guide?.remove();
    this.guide = undefined;
    this.mode = undefined;
    this.lastEnded = performance.now();
    if (!shape) this.clear();
    const finish = this.finish;
    this.finish = undefined;
    finish?.(shape);
  }

  private style(): L.PolylineOptions {
    return { renderer: this.renderer, color: "#1565c0", weight: 2, fillOpacity: 0.08, interactive: false };
  }
}
