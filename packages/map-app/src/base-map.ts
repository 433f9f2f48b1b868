/**
 * The app's own base map, read without any tile server: the sea (the map's background), the land of
 * the neighbouring countries, names of the seas and countries around, and the credits of the data.
 * A tile layer stays optional (`?tiles=`), with its own attribution.
 */
import L from "leaflet";
import { type Lang, t } from "./i18n.ts";
import type { MapLabel } from "./labels-layer.ts";

export const LAND_STYLE: L.PathOptions = {
  stroke: true,
  color: "#e4dfd3",
  weight: 1,
  fillColor: "#ebe6da",
  fillOpacity: 1,
};

/** Names of the seas and neighbouring countries, placed by hand. */
const PLACES: [id: string, vi: string, en: string, lat: number, lng: number, minZoom: number][] = [
  ["china", "Trung Quốc", "China", 23.2, 101.4, 5],
  ["laos", "Lào", "Laos", 19.6, 102.6, 5],
  ["cambodia", "Campuchia", "Cambodia", 12.9, 104.6, 5],
  ["thailand", "Thái Lan", "Thailand", 15.3, 101.9, 5],
  ["east-sea", "Biển Đông", "East Sea", 14.2, 112.2, 5],
  ["tonkin", "Vịnh Bắc Bộ", "Gulf of Tonkin", 19.9, 107.3, 6],
  ["gulf-thailand", "Vịnh Thái Lan", "Gulf of Thailand", 9.7, 102.4, 6],
];

export function placeLabels(lang: Lang): MapLabel[] {
  return PLACES.map(([id, vi, en, lat, lng, minZoom]) => ({
    id,
    lat,
    lng,
    text: lang === "en" ? en : vi,
    kind: "place",
    priority: 2e9,
    minZoom,
    maxZoom: 10,
  }));
}

/** The credits of the data, as data/README.md gives them, with links. */
export function dataAttribution(lang: Lang): string {
  const a = (href: string, text: string) => `<a href="${href}" target="_blank" rel="noopener">${text}</a>`;
  return [
    t("dataCredit", lang),
    `${t("boundaryCredit", lang)}: ${a("https://sapnhap.bando.com.vn", "sapnhap.bando.com.vn")} (${a(
      "https://github.com/thanglequoc/vietnamese-provinces-database",
      "vietnamese-provinces-database",
    )}), ${a("https://gis.chinhphu.vn", "gis.chinhphu.vn")} (${a("https://github.com/daohoangson/dvhcvn", "dvhcvn")})`,
    a("https://www.naturalearthdata.com", "Natural Earth"),
  ].join("; ");
}

/** Adds the land of the neighbours under everything else; `renderer` is the communes' canvas. */
export function addLand(map: L.Map, land: GeoJSON.Feature, renderer: L.Renderer): L.GeoJSON {
  return L.geoJSON(
    land as never,
    { renderer, interactive: false, style: LAND_STYLE } as L.GeoJSONOptions,
  ).addTo(map);
}
