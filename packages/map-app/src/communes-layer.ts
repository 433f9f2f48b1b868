/**
 * The 3,321 communes on a canvas, one group of layers per province: the overview geometry first, each
 * province's detailed geometry once the view zooms in on it.
 *
 * Fills are drawn without a stroke and the borders on top of them as lines cut once from the shared
 * arcs of the topology (between communes, between provinces, the country's outline), so that the
 * anti-aliased edges of two neighbouring fills are always under a line, and a province border is the
 * same line whichever side of it is detailed.
 */
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { Feature, MultiLineString, MultiPolygon, Polygon } from "geojson";
import L from "leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, GeometryObject, Objects, Topology } from "topojson-specification";

/** `area_km2` is measured on the detailed geometry (scripts/prepare-data.ts), whichever is drawn. */
export type CommuneFeature = Feature<
  Polygon | MultiPolygon,
  { code: string; province_code: string; area_km2?: number }
>;

/** Kinds of border line, from the finest to the strongest. */
export type BorderKind = "interior" | "province" | "country";

type LineFeature = Feature<MultiLineString, { kind: BorderKind }>;

export interface CommuneLayerOptions {
  renderer: L.Renderer;
  /** Fill colour of a commune in the current colour mode. */
  fill: (code: string, provinceCode: string) => string;
  /** Opacity of the fills: 1 on the app's own base map, less over tiles. */
  fillOpacity: number;
  onSelect: (code: string) => void;
  /** The name shown in the tooltip under the pointer. */
  nameOf: (code: string) => string;
  /** URL of a province's detailed TopoJSON. */
  detailUrl: (provinceCode: string) => string;
  /** Zoom from which detailed geometry is fetched. */
  detailZoom: number;
}

export function featuresOf(topology: Topology, object: string): CommuneFeature[] {
  const collection = feature(
    topology as Topology<Objects<object>>,
    topology.objects[object] as GeometryCollection,
  ) as unknown as {
    features: CommuneFeature[];
  };
  return collection.features;
}

/** Line styles by kind and zoom: interior borders thin out as the view zooms out. */
export function borderStyle(kind: BorderKind, zoom: number): L.PathOptions {
  if (kind === "country") return { color: "#34506b", weight: zoom < 8 ? 1.2 : 1.8, opacity: 1 };
  if (kind === "province") return { color: "#505050", weight: zoom < 8 ? 0.9 : 1.4, opacity: 1 };
  return { color: "#ffffff", weight: zoom < 8 ? 0.3 : zoom < 11 ? 0.6 : 1, opacity: zoom < 8 ? 0.6 : 0.95 };
}

interface Province {
  fills: L.GeoJSON;
  lines: L.GeoJSON;
  /** The overview's lines between communes, added once the view zooms in to {@link INTERIOR_ZOOM}. */
  interior?: () => LineFeature[];
  bounds: L.LatLngBounds;
}

/**
 * Zoom from which the lines between communes are drawn: below it they are a blur of hairlines, and
 * leaving them out halves what the first view projects and draws.
 */
export const INTERIOR_ZOOM = 7;

export class CommunesLayer {
  readonly group = L.featureGroup();
  private readonly provinces = new Map<string, Province>();
  private readonly detailed = new Set<string>();
  private selected = new Set<string>();
  private zoom = 6;
  private readonly tooltip = L.tooltip({
    sticky: true,
    direction: "top",
    offset: [0, -8],
    className: "name-tip",
  });

  constructor(
    overview: Topology,
    private readonly options: CommuneLayerOptions,
  ) {
    const byProvince = new Map<string, CommuneFeature[]>();
    for (const f of featuresOf(overview, "communes")) {
      const list = byProvince.get(f.properties.province_code);
      if (list) list.push(f);
      else byProvince.set(f.properties.province_code, [f]);
    }
    const lines = linesByProvince(overview);
    const fillLayers: L.GeoJSON[] = [];
    const lineLayers: L.GeoJSON[] = [];
    for (const [code, features] of byProvince) {
      const own = lines.get(code);
      const province: Province = {
        fills: this.makeFills(features),
        lines: this.makeLines(own?.outer ?? []),
        interior: own?.interior,
        bounds: L.latLngBounds([]),
      };
      province.bounds = province.fills.getBounds();
      this.provinces.set(code, province);
      fillLayers.push(province.fills);
      lineLayers.push(province.lines);
    }
    // Every fill first, then every line: the canvas draws in the order layers were added.
    for (const layer of [...fillLayers, ...lineLayers]) this.group.addLayer(layer);
    this.group.on("mousemove", (event: L.LeafletMouseEvent) => {
      const code = codeOf(event.propagatedFrom ?? event.sourceTarget);
      if (!code) return;
      this.tooltip.setContent(this.options.nameOf(code)).setLatLng(event.latlng);
      const map = (this.group as unknown as { _map?: L.Map })._map;
      if (map && !map.hasLayer(this.tooltip)) this.tooltip.addTo(map);
    });
    this.group.on("mouseout", () => this.tooltip.remove());
  }

  /** Bounds of the given communes, from the geometry on the map. */
  boundsOf(codes: string[]): L.LatLngBounds | undefined {
    let result: L.LatLngBounds | undefined;
    const wanted = new Set(codes);
    this.eachPath((code, path) => {
      if (!wanted.has(code)) return;
      const b = (path as L.Polygon).getBounds();
      result = result ? result.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    });
    return result;
  }

  /** The feature of a commune as drawn now (overview or detailed). */
  featureOf(code: string): CommuneFeature | undefined {
    let found: CommuneFeature | undefined;
    this.eachPath((c, path) => {
      if (c === code) found = (path as L.GeoJSON).feature as unknown as CommuneFeature;
    });
    return found;
  }

  /** The commune whose drawn geometry holds a point (a point typed rather than clicked), if any. */
  communeAt(lng: number, lat: number): string | undefined {
    const at = L.latLng(lat, lng);
    for (const { fills, bounds } of this.provinces.values()) {
      if (!bounds.contains(at)) continue;
      for (const path of fills.getLayers() as L.Polygon[]) {
        const f = (path as unknown as L.GeoJSON).feature as unknown as CommuneFeature;
        if (path.getBounds().contains(at) && booleanPointInPolygon([lng, lat], f)) return f.properties.code;
      }
    }
    return undefined;
  }

  highlight(codes: string[]): void {
    this.selected = new Set(codes);
    this.restyle();
    this.raise();
  }

  restyle(): void {
    for (const { fills } of this.provinces.values()) fills.setStyle((f) => this.style(f as CommuneFeature));
  }

  /** Restyles the border lines for a zoom level. */
  setZoom(zoom: number): void {
    const before = this.zoom;
    this.zoom = zoom;
    if (zoom >= INTERIOR_ZOOM) {
      let added = false;
      for (const province of this.provinces.values()) {
        if (!province.interior) continue;
        province.lines.addData({ type: "FeatureCollection", features: province.interior() } as never);
        province.interior = undefined;
        added = true;
      }
      if (added) {
        this.raise();
        this.group.fire("refined");
      }
    }
    const band = (z: number) => (z < 8 ? 0 : z < 11 ? 1 : 2);
    if (band(before) === band(zoom)) return;
    for (const { lines } of this.provinces.values()) lines.setStyle((f) => this.lineStyle(f as LineFeature));
  }

  /** Fetches the detailed geometry of provinces in view once the map is zoomed in far enough. */
  async refine(map: L.Map): Promise<void> {
    if (map.getZoom() < this.options.detailZoom) return;
    const view = map.getBounds();
    const wanted = [...this.provinces]
      .filter(([code, p]) => p.bounds.intersects(view) && !this.detailed.has(code))
      .map(([code]) => code);
    await Promise.all(
      wanted.map(async (code) => {
        this.detailed.add(code);
        const response = await fetch(this.options.detailUrl(code));
        if (!response.ok) {
          this.detailed.delete(code);
          return;
        }
        const topology = (await response.json()) as Topology;
        const province = this.provinces.get(code);
        if (!province) return;
        province.fills.clearLayers();
        province.fills.addData({
          type: "FeatureCollection",
          features: featuresOf(topology, "communes"),
        } as never);
        province.lines.clearLayers();
        province.interior = undefined;
        province.lines.addData({
          type: "FeatureCollection",
          features: featuresOf(topology, "lines"),
        } as never);
      }),
    );
    if (wanted.length > 0) {
      this.raise();
      this.group.fire("refined");
    }
  }

  /** Puts the lines back over the fills (new paths are drawn last), and the selection over both. */
  private raise(): void {
    for (const { lines } of this.provinces.values()) lines.bringToFront();
    this.eachPath((code, path) => {
      if (this.selected.has(code)) (path as L.Path).bringToFront();
    });
  }

  private makeFills(features: CommuneFeature[]): L.GeoJSON {
    return L.geoJSON(
      { type: "FeatureCollection", features } as never,
      {
        renderer: this.options.renderer,
        style: (f) => this.style(f as CommuneFeature),
        onEachFeature: (f, path) => {
          path.on("click", () => this.options.onSelect((f as CommuneFeature).properties.code));
        },
      } as L.GeoJSONOptions,
    );
  }

  private makeLines(features: LineFeature[]): L.GeoJSON {
    return L.geoJSON(
      { type: "FeatureCollection", features } as never,
      {
        renderer: this.options.renderer,
        interactive: false,
        style: (f) => this.lineStyle(f as LineFeature),
      } as L.GeoJSONOptions,
    );
  }

  private lineStyle(f: LineFeature): L.PathOptions {
    return { ...borderStyle(f.properties.kind, this.zoom), fill: false, lineJoin: "round" };
  }

  private style(f: CommuneFeature): L.PathOptions {
    const selected = this.selected.has(f.properties.code);
    return {
      stroke: selected,
      color: "#111",
      weight: 3,
      fillColor: this.options.fill(f.properties.code, f.properties.province_code),
      fillOpacity: selected ? Math.min(1, this.options.fillOpacity + 0.25) : this.options.fillOpacity,
    };
  }

  private eachPath(visit: (code: string, path: L.Layer) => void): void {
    for (const { fills } of this.provinces.values()) {
      fills.eachLayer((path) =>
        visit(((path as L.GeoJSON).feature as unknown as CommuneFeature).properties.code, path),
      );
    }
  }
}

function codeOf(layer: unknown): string | undefined {
  return ((layer as L.GeoJSON | undefined)?.feature as CommuneFeature | undefined)?.properties?.code;
}

/**
 * The overview's border lines by province (prepared with the overview from its own arcs): the
 * province and country lines as features, the interior ones still as TopoJSON, converted when first drawn.
 */
function linesByProvince(
  topology: Topology,
): Map<string, { outer: LineFeature[]; interior: () => LineFeature[] }> {
  type LineGeometry = GeometryObject<{ province_code: string; kind: BorderKind }>;
  const collection = topology.objects.lines as GeometryCollection<{
    province_code: string;
    kind: BorderKind;
  }>;
  const byProvince = new Map<string, { outer: LineGeometry[]; interior: LineGeometry[] }>();
  for (const g of collection.geometries) {
    const properties = g.properties as { province_code: string; kind: BorderKind };
    const code = properties.province_code;
    let entry = byProvince.get(code);
    if (!entry) {
      entry = { outer: [], interior: [] };
      byProvince.set(code, entry);
    }
    (properties.kind === "interior" ? entry.interior : entry.outer).push(g);
  }
  const features = (geometries: LineGeometry[]) =>
    (
      feature(topology as Topology<Objects<object>>, {
        type: "GeometryCollection",
        geometries,
      }) as unknown as {
        features: LineFeature[];
      }
    ).features;
  return new Map(
    [...byProvince].map(([code, { outer, interior }]) => [
      code,
      { outer: features(outer), interior: () => features(interior) },
    ]),
  );
}
