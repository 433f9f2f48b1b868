/** The view and the selection, kept in the URL so that links can be shared and back/forward work. */
import type { Lang } from "./i18n.ts";

export type ColourMode = "province" | "predecessors" | "split";

/** How the facilities are coloured. */
export type FacilityColour = "stage" | "category";

/** The register's filters; the same keys in the page's URL and in the API's query string. */
export interface FacilityFilters {
  province?: string;
  commune?: string;
  stage: string[];
  option: string[];
  category: string[];
  flag: string[];
  overdue: boolean;
  q?: string;
}

export const NO_FILTERS: FacilityFilters = { stage: [], option: [], category: [], flag: [], overdue: false };

/** The facilities list's orders (the server's `sort`). */
export const LIST_SORTS = ["id", "deadline", "updated"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

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
  /** Id of the open facility. */
  facility?: number;
  filters: FacilityFilters;
  fcolour: FacilityColour;
  /** The facilities are drawn on the map (`facilities=0` hides them, to read the boundaries alone). */
  facilities: boolean;
  /** The order of the facilities list (`sort`; by id when absent). */
  sort: ListSort;
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
    facility: number("facility"),
    filters: {
      province: code(params.get("province"), 2),
      commune: code(params.get("commune"), 5),
      stage: listOf(params.get("stage")),
      option: listOf(params.get("option")),
      category: listOf(params.get("category")),
      flag: listOf(params.get("flag")),
      overdue: params.get("overdue") === "1",
      q: params.get("q") || undefined,
    },
    fcolour: params.get("fcolor") === "category" ? "category" : "stage",
    facilities: params.get("facilities") !== "0",
    sort: LIST_SORTS.find((sort) => sort === params.get("sort")) ?? "id",
  };
}

/** The timer of a replaced URL waiting to be written. */
let pending: ReturnType<typeof setTimeout> | undefined;
/**
 * How long a replaced URL waits for the next one: the map replaces it on every move, and each
 * history.replaceState costs the browser a navigation update (a frame's budget while panning; Safari
 * refuses more than 100 in 30 s).
 */
const REPLACE_DELAY_MS = 300;

export function writeState(state: ViewState, mode: "push" | "replace"): void {
  const url = urlOf(state);
  clearTimeout(pending);
  pending = undefined;
  if (url === `${location.pathname}${location.search}`) return;
  if (mode === "push") {
    history.pushState(null, "", url);
    return;
  }
  pending = setTimeout(() => {
    pending = undefined;
    history.replaceState(null, "", url);
  }, REPLACE_DELAY_MS);
}

function urlOf(state: ViewState): string {
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
  if (state.facility !== undefined) params.set("facility", String(state.facility));
  setFilterParams(params, state.filters);
  if (state.fcolour !== "stage") params.set("fcolor", state.fcolour);
  if (!state.facilities) params.set("facilities", "0");
  if (state.sort !== "id") params.set("sort", state.sort);
  return `${location.pathname}?${params}`;
}

/** Writes a facility filter as query parameters: the page's URL and the API take the same ones. */
export function setFilterParams(params: URLSearchParams, filters: FacilityFilters): void {
  if (filters.province) params.set("province", filters.province);
  if (filters.commune) params.set("commune", filters.commune);
  for (const key of ["stage", "option", "category", "flag"] as const) {
    if (filters[key].length > 0) params.set(key, filters[key].join(","));
  }
  if (filters.overdue) params.set("overdue", "1");
  if (filters.q) params.set("q", filters.q);
}

function listOf(value: string | null): string[] {
  return value ? value.split(",").filter((v) => /^[a-z_]+$/.test(v)) : [];
}

function code(value: string | null, digits: number): string | undefined {
  return value && new RegExp(`^\\d{${digits}}$`).test(value) ? value : undefined;
}
