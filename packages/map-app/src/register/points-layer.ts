/**
 * The facilities as clustered points on one canvas. A worker clusters them (supercluster); each
 * cluster is drawn as a ring split by the share of each stage or category, each single facility as a
 * dot (dark rim when overdue). The canvas is redrawn only when the view leaves the padded area already
 * drawn, so panning costs a CSS transform; clicks are caught before the layers below and hit-tested
 * against what was drawn.
 */
import L from "leaflet";
import type { ClusterClient } from "./cluster-client.ts";
import { CLASS_WIDTH, type ClusterReply, type ColumnsReply, STAGE_CLASSES } from "./cluster-protocol.ts";
import { CATEGORY_PALETTE, STAGE_PALETTE } from "./palette.ts";

export type ColourBy = "stage" | "category";

interface Drawn {
  x: number;
  y: number;
  r: number;
  /** Facility id, or -1 for a cluster. */
  id: number;
  cluster: number;
}

export interface FacilityLayerOptions {
  clusters: ClusterClient;
  onOpen: (id: number) => void;
  /** Whether clicks should reach the facilities now (not while drawing or placing). */
  active: () => boolean;
}

/** The ring around the open facility, and around each selected one. */
const FOCUS_COLOUR = "#d81b60";
const SELECTION_COLOUR = "#1565c0";

function ring(ctx: CanvasRenderingContext2D, p: L.Point, colour: string): void {
  ctx.beginPath();
  ctx.arc(p.x, p.y, 9, 0, 2 * Math.PI);
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** Padding drawn around the view, as a share of its size, so short pans need no redraw. */
const PADDING = 0.25;

export class FacilityLayer extends L.Layer {
  private canvas = document.createElement("canvas");
  private columns?: ColumnsReply;
  private drawn: Drawn[] = [];
  private bounds?: L.Bounds;
  private drawnZoom = -1;
  private drawnOrigin?: L.Point;
  private drawnCenter?: L.LatLng;
  private colourBy: ColourBy = "stage";
  private selected = new Set<number>();
  private focused: number | undefined;
  private last?: { reply: ClusterReply; min: L.Point; max: L.Point };
  private readonly captureClick = (event: MouseEvent) => this.onClick(event);
  private readonly hover = (event: MouseEvent) => this.onHover(event);

  constructor(private readonly opts: FacilityLayerOptions) {
    super();
  }

  /** Shows newly loaded points (a new filter); resolves once they are drawn. */
  async setColumns(columns: ColumnsReply, colourBy: ColourBy): Promise<void> {
    this.columns = columns;
    this.colourBy = colourBy;
    await this.redraw(true);
  }

  setColour(colourBy: ColourBy): void {
    if (colourBy === this.colourBy) return;
    this.colourBy = colourBy;
    this.repaint();
  }

  setSelected(ids: Iterable<number>): void {
    this.selected = new Set(ids);
    this.repaint();
  }

  setFocused(id: number | undefined): void {
    if (id === this.focused) return;
    this.focused = id;
    this.repaint();
  }

  /** Counts per stage and per category over every loaded point. */
  counts(): { stage: number[]; category: number[]; overdue: number; total: number; withoutPoint: number } {
    const stage = new Array(STAGE_PALETTE.length).fill(0);
    const category = new Array(CATEGORY_PALETTE.length).fill(0);
    let overdue = 0;
    const c = this.columns;
    const n = c?.id.length ?? 0;
    for (let i = 0; i < n; i++) {
      stage[c?.stage[i] as number]++;
      category[c?.category[i] as number]++;
      overdue += c?.overdue[i] as number;
    }
    return { stage, category, overdue, total: n, withoutPoint: c?.withoutPoint ?? 0 };
  }

  /** Ids of the loaded points for which `inside(lng, lat)` holds. */
  idsWhere(inside: (lng: number, lat: number) => boolean): number[] {
    const c = this.columns;
    if (!c) return [];
    const ids: number[] = [];
    for (let i = 0; i < c.id.length; i++)
      if (inside(c.lng[i] as number, c.lat[i] as number)) ids.push(c.id[i] as number);
    return ids;
  }

  /** The point of a facility, when loaded. */
  pointOf(id: number): L.LatLng | undefined {
    const c = this.columns;
    const i = c ? c.id.indexOf(id) : -1;
    return c && i >= 0 ? L.latLng(c.lat[i] as number, c.lng[i] as number) : undefined;
  }

  override onAdd(map: L.Map): this {
    const pane = map.getPane("facilities") ?? map.createPane("facilities");
    pane.style.zIndex = "450";
    pane.style.pointerEvents = "none";
    this.canvas.className = "facility-canvas leaflet-zoom-animated";
    pane.appendChild(this.canvas);
    map.getContainer().addEventListener("click", this.captureClick, true);
    map.getContainer().addEventListener("mousemove", this.hover);
    void this.redraw(true);
    return this;
  }

  override onRemove(map: L.Map): this {
    this.canvas.remove();
    map.getContainer().removeEventListener("click", this.captureClick, true);
    map.getContainer().removeEventListener("mousemove", this.hover);
    return this;
  }

  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      moveend: () => void this.redraw(false),
      zoomanim: (e) => this.animateZoom(e as L.ZoomAnimEvent),
      viewreset: () => void this.redraw(true),
      resize: () => void this.redraw(true),
    };
  }

  /** Asks the worker for the clusters of the padded view when forced or when the view left the drawn area. */
  async redraw(force: boolean): Promise<void> {
    const map = this._map;
    if (!map || !(map as unknown as { _loaded?: boolean })._loaded || !this.columns) return;
    const zoom = map.getZoom();
    const size = map.getSize();
    const origin = map.getPixelOrigin();
    const view = L.bounds(map.containerPointToLayerPoint([0, 0]), map.containerPointToLayerPoint(size));
    if (!force && zoom === this.drawnZoom && this.drawnOrigin?.equals(origin) && this.bounds?.contains(view))
      return;
    const min = map.containerPointToLayerPoint(size.multiplyBy(-PADDING)).round();
    const max = min.add(size.multiplyBy(1 + 2 * PADDING)).round();
    this.bounds = L.bounds(min, max);
    this.drawnZoom = zoom;
    this.drawnOrigin = origin;
    this.drawnCenter = map.getCenter();
    const sw = map.layerPointToLatLng(L.point(min.x, max.y));
    const ne = map.layerPointToLatLng(L.point(max.x, min.y));
    let reply: ClusterReply;
    try {
      reply = await this.opts.clusters.clusters(
        [Math.max(-180, sw.lng), Math.max(-85, sw.lat), Math.min(180, ne.lng), Math.min(85, ne.lat)],
        Math.floor(zoom),
      );
    } catch {
      return; // superseded by a newer load
    }
    // A later redraw was asked for meanwhile: its answer will be drawn.
    if (this.drawnZoom !== zoom || !this.drawnOrigin.equals(origin) || !this.bounds.min?.equals(min)) return;
    this.last = { reply, min, max };
    this.paint();
  }

  /** Paints the last answer again (colour, selection or focus changed). */
  private repaint(): void {
    if (this.last) this.paint();
  }

  private paint(): void {
    const map = this._map;
    const last = this.last;
    if (!map || !last) return;
    const { reply, min, max } = last;
    const ratio = window.devicePixelRatio || 1;
    const width = max.x - min.x;
    const height = max.y - min.y;
    L.DomUtil.setPosition(this.canvas, min);
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, -min.x * ratio, -min.y * ratio);
    this.drawn = [];
    const byStage = this.colourBy === "stage";
    const palette = byStage ? STAGE_PALETTE : CATEGORY_PALETTE;
    const offset = byStage ? 0 : STAGE_CLASSES;
    const columns = this.columns;
    const classOf = byStage ? columns?.stage : columns?.category;
    const singles: number[] = [];
    ctx.font = "bold 11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (let j = 0; j < reply.count.length; j++) {
      const count = reply.count[j] as number;
      if (count === 1) {
        singles.push(j);
        continue;
      }
      const p = map.latLngToLayerPoint([reply.lat[j] as number, reply.lng[j] as number]);
      const r = Math.min(24, 10 + 3.5 * Math.log10(count));
      let start = -Math.PI / 2;
      for (let k = 0; k < palette.length; k++) {
        const n = reply.classes[j * CLASS_WIDTH + offset + k] as number;
        if (n === 0) continue;
        const end = start + (2 * Math.PI * n) / count;
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        ctx.arc(p.x, p.y, r, start, end);
        ctx.closePath();
        ctx.fillStyle = palette[k] as string;
        ctx.fill();
        start = end;
      }
      ctx.beginPath();
      ctx.arc(p.x, p.y, r * 0.62, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(255,255,255,0.95)";
      ctx.fill();
      ctx.fillStyle = "#222";
      ctx.fillText(
        count >= 10_000
          ? `${Math.round(count / 1000)}k`
          : count >= 1000
            ? `${(count / 1000).toFixed(1)}k`
            : String(count),
        p.x,
        p.y,
      );
      this.drawn.push({ x: p.x, y: p.y, r, id: -1, cluster: reply.ref[j] as number });
    }
    // Single facilities above the clusters; the selected and the open one ringed.
    for (const j of singles) {
      const i = reply.ref[j] as number;
      const id = columns?.id[i] as number;
      const p = map.latLngToLayerPoint([reply.lat[j] as number, reply.lng[j] as number]);
      ctx.beginPath();
      ctx.arc(p.x, p.y, 6, 0, 2 * Math.PI);
      ctx.fillStyle = palette[classOf?.[i] as number] as string;
      ctx.fill();
      const overdue = columns?.overdue[i] === 1;
      ctx.lineWidth = overdue ? 2.4 : 1.8;
      ctx.strokeStyle = overdue ? "#000" : "#fff";
      ctx.stroke();
      // A thin dark edge keeps a dot apart from a commune filled with a colour near its own.
      ctx.beginPath();
      ctx.arc(p.x, p.y, 7.4, 0, 2 * Math.PI);
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = "rgba(0,0,0,0.55)";
      ctx.stroke();
      if (this.selected.has(id) || this.focused === id)
        ring(ctx, p, this.focused === id ? FOCUS_COLOUR : SELECTION_COLOUR);
      this.drawn.push({ x: p.x, y: p.y, r: 6, id, cluster: -1 });
    }
    this.paintFocusInCluster(
      ctx,
      singles.map((j) => columns?.id[reply.ref[j] as number] as number),
    );
  }

  /**
   * The open facility, when a cluster holds it, as a ringed pin at its own point above the cluster:
   * otherwise the panel would describe a facility the map does not show.
   */
  private paintFocusInCluster(ctx: CanvasRenderingContext2D, drawnIds: number[]): void {
    const map = this._map;
    if (!map || this.focused === undefined || drawnIds.includes(this.focused)) return;
    const point = this.pointOf(this.focused);
    if (!point) return;
    const p = map.latLngToLayerPoint(point);
    ctx.beginPath();
    ctx.arc(p.x, p.y, 5, 0, 2 * Math.PI);
    ctx.fillStyle = FOCUS_COLOUR;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#fff";
    ctx.stroke();
    ring(ctx, p, FOCUS_COLOUR);
  }

  private animateZoom(e: L.ZoomAnimEvent): void {
    const map = this._map as L.Map & { _getNewPixelOrigin(c: L.LatLng, z: number): L.Point };
    if (!this.drawnCenter || this.drawnZoom < 0) return;
    const scale = map.getZoomScale(e.zoom, this.drawnZoom);
    const viewHalf = map.getSize().multiplyBy(0.5 + PADDING);
    const currentCenterPoint = map.project(this.drawnCenter, e.zoom);
    const topLeft = viewHalf
      .multiplyBy(-scale)
      .add(currentCenterPoint)
      .subtract(map._getNewPixelOrigin(e.center, e.zoom));
    L.DomUtil.setTransform(this.canvas, topLeft, scale);
  }

  /** The drawn item under a mouse event: a single facility before a cluster, the nearest first. */
  private hit(event: MouseEvent): Drawn | undefined {
    const map = this._map;
    if (!map || this.drawn.length === 0) return undefined;
    const p = map.mouseEventToLayerPoint(event);
    let best: Drawn | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const d of this.drawn) {
      const distance = Math.hypot(d.x - p.x, d.y - p.y);
      if (distance > d.r + 3) continue;
      const score = d.id >= 0 ? distance - 100 : distance;
      if (score < bestScore) {
        best = d;
        bestScore = score;
      }
    }
    return best;
  }

  private onClick(event: MouseEvent): void {
    const map = this._map;
    if (!map || !this.opts.active() || (map.dragging as L.Handler & { moved(): boolean })?.moved()) return;
    if ((event.target as HTMLElement).closest(".leaflet-control")) return;
    const hit = this.hit(event);
    if (!hit) return;
    event.stopPropagation();
    event.preventDefault();
    if (hit.id >= 0) {
      this.opts.onOpen(hit.id);
      return;
    }
    const centre = map.layerPointToLatLng(L.point(hit.x, hit.y));
    void this.opts.clusters.expansionZoom(hit.cluster).then(
      (zoom) => map.setView(centre, Math.max(Math.min(zoom, 17), map.getZoom() + 1)),
      () => undefined,
    );
  }

  private onHover(event: MouseEvent): void {
    if (!this._map || !this.opts.active()) return;
    this._map.getContainer().classList.toggle("over-facility", this.hit(event) !== undefined);
  }
}
