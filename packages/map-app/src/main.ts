import "leaflet/dist/leaflet.css";
import "./style.css";
import "./register/register.css";
import { createDiagioi, type Unit } from "@diagioi/core";
import L from "leaflet";
import type { Topology } from "topojson-specification";
import { addLand, dataAttribution, placeLabels } from "./base-map.ts";
import { predecessorColour, provinceColour, SPLIT_COLOUR, UNSPLIT_COLOUR } from "./colours.ts";
import { CommunesLayer, featuresOf } from "./communes-layer.ts";
import { bareName, type Lang, t, unitName } from "./i18n.ts";
import { LabelsLayer, type MapLabel } from "./labels-layer.ts";
import { lazyCanvas } from "./lazy-canvas.ts";
import { OLD_DISTRICT_LINE, OLD_PROVINCE_LINE, renderLegend } from "./legend.ts";
import { renderPanel } from "./panel.ts";
import { fetchEarly } from "./register/early.ts";
import type { Register } from "./register/index.ts";
import { buildSearchIndex, type SearchIndex, search, unitsItWentInto } from "./search.ts";
import { SearchBox } from "./search-box.ts";
import { type ColourMode, readState, type ViewState, writeState } from "./url-state.ts";

type LabelPoints = Record<string, [lng: number, lat: number, radius: number]>;
interface OldLabels {
  provinces: LabelPoints;
  districts: LabelPoints;
  communes: Record<string, [lng: number, lat: number]>;
}

const OLD_DATE = "2025-06-30";
const VIETNAM: L.LatLngBoundsLiteral = [
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
  const tiles = new URLSearchParams(location.search).get("tiles") ?? import.meta.env.VITE_TILE_URL;
  const [unitsText, lineageText, overview, labelPoints, land] = await Promise.all([
    fetchText("data/units.csv"),
    fetchText("data/lineage.csv"),
    fetchJson<Topology>("data/overview.topo.json"),
    fetchJson<{ provinces: LabelPoints; communes: LabelPoints }>("data/labels.json"),
    // Over tiles the land is theirs; otherwise the neighbours' land is part of the app's own base map.
    tiles ? undefined : fetchJson<GeoJSON.Feature>("data/land.json"),
  ]);
  // The units of 2025-06-30 and of today first; the versions since 2004 (300 kB more) are fetched
  // when the search or a link needs them (withHistory below), not before the first view.
  let diagioi = createDiagioi({ units: unitsText, lineage: lineageText });
  let history: Promise<void> | undefined;
  let historyLoaded = false;
  const withHistory = () =>
    (history ??= Promise.all([
      fetchText("data/units-history.csv"),
      fetchText("data/lineage-history.csv"),
    ]).then(([units, lineage]) => {
      diagioi = createDiagioi({ units: unitsText, lineage: lineageText, history: { units, lineage } });
      index = undefined;
      historyLoaded = true;
    }));
  // Building the map keeps the main thread busy for most of a second: letting the event loop turn
  // between its steps hands the register's points to the clustering worker as soon as they arrive,
  // so the other core clusters them while the map is built.
  await nextTask();
  const today = new Date().toISOString().slice(0, 10);
  const newProvinces = diagioi.units.all({ level: "province", date: today });
  const provinceCodes = newProvinces.map((p) => p.code).sort();
  const newCommunes = diagioi.units.all({ level: "commune", date: today });
  // What each commune was formed from, for two colour modes: read from the lineage when first needed.
  let formed: { predecessors: Map<string, number>; receivesSplit: Set<string> } | undefined;
  const lineageFigures = () => {
    if (formed) return formed;
    formed = { predecessors: new Map(), receivesSplit: new Set() };
    for (const commune of diagioi.units.all({ level: "commune", date: "2025-07-01" })) {
      const links = diagioi.lineage.predecessorsOf(commune);
      formed.predecessors.set(commune.code, links.length);
      if (links.some((l) => l.kind.startsWith("part"))) formed.receivesSplit.add(commune.code);
    }
    return formed;
  };

  const map = L.map("map", { preferCanvas: true, minZoom: 5, maxZoom: 17, zoomSnap: 0.5 });
  // Leaflet measures its container on window resizes only; the header wraps onto another line
  // (signing in adds buttons) without one, and the map would keep its old height.
  new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(map.getContainer());
  map.attributionControl.setPrefix(
    '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>',
  );
  if (tiles) L.tileLayer(tiles, { attribution: import.meta.env.VITE_TILE_ATTRIBUTION ?? "" }).addTo(map);
  else document.body.classList.add("own-base-map");
  let credited = "";
  const credit = (lang: Lang) => {
    if (credited) map.attributionControl.removeAttribution(credited);
    credited = dataAttribution(lang);
    map.attributionControl.addAttribution(credited);
  };
  const renderer = lazyCanvas({ padding: 0.4 });
  if (land) addLand(map, land, renderer);
  const fill = (code: string, provinceCode: string) =>
    state.colour === "predecessors"
      ? predecessorColour(lineageFigures().predecessors.get(code) ?? 1)
      : state.colour === "split"
        ? lineageFigures().receivesSplit.has(code)
          ? SPLIT_COLOUR
          : UNSPLIT_COLOUR
        : provinceColour(provinceCodes, provinceCode);
  const communeByCode = new Map(newCommunes.map((c) => [c.code, c]));
  const provinceByCode = new Map(newProvinces.map((p) => [p.code, p]));
  const communes = new CommunesLayer(overview, {
    renderer,
    fill,
    fillOpacity: tiles ? 0.55 : 1,
    onSelect: (code) => {
      if (!register?.interceptClick(code)) select(code, "new", true);
    },
    nameOf: (code) => {
      const commune = communeByCode.get(code);
      if (!commune) return code;
      const province = provinceByCode.get(commune.parentCode);
      return `<strong>${escapeHtml(unitName(commune, state.lang))}</strong>${province ? `<br>${escapeHtml(unitName(province, state.lang))}` : ""}`;
    },
    detailUrl: (code) => `data/provinces/${code}.topo.json`,
    detailZoom: 10,
  });
  communes.group.addTo(map);
  await nextTask();
  // Detailed communes are drawn last: the old boundaries go back on top of them.
  communes.group.on("refined", () => oldLayer?.bringToFront());
  let styledColour = state.colour;

  // Names: provinces at low zoom, communes from the zoom where they fit, seas and neighbours.
  const labels = new LabelsLayer({
    obstacles: () => [
      ...["panel", "legend", "results"]
        .map((id) => $(id))
        .filter((e) => !e.hidden)
        .map((e) => e.getBoundingClientRect()),
      ...Array.from(document.querySelectorAll(".leaflet-control"), (e) => e.getBoundingClientRect()),
    ],
  }).addTo(map);
  const baseLabels = (lang: Lang): MapLabel[] => [
    ...placeLabels(lang),
    ...Object.entries(labelPoints.provinces).flatMap(([code, [lng, lat, radius]]) => {
      const unit = provinceByCode.get(code);
      return unit
        ? [
            {
              id: code,
              lat,
              lng,
              text: bareName(unit, lang),
              kind: "province" as const,
              // The six centrally-run cities are small on the map but the first names people look for.
              priority: 1e9 + radius + (unit.kind === "thanh_pho_tw" ? 1e7 : 0),
              minZoom: 0,
              maxZoom: 9,
            },
          ]
        : [];
    }),
    ...Object.entries(labelPoints.communes).flatMap(([code, [lng, lat, radius]]) => {
      const unit = communeByCode.get(code);
      return unit
        ? [
            {
              id: code,
              lat,
              lng,
              text: bareName(unit, lang),
              kind: "commune" as const,
              priority: radius,
              minZoom: 8,
              maxZoom: 99,
              radius,
            },
          ]
        : [];
    }),
  ];

  // Built when first needed (see warmSearch below): the first view does not wait for it.
  let index: SearchIndex | undefined;
  const searchIndex = () => (index ??= buildSearchIndex(diagioi, today));

  let oldLayer: L.FeatureGroup | undefined;
  let oldLabels: OldLabels | undefined;
  async function showOld(on: boolean): Promise<void> {
    if (on && !oldLayer) {
      const [topology, points] = await Promise.all([
        fetchJson<Topology>("data/pre2025.topo.json"),
        fetchJson<OldLabels>("data/pre2025-labels.json"),
      ]);
      oldLabels = points;
      oldLayer = L.featureGroup([
        L.geoJSON(
          featuresOf(topology, "districts") as never,
          { renderer, interactive: false, style: { ...OLD_DISTRICT_LINE, fill: false } } as L.GeoJSONOptions,
        ),
        L.geoJSON(
          featuresOf(topology, "provinces") as never,
          { renderer, interactive: false, style: { ...OLD_PROVINCE_LINE, fill: false } } as L.GeoJSONOptions,
        ),
      ]);
    }
    if (!oldLayer) return;
    if (on && state.old) oldLayer.addTo(map);
    else oldLayer.remove();
    labels.setLabels("old", on && state.old ? oldUnitLabels(state.lang) : []);
  }

  /** Names of the old units for the overlay: provinces, districts, and communes at their centre points. */
  function oldUnitLabels(lang: Lang): MapLabel[] {
    if (!oldLabels) return [];
    const old = new Map(diagioi.units.all({ date: OLD_DATE }).map((u) => [`${u.level}:${u.code}`, u]));
    const make = (
      level: Unit["level"],
      kind: MapLabel["kind"],
      points: Record<string, number[]>,
      priority: (radius: number) => number,
      minZoom: number,
      maxZoom: number,
    ): MapLabel[] =>
      Object.entries(points).flatMap(([code, [lng, lat, radius]]) => {
        const unit = old.get(`${level}:${code}`);
        if (!unit || lng === undefined || lat === undefined) return [];
        return [
          {
            id: `old-${code}`,
            lat,
            lng,
            text: bareName(unit, lang),
            kind,
            priority: priority(radius ?? 0),
            minZoom,
            maxZoom,
            radius,
          },
        ];
      });
    return [
      ...make("province", "old-province", oldLabels.provinces, (r) => 0.9e9 + r, 0, 9),
      // An old district's name is worth more than a commune's of the same room: it is what the overlay is for.
      ...make("district", "old-district", oldLabels.districts, (r) => 2 * r, 8, 99),
      ...make("commune", "old-commune", oldLabels.communes, () => 0, 13, 99),
    ];
  }

  function unitFor(code: string, era: "old" | "new"): Unit | undefined {
    return (
      diagioi.units.byCode(code, { date: era === "old" ? OLD_DATE : today }) ??
      diagioi.units.byCode(code, { date: "2025-07-01" })
    );
  }

  /**
   * The communes of today an old unit's land is in. An old province went into provinces, so its
   * districts' destinations are read: the communes of today their communes went into.
   */
  function communesNowOf(unit: Unit): string[] {
    const parts =
      unit.level === "province"
        ? diagioi.units
            .all({ level: "district", date: unit.validTo || OLD_DATE })
            .filter((district) => district.parentCode === unit.code)
        : [unit];
    const codes = new Set<string>();
    for (const part of parts)
      for (const { unit: now } of diagioi.lineage.destinations(part, today))
        if (now.level === "commune") codes.add(now.code);
    return [...codes];
  }

  /** The era of the unit the URL selects: a date before the new units' first day names an old one. */
  function selectedEra(): "old" | "new" {
    return state.date && state.date < "2025-07-01" ? "old" : "new";
  }

  /** Codes of a province's communes of today. */
  const newCommuneCodesOf = (province: string) =>
    newCommunes.filter((c) => c.parentCode === province).map((c) => c.code);

  /** Fits the map to bounds in the part the panel and the filters leave, flying there or jumping. */
  function fitView(bounds: L.LatLngBounds | undefined, fly: boolean, maxZoom: number): void {
    if (!bounds?.isValid()) return;
    if (fly) map.flyToBounds(bounds, { ...fitPadding(), maxZoom, duration: 0.6 });
    else map.fitBounds(bounds, { ...fitPadding(), maxZoom, animate: false });
  }

  /** Room the panel (or the phone's bottom sheet) takes from the map, as fitBounds padding. */
  function fitPadding(): L.FitBoundsOptions {
    const base = 24;
    const panel = $("panel");
    const options = { paddingTopLeft: L.point(base, base), paddingBottomRight: L.point(base, base) };
    const m = map.getContainer().getBoundingClientRect();
    // The facilities' filters, when open beside the map on a wide screen, take its left side.
    const filters = $("facility-filters");
    if (!filters.hidden) {
      const f = filters.getBoundingClientRect();
      if (f.width > 0 && f.width < m.width / 2 && f.left - m.left < m.width / 4)
        options.paddingTopLeft.x = Math.max(base, f.right - m.left + base);
    }
    if (panel.hidden) return options;
    const p = panel.getBoundingClientRect();
    if (p.top - m.top > m.height / 3) options.paddingBottomRight.y = Math.max(base, m.bottom - p.top + base);
    else options.paddingBottomRight.x = Math.max(base, m.right - p.left + base);
    return options;
  }

  /** The link that shows a unit (its code, its date when old, the language): the view follows the receiver's screen. */
  function linkTo(code: string, era: "old" | "new"): string {
    const params = new URLSearchParams({ unit: code });
    if (era === "old") params.set("date", OLD_DATE);
    if (state.lang !== "vi") params.set("lang", state.lang);
    return `${location.origin}${location.pathname}?${params}`;
  }

  /** Selects a unit: highlights the new communes it is or became, fits them, opens the panel. */
  function select(
    code: string,
    era: "old" | "new",
    push: boolean,
    fly: "fly" | "jump" | "stay" = "fly",
    through?: Unit,
  ): void {
    let unit = unitFor(code, era);
    // A link without a date (?unit=00001) may name a unit that ended with the merger: its codes are
    // never reused, so it opens as the old unit it names.
    if (!unit && era === "new") {
      unit = unitFor(code, "old");
      if (unit) era = "old";
    }
    if (!unit) {
      // A unit gone before 2025-06-30 is among the versions since 2004.
      if (!historyLoaded) {
        void withHistory().then(() => select(code, era, push, fly));
        return;
      }
      // A link to one (?unit=28, Tỉnh Hà Tây until 2008) opens the unit of 2025-06-30 it all went
      // into, which says so, as a search for its name does.
      const past = diagioi.units.versionsOf(code).at(-1);
      const into = past ? unitsItWentInto(diagioi, past) : [];
      if (past && into.length === 1 && into[0]?.level === past.level)
        select(into[0].code, "old", push, fly, past);
      return;
    }
    register?.unitOpened();
    const codes = era === "new" ? (unit.level === "province" ? [] : [unit.code]) : communesNowOf(unit);
    communes.highlight(codes);
    const bounds = communes.boundsOf(
      unit.level === "province" && era === "new" ? newCommuneCodesOf(unit.code) : codes,
    );
    const shape = codes.length === 1 ? communes.featureOf(codes[0] as string) : undefined;
    renderPanel(
      $("panel"),
      diagioi,
      {
        unit,
        era,
        areaKm2: era === "new" ? shape?.properties.area_km2 : undefined,
        link: linkTo(unit.code, era),
        through,
      },
      state.lang,
      () => {
        $("panel").hidden = true;
        communes.highlight([]);
        state = { ...state, unit: undefined, date: undefined };
        writeState(state, "push");
      },
      (next, nextEra) => select(next, nextEra, true),
    );
    // The panel is open now: the unit fills the part of the map it leaves.
    if (fly !== "stay") fitView(bounds, fly === "fly", 16);
    state = { ...state, unit: unit.code, date: era === "old" ? OLD_DATE : undefined };
    if (push) {
      state = { ...state, facility: undefined };
      writeState(state, "push");
    }
  }

  // Search box: several parts at once, read by the address parser; results grouped, the best first.
  const input = $<HTMLInputElement>("search");
  const searchBox = new SearchBox({
    input,
    results: $<HTMLDivElement>("results"),
    lang: () => state.lang,
    search: (text) => {
      if (historyLoaded) return search(searchIndex(), diagioi, text);
      void warmSearch();
      return undefined;
    },
    choose: (entry, through) => select(entry.unit.code, entry.era, true, "fly", through),
    // An old district went into tens of communes: only communes and provinces say what they became.
    became: (entry) =>
      entry.unit.level === "district" ? [] : diagioi.lineage.destinations(entry.unit).map((d) => d.unit),
  });
  // The search's indexes take half a second to build: when the search box is first approached, not
  // during the first view (as one long task there, it would hold up the facilities and the first pan).
  // Until the versions since 2004 are in, the box shows nothing, then the results of what was typed.
  let warmed: Promise<void> | undefined;
  const warmSearch = () =>
    (warmed ??= withHistory().then(() => {
      searchIndex();
      diagioi.converter.read("Hà Nội"); // builds the parser's name index
      if (input.value.trim().length >= 2) searchBox.update();
    }));
  for (const type of ["pointerenter", "focus"]) input.addEventListener(type, warmSearch, { once: true });
  document.addEventListener("keydown", (event) => {
    // From the search box too, once its list is closed: the panel opened from it keeps the focus there.
    if (event.key === "Escape" && !$("panel").hidden) {
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
    renderLegend($("legend"), state.colour, state.old, state.lang, provinceCodes);
    writeState(state, "push");
  });
  $("lang").addEventListener("click", () => {
    state = { ...state, lang: state.lang === "vi" ? "en" : "vi" };
    renderStatic();
    if (state.unit && !$("panel").hidden) select(state.unit, state.date ? "old" : "new", false, "stay");
    // Results on show are redrawn in the new language; closed ones stay closed.
    if (!$("results").hidden) searchBox.update();
    register?.apply(state, true);
    writeState(state, "push");
  });

  /** Texts and controls that depend on the language and the colour mode. */
  function renderStatic(): void {
    const lang: Lang = state.lang;
    document.documentElement.lang = lang;
    input.placeholder = t("searchPlaceholder", lang);
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
    $("convert-link").textContent = t("converter", lang);
    $<HTMLAnchorElement>("convert-link").href = lang === "en" ? "./convert.html?lang=en" : "./convert.html";
    renderLegend($("legend"), state.colour, state.old, lang, provinceCodes);
    credit(lang);
    labels.setLabels("base", baseLabels(lang));
    if (oldLabels) labels.setLabels("old", state.old ? oldUnitLabels(lang) : []);
  }

  /** Applies a state read from the URL (first load, back and forward). */
  function apply(next: ViewState): void {
    state = next;
    // Read before the view is set: setting it writes the view into the state (moveend).
    const fit = next.zoom === undefined || next.lat === undefined || next.lng === undefined;
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
    if (state.unit) select(state.unit, selectedEra(), false, fit ? "jump" : "stay");
    else {
      $("panel").hidden = true;
      communes.highlight([]);
    }
    register?.apply(state);
  }

  map.on("zoomend", () => communes.setZoom(map.getZoom()));
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
  // Test hook: end-to-end tests turn coordinates into pixels with it.
  (window as unknown as { diagioiMap: L.Map }).diagioiMap = map;

  const byName = (a: Unit, b: Unit) => a.fullName.localeCompare(b.fullName, "vi");
  const { Register } = await registerCode;
  const candidate = new Register(
    {
      map,
      renderer,
      diagioi: () => diagioi,
      wantAllUnits: withHistory,
      provinces: [...newProvinces].sort(byName),
      communesOf: (province) => newCommunes.filter((c) => c.parentCode === province).sort(byName),
      state: () => state,
      update: (patch, mode) => {
        state = { ...state, ...patch };
        writeState(state, mode);
      },
      openUnit: (code, era) => select(code, era, true),
      showArea: (code, animate) =>
        fitView(communes.boundsOf(code.length === 2 ? newCommuneCodesOf(code) : [code]), animate, 15),
      communeAt: (lng, lat) => communes.communeAt(lng, lat),
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
  // A unit opened by its link was fitted before the facilities' filters took the map's left side.
  if (register && state.unit && !viewFromUrl && !$("panel").hidden && !$("facility-filters").hidden)
    select(state.unit, selectedEra(), false, "jump");
  // So was the country, before the register's bar took the top of the screen: fitted again in what is left.
  const { province, commune } = state.filters;
  if (register && !viewFromUrl && !state.unit && state.facility === undefined && !province && !commune)
    fitView(L.latLngBounds(VIETNAM), false, 6);
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Leaflet throws on most calls until a view is set. */
function isViewSet(map: L.Map): boolean {
  return (map as unknown as { _loaded?: boolean })._loaded === true;
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);
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
