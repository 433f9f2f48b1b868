/**
 * Names on the map, placed without overlap: after each move the labels of the view are taken in
 * priority order (provinces, then the roomiest units first) and each is kept only where it fits its
 * unit and collides with none already kept. Labels are plain DOM text in a pane of their own (readable,
 * selectable by tests, no pointer events), so the canvas below is never redrawn for them.
 */
import L from "leaflet";

export interface MapLabel {
  /** Unique within its set; `data-code` of the element. */
  id: string;
  lat: number;
  lng: number;
  text: string;
  /** Class of the element and key of its font: see {@link FONTS}. */
  kind: LabelKind;
  /** Higher is placed first. */
  priority: number;
  /** Shown for minZoom ≤ zoom < maxZoom. */
  minZoom: number;
  maxZoom: number;
  /** Radius (m) of the circle inside the unit around the point: the label needs the room. None: always fits. */
  radius?: number;
}

export type LabelKind = "province" | "commune" | "old-province" | "old-district" | "old-commune" | "place";

/** Fonts of the kinds; style.css gives the same to `.map-label.KIND`. */
export const FONTS: Record<LabelKind, string> = {
  province: "600 13px system-ui, sans-serif",
  commune: "11px system-ui, sans-serif",
  "old-province": "italic 600 12px system-ui, sans-serif",
  "old-district": "italic 12px system-ui, sans-serif",
  "old-commune": "italic 11px system-ui, sans-serif",
  place: "italic 13px system-ui, sans-serif",
};

const LINE_HEIGHT: Record<LabelKind, number> = {
  province: 16,
  commune: 14,
  "old-province": 15,
  "old-district": 15,
  "old-commune": 14,
  place: 16,
};

export interface LabelsOptions {
  /** Boxes on top of the map (panel, legend), in client pixels: no label goes under them. */
  obstacles: () => DOMRect[];
  /** How much wider than its unit's inner circle a label may be. */
  overflow: number;
  /** Space kept around each label, in pixels. */
  margin: number;
  /** Labels placed at most. */
  max: number;
}

const DEFAULTS: LabelsOptions = {
  obstacles: () => [],
  overflow: 1.35, // a name may pass its unit's inner circle a little: units are rarely round
  margin: 3, //      pixels between two labels
  max: 600, //       more is unreadable anyway
};

const EARTH_CIRCUMFERENCE = 40_075_016.686;

export class LabelsLayer extends L.Layer {
  private readonly sets = new Map<string, MapLabel[]>();
  private sorted: MapLabel[] = [];
  private readonly settings: LabelsOptions;
  private container?: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private readonly widths = new Map<string, number>();
  private readonly context = document.createElement("canvas").getContext("2d");
  /** Ids of the labels placed by the last pass, in order: for tests and the README's figures. */
  placed: string[] = [];

  constructor(options: Partial<LabelsOptions> = {}) {
    super();
    this.settings = { ...DEFAULTS, ...options };
  }

  /** Replaces one named set of labels (base names, old units…) and places again. */
  setLabels(name: string, labels: MapLabel[]): this {
    if (labels.length === 0) this.sets.delete(name);
    else this.sets.set(name, labels);
    this.sorted = [...this.sets.values()].flat().sort((a, b) => b.priority - a.priority);
    this.place();
    return this;
  }

  override onAdd(map: L.Map): this {
    const pane = map.getPane("labels") ?? map.createPane("labels");
    this.container = L.DomUtil.create("div", "map-labels", pane);
    map.on("moveend zoomend viewreset resize", this.place, this);
    map.on("zoomstart", this.hide, this);
    this.place();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off("moveend zoomend viewreset resize", this.place, this);
    map.off("zoomstart", this.hide, this);
    this.container?.remove();
    this.container = undefined;
    return this;
  }

  private hide(): void {
    if (this.container) this.container.style.visibility = "hidden";
  }

  /** Places the labels again (after something moved over the map). */
  redraw(): this {
    this.place();
    return this;
  }

  /** The collision pass. */
  private place(): void {
    const map = this._map as L.Map | undefined;
    const container = this.container;
    if (!map || !container || !(map as unknown as { _loaded?: boolean })._loaded) return;
    const zoom = map.getZoom();
    const size = map.getSize();
    const centre = map.getCenter();
    const metresPerPixel = (EARTH_CIRCUMFERENCE * Math.cos((centre.lat * Math.PI) / 180)) / (256 * 2 ** zoom);
    const view = map.getBounds().pad(0.05);
    const grid = new Grid(64);
    const { overflow, margin, max } = this.settings;
    const origin = map.getContainer().getBoundingClientRect();
    for (const r of this.settings.obstacles())
      if (r.width > 0 && r.height > 0)
        grid.add({
          x0: r.left - origin.left,
          y0: r.top - origin.top,
          x1: r.right - origin.left,
          y1: r.bottom - origin.top,
        });
    const kept: { label: MapLabel; x: number; y: number; w: number; h: number }[] = [];
    for (const label of this.sorted) {
      if (zoom < label.minZoom || zoom >= label.maxZoom) continue;
      if (!view.contains([label.lat, label.lng])) continue;
      const w = this.width(label);
      const h = LINE_HEIGHT[label.kind];
      if (label.radius !== undefined) {
        const room = (2 * label.radius) / metresPerPixel;
        if (w > room * overflow || h > room * 1.2) continue;
      }
      const p = map.latLngToContainerPoint([label.lat, label.lng]);
      const box = {
        x0: p.x - w / 2 - margin,
        y0: p.y - h / 2 - margin,
        x1: p.x + w / 2 + margin,
        y1: p.y + h / 2 + margin,
      };
      // Whole labels only: a name cut by the edge of the map reads as another name.
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > size.x || box.y1 > size.y) continue;
      if (grid.collides(box)) continue;
      grid.add(box);
      kept.push({ label, x: p.x, y: p.y, w, h });
      if (kept.length >= max) break;
    }
    while (this.pool.length < kept.length) this.pool.push(L.DomUtil.create("div", "map-label", container));
    this.pool.forEach((element, i) => {
      const item = kept[i];
      if (!item) {
        element.hidden = true;
        return;
      }
      const { label } = item;
      element.hidden = false;
      element.className = `map-label ${label.kind}`;
      element.dataset.code = label.id;
      if (element.textContent !== label.text) element.textContent = label.text;
      const at = map.containerPointToLayerPoint([item.x - item.w / 2, item.y - item.h / 2]);
      L.DomUtil.setPosition(element, at);
    });
    this.placed = kept.map((k) => k.label.id);
    container.style.visibility = "";
  }

  private width(label: MapLabel): number {
    const key = `${label.kind}|${label.text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      if (this.context) this.context.font = FONTS[label.kind];
      width = Math.ceil(this.context?.measureText(label.text).width ?? label.text.length * 7) + 2;
      this.widths.set(key, width);
    }
    return width;
  }
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Boxes bucketed in square cells: a label is tested only against the boxes of the cells it covers. */
class Grid {
  private readonly cells = new Map<number, Box[]>();

  constructor(private readonly cell: number) {}

  collides(box: Box): boolean {
    let hit = false;
    this.visit(box, (list) => {
      if (!hit) hit = list.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1);
    });
    return hit;
  }

  add(box: Box): void {
    this.visit(box, (list) => list.push(box), true);
  }

  private visit(box: Box, f: (list: Box[]) => void, create = false): void {
    const c = this.cell;
    for (let gx = Math.floor(box.x0 / c); gx <= Math.floor(box.x1 / c); gx++)
      for (let gy = Math.floor(box.y0 / c); gy <= Math.floor(box.y1 / c); gy++) {
        const key = gx * 100_003 + gy;
        let list = this.cells.get(key);
        if (!list && create) {
          list = [];
          this.cells.set(key, list);
        }
        if (list) f(list);
      }
  }
}
