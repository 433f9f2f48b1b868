import "leaflet/dist/leaflet.css";
import "./style.css";
import "./register/register.css";
import { createDiagioi, type Diagioi, type Unit } from "@diagioi/core";
import { area } from "@turf/area";
import L from "leaflet";
import type { Topology } from "topojson-specification";
import { legendItems, predecessorColour, provinceColour, SPLIT_COLOUR, UNSPLIT_COLOUR } from "./colours.ts";
import { CommunesLayer, featuresOf } from "./communes-layer.ts";
import { type Lang, t } from "./i18n.ts";
import { lazyCanvas } from "./lazy-canvas.ts";
import { renderPanel } from "./panel.ts";
import { fetchEarly } from "./register/early.ts";
import type { Register } from "./register/index.ts";
import { buildSearchIndex, type SearchEntry, search } from "./search.ts";
import { type ColourMode, readState, type ViewState, writeState } from "./url-state.ts";

const OLD_DATE = "2025-06-30";
const VIETNAM: L.LatLngBoundsExpression = [
  [8.2, 102.1],
  [23.4, 109.5],
];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function start(): Promise<void> {
  let state = readState();
  const viewFromUrl = state.zoom !== undefined;
  $("status").textContent = t("loading", state.lang);
  // The register's points and code come alongside the map's files; without a register both fail quietly.
  const early = fetchEarly(state.filters);
  const registerCode = import("./register/index.ts");
  let register: Register | undefined;
  const [unitsText, lineageText, overview] = await Promise.all([
    fetchText("data/units.csv"),
    fetchText("data/lineage.csv"),
    fetch("data/overview.topo.json").then((r) => r.json() as Promise<Topology>),
  ]);
  const diagioi = createDiagioi({ units: unitsText, lineage: lineageText });
  const today = new Date().toISOString().slice(0, 10);
  const newProvinces = diagioi.units.all({ level: "province", date: today });
  const provinceCodes = newProvinces.map((p) => p.code).sort();
  const newCommunes = diagioi.units.all({ level: "commune", date: today });
  const predecessors = new Map<string, number>();
  const receivesSplit = new Set<string>();
  for (const commune of diagioi.units.all({ level: "commune", date: "2025-07-01" })) {
    const links = diagioi.lineage.predecessorsOf(commune);
    predecessors.set(commune.code, links.length);
    if (links.some((l) => l.kind.startsWith("part"))) receivesSplit.add(commune.code);
  }

  const map = L.map("map", { preferCanvas: true, minZoom: 5, maxZoom: 17, zoomSnap: 0.5 });
  const tiles = new URLSearchParams(location.search).get("tiles") ?? import.meta.env.VITE_TILE_URL;
  if (tiles) L.tileLayer(tiles, { attribution: import.meta.env.VITE_TILE_ATTRIBUTION ?? "" }).addTo(map);
  const renderer = lazyCanvas({ padding: 0.4 });
  const fill = (code: string, provinceCode: string) =>
    state.colour === "predecessors"
      ? predecessorColour(predecessors.get(code) ?? 1)
      : state.colour === "split"
        ? receivesSplit.has(code)
          ? SPLIT_COLOUR
          : UNSPLIT_COLOUR
        : provinceColour(provinceCodes, provinceCode);
  const communes = new CommunesLayer(featuresOf(overview, "communes"), {
    renderer,
    fill,
    onSelect: (code) => {
      if (!register?.interceptClick(code)) select(code, "new", true);
    },
    detailUrl: (code) => `data/provinces/${code}.topo.json`,
    detailZoom: 10,
  });
  communes.group.addTo(map);
  let styledColour = state.colour;
  L.geoJSON(
    featuresOf(overview, "provinces") as never,
    {
      renderer,
      interactive: false,
      style: { color: "#222", weight: 1.2, fill: false },
    } as L.GeoJSONOptions,
  ).addTo(map);

  // Built when first needed (or when the browser is idle): the first view does not wait for it.
  let entries: SearchEntry[] | undefined;
  const searchEntries = () =>
    (entries ??= buildSearchIndex(
      diagioi.units.all({ date: OLD_DATE }),
      [...newProvinces, ...newCommunes],
      (unit, era) => provinceName(diagioi, unit, era),
    ));

  let oldLayer: L.LayerGroup | undefined;
  async function showOld(on: boolean): Promise<void> {
    if (on && !oldLayer) {
      const topology = (await fetch("data/pre2025.topo.json").then((r) => r.json())) as Topology;
      oldLayer = L.layerGroup([
        L.geoJSON(
          featuresOf(topology, "districts") as never,
          {
            renderer,
            interactive: false,
            style: { color: "#444", weight: 1, dashArray: "4 3", fill: false },
          } as L.GeoJSONOptions,
        ),
        L.geoJSON(
          featuresOf(topology, "provinces") as never,
          {
            renderer,
            interactive: false,
            style: { color: "#000", weight: 2.5, fill: false },
          } as L.GeoJSONOptions,
        ),
      ]);
    }
    if (!oldLayer) return;
    if (on) oldLayer.addTo(map);
    else oldLayer.remove();
  }

  function unitFor(code: string, era: "old" | "new"): Unit | undefined {
    return (
      diagioi.units.byCode(code, { date: era === "old" ? OLD_DATE : today }) ??
      diagioi.units.byCode(code, { date: "2025-07-01" })
    );
  }

  /** Selects a unit: highlights the new communes it is or became, fits them, opens the panel. */
  function select(code: string, era: "old" | "new", push: boolean, fly = true): void {
    const unit = unitFor(code, era);
    if (!unit) return;
    register?.unitOpened();
    const codes =
      era === "new"
        ? unit.level === "province"
          ? []
          : [unit.code]
        : diagioi.lineage
            .destinations(unit, today)
            .filter((d) => d.unit.level === "commune")
            .map((d) => d.unit.code);
    communes.highlight(codes);
    const bounds =
      unit.level === "province" && era === "new"
        ? communes.boundsOf(newCommunes.filter((c) => c.parentCode === unit.code).map((c) => c.code))
        : communes.boundsOf(codes);
    if (fly && bounds?.isValid()) map.flyToBounds(bounds, { maxZoom: 13, duration: 0.6 });
    const shape = codes.length === 1 ? communes.featureOf(codes[0] as string) : undefined;
    renderPanel(
      $("panel"),
      diagioi,
      { unit, era, areaKm2: era === "new" && shape ? area(shape) / 1e6 : undefined },
      state.lang,
      () => {
        $("panel").hidden = true;
        communes.highlight([]);
        state = { ...state, unit: undefined, date: undefined };
        writeState(state, "push");
      },
      (next, nextEra) => select(next, nextEra, true),
    );
    state = { ...state, unit: unit.code, date: era === "old" ? OLD_DATE : undefined };
    if (push) {
      state = { ...state, facility: undefined };
      writeState(state, "push");
    }
  }

  // Search box: type, arrows, Enter; results say old or new, level and province.
  const input = $<HTMLInputElement>("search");
  const results = $<HTMLDivElement>("results");
  let shown: SearchEntry[] = [];
  let active = -1;
  const renderResults = () => {
    results.replaceChildren();
    shown.forEach((entry, i) => {
      const li = document.createElement("div");
      li.setAttribute("data-testid", "search-result");
      li.setAttribute("role", "option");
      li.id = `result-${i}`;
      li.setAttribute("aria-selected", String(i === active));
      const level =
        entry.unit.level === "province"
          ? t("provinceLevel", state.lang)
          : entry.unit.level === "district"
            ? t("district", state.lang)
            : t("commune", state.lang);
      li.innerHTML = "";
      li.append(
        Object.assign(document.createElement("strong"), { textContent: entry.unit.fullName }),
        Object.assign(document.createElement("span"), {
          className: `tag ${entry.era}`,
          textContent: `${entry.era === "new" ? t("newUnit", state.lang) : t("oldUnit", state.lang)} · ${level}${entry.province ? ` · ${entry.province}` : ""}`,
        }),
      );
      li.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(i);
      });
      results.append(li);
    });
    if (shown.length === 0 && input.value.trim().length >= 2) {
      results.append(
        Object.assign(document.createElement("li"), {
          className: "empty",
          textContent: t("noResult", state.lang),
        }),
      );
    }
    results.hidden = input.value.trim().length < 2;
    input.setAttribute("aria-activedescendant", active >= 0 ? `result-${active}` : "");
  };
  const choose = (i: number) => {
    const entry = shown[i];
    if (!entry) return;
    results.hidden = true;
    input.value = entry.unit.fullName;
    select(entry.unit.code, entry.era, true);
  };
  input.addEventListener("input", () => {
    shown = search(searchEntries(), input.value);
    active = shown.length > 0 ? 0 : -1;
    renderResults();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (shown.length === 0) return;
      active = (active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
      renderResults();
    } else if (event.key === "Enter") {
      choose(Math.max(active, 0));
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", () => {
    results.hidden = true;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("panel").hidden && document.activeElement !== input) {
      ($("panel").querySelector("button.close") as HTMLButtonElement | null)?.click();
    }
  });

  const colour = $<HTMLSelectElement>("color");
  colour.addEventListener("change", () => {
    state = { ...state, colour: colour.value as ColourMode };
    communes.restyle();
    styledColour = state.colour;
    renderStatic();
    writeState(state, "push");
  });
  const old = $<HTMLInputElement>("old-overlay");
  old.addEventListener("change", () => {
    state = { ...state, old: old.checked };
    void showOld(old.checked);
    writeState(state, "push");
  });
  $("lang").addEventListener("click", () => {
    state = { ...state, lang: state.lang === "vi" ? "en" : "vi" };
    renderStatic();
    if (state.unit && !$("panel").hidden) select(state.unit, state.date ? "old" : "new", false, false);
    register?.apply(state, true);
    writeState(state, "push");
  });

  /** Texts and controls that depend on the language and the colour mode. */
  function renderStatic(): void {
    const lang: Lang = state.lang;
    document.documentElement.lang = lang;
    input.placeholder = t("search", lang);
    input.setAttribute("aria-label", t("search", lang));
    $("color-label").textContent = t("colour", lang);
    $("old-label").textContent = t("oldOverlay", lang);
    $("lang").textContent = t("language", lang);
    colour.replaceChildren(
      ...(
        [
          ["province", t("byProvince", lang)],
          ["predecessors", t("byPredecessors", lang)],
          ["split", t("splits", lang)],
        ] as const
      ).map(([value, label]) =>
        Object.assign(document.createElement("option"), {
          value,
          textContent: label,
          selected: value === state.colour,
        }),
      ),
    );
    old.checked = state.old;
    const legend = $("legend");
    const items = legendItems(state.colour, lang);
    legend.hidden = items.length === 0;
    legend.replaceChildren(
      ...items.map(([swatch, label]) => {
        const row = Object.assign(document.createElement("div"), { className: "legend-row" });
        const box = Object.assign(document.createElement("span"), { className: "swatch" });
        box.style.background = swatch;
        row.append(box, label);
        return row;
      }),
    );
  }

  /** Applies a state read from the URL (first load, back and forward). */
  function apply(next: ViewState): void {
    state = next;
    renderStatic();
    // The communes were drawn in the first state's colours: restyling 3,321 paths is for a change.
    if (state.colour !== styledColour) communes.restyle();
    styledColour = state.colour;
    void showOld(state.old);
    if (state.zoom !== undefined && state.lat !== undefined && state.lng !== undefined) {
      map.setView([state.lat, state.lng], state.zoom, { animate: false });
    } else if (!isViewSet(map)) {
      map.fitBounds(VIETNAM, { animate: false });
    }
    if (state.unit)
      select(
        state.unit,
        state.date && state.date < "2025-07-01" ? "old" : "new",
        false,
        state.zoom === undefined,
      );
    else {
      $("panel").hidden = true;
      communes.highlight([]);
    }
    register?.apply(state);
  }

  map.on("moveend", () => {
    const centre = map.getCenter();
    state = { ...state, lat: centre.lat, lng: centre.lng, zoom: map.getZoom() };
    writeState(state, "replace");
    void communes.refine(map);
  });
  window.addEventListener("popstate", () => apply(readState()));
  apply(state);
  $("status").textContent = "";
  document.body.dataset.ready = "1";
  performance.mark("diagioi-ready");
  (window.requestIdleCallback ?? setTimeout)(() => searchEntries());
  // Test hook: end-to-end tests turn coordinates into pixels with it.
  (window as unknown as { diagioiMap: L.Map }).diagioiMap = map;

  const byName = (a: Unit, b: Unit) => a.fullName.localeCompare(b.fullName, "vi");
  const { Register } = await registerCode;
  const candidate = new Register(
    {
      map,
      renderer,
      diagioi,
      provinces: [...newProvinces].sort(byName),
      communesOf: (province) => newCommunes.filter((c) => c.parentCode === province).sort(byName),
      state: () => state,
      update: (patch, mode) => {
        state = { ...state, ...patch };
        writeState(state, mode);
      },
      openUnit: (code, era) => select(code, era, true),
      viewFromUrl,
      hideUnit: () => {
        $("panel").hidden = true;
        communes.highlight([]);
        state = { ...state, unit: undefined, date: undefined };
      },
    },
    early,
  );
  if (await candidate.start()) register = candidate;
}

/** Leaflet throws on most calls until a view is set. */
function isViewSet(map: L.Map): boolean {
  return (map as unknown as { _loaded?: boolean })._loaded === true;
}

function provinceName(diagioi: Diagioi, unit: Unit, era: "old" | "new"): string {
  if (unit.level === "province") return "";
  const date = era === "old" ? OLD_DATE : "2025-07-01";
  let parent = diagioi.units.byCode(unit.parentCode, { date });
  if (parent?.level === "district")
    parent = diagioi.units.byCode(parent.parentCode, { level: "province", date });
  return parent?.fullName ?? "";
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

start().catch((error: Error) => {
  const status = document.getElementById("status");
  if (status) status.textContent = `Error: ${error.message}`;
  console.error(error);
});
