/** The view and the selection, kept in the URL so that links can be shared and back/forward work. */
import type { Lang } from "./i18n.ts";

export type ColourMode = "province" | "predecessors" | "split";

export interface ViewState {
  lat?: number;
  lng?: number;
  zoom?: number;
  /** Code of the selected unit. */
  unit?: string;
  /** Date the selected unit is in force on (old units: 2025-06-30); default today. */
  date?: string;
  lang: Lang;
  colour: ColourMode;
  old: boolean;
}

export function readState(search: string = location.search): ViewState {
  const params = new URLSearchParams(search);
  const number = (name: string) => {
    const value = params.get(name);
    return value !== null && Number.isFinite(Number(value)) ? Number(value) : undefined;
  };
  const colour = params.get("color");
  return {
    lat: number("lat"),
    lng: number("lng"),
    zoom: number("z"),
    unit: params.get("unit") ?? undefined,
    date: params.get("date") ?? undefined,
    lang: params.get("lang") === "en" ? "en" : "vi",
    colour: colour === "predecessors" || colour === "split" ? colour : "province",
    old: params.get("old") === "1",
  };
}

export function writeState(state: ViewState, mode: "push" | "replace"): void {
  const params = new URLSearchParams();
  if (state.unit) params.set("unit", state.unit);
  if (state.unit && state.date) params.set("date", state.date);
  if (state.zoom !== undefined && state.lat !== undefined && state.lng !== undefined) {
    params.set("z", String(state.zoom));
    params.set("lat", state.lat.toFixed(5));
    params.set("lng", state.lng.toFixed(5));
  }
  if (state.lang !== "vi") params.set("lang", state.lang);
  if (state.colour !== "province") params.set("color", state.colour);
  if (state.old) params.set("old", "1");
  const url = `${location.pathname}?${params}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (mode === "push") history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}
