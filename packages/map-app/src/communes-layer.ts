/**
 * The 3,321 communes on a canvas, one Leaflet layer group per province: the overview geometry
 * first, each province's detailed geometry once the view zooms in on it.
 */
import type { Feature, MultiPolygon, Polygon } from "geojson";
import L from "leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, Objects, Topology } from "topojson-specification";

export type CommuneFeature = Feature<Polygon | MultiPolygon, { code: string; province_code: string }>;

export interface CommuneLayerOptions {
  renderer: L.Renderer;
  /** Fill colour of a commune in the current colour mode. */
  fill: (code: string, provinceCode: string) => string;
  onSelect: (code: string) => void;
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

export class CommunesLayer {
  readonly group = L.featureGroup();
  private readonly provinces = new Map<string, L.GeoJSON>();
  private readonly detailed = new Set<string>();
  private readonly bounds = new Map<string, L.LatLngBounds>();
  private selected = new Set<string>();

  constructor(
    overview: CommuneFeature[],
    private readonly options: CommuneLayerOptions,
  ) {
    const byProvince = new Map<string, CommuneFeature[]>();
    for (const f of overview)
      byProvince.set(f.properties.province_code, [...(byProvince.get(f.properties.province_code) ?? []), f]);
    for (const [code, features] of byProvince) {
      const layer = this.makeLayer(features);
      this.provinces.set(code, layer);
      this.bounds.set(code, layer.getBounds());
      this.group.addLayer(layer);
    }
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

  highlight(codes: string[]): void {
    this.selected = new Set(codes);
    this.restyle();
    this.eachPath((code, path) => {
      if (this.selected.has(code)) (path as L.Path).bringToFront();
    });
  }

  restyle(): void {
    for (const layer of this.provinces.values()) layer.setStyle((f) => this.style(f as CommuneFeature));
  }

  /** Fetches the detailed geometry of provinces in view once the map is zoomed in far enough. */
  async refine(map: L.Map): Promise<void> {
    if (map.getZoom() < this.options.detailZoom) return;
    const view = map.getBounds();
    const wanted = [...this.bounds]
      .filter(([code, b]) => b.intersects(view) && !this.detailed.has(code))
      .map(([code]) => code);
    await Promise.all(
      wanted.map(async (code) => {
        this.detailed.add(code);
        const response = await fetch(this.options.detailUrl(code));
        if (!response.ok) return;
        const topology = (await response.json()) as Topology;
        const layer = this.provinces.get(code);
        if (!layer) return;
        layer.clearLayers();
        layer.addData({ type: "FeatureCollection", features: featuresOf(topology, "communes") } as never);
        layer.setStyle((f) => this.style(f as CommuneFeature));
      }),
    );
  }

  private makeLayer(features: CommuneFeature[]): L.GeoJSON {
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

  private style(f: CommuneFeature): L.PathOptions {
    const selected = this.selected.has(f.properties.code);
    return {
      color: selected ? "#111" : "#ffffff",
      weight: selected ? 3 : 0.5,
      fillColor: this.options.fill(f.properties.code, f.properties.province_code),
      fillOpacity: selected ? 0.85 : 0.6,
    };
  }

  private eachPath(visit: (code: string, path: L.Layer) => void): void {
    for (const layer of this.provinces.values()) {
      layer.eachLayer((path) =>
        visit(((path as L.GeoJSON).feature as unknown as CommuneFeature).properties.code, path),
      );
    }
  }
}
