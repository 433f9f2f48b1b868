/**
 * The register on the map: the facilities layer, its filters and legend, the facility panel, the
 * session, selection, export and import. Loaded after the map's first view; its data (the points)
 * are requested at the very start so they arrive with the map's own files.
 */
import { CATEGORIES, type Diagioi, FLAGS, LAST_OLD_DAY, STAGES, type Unit } from "@diagioi/core";
import L from "leaflet";
import { type Lang, unitName } from "../i18n.ts";
import { element } from "../panel.ts";
import type { FacilityFilters, ViewState } from "../url-state.ts";
import {
  ApiError,
  api,
  type FacilityView,
  LIST_SORTS,
  type ListSort,
  type Meta,
  onSessionEnded,
  type User,
} from "./api.ts";
import { auditDialog } from "./audit-dialog.ts";
import type { ColumnsReply } from "./cluster-protocol.ts";
import type { EarlyData } from "./early.ts";
import { communeNow, FacilityPanel } from "./facility-panel.ts";
import { formatCount, formatDay } from "./fields.ts";
import { renderFilterPanel } from "./filter-panel.ts";
import { CATEGORY_PALETTE, STAGE_PALETTE } from "./palette.ts";
import { FacilityLayer } from "./points-layer.ts";
import { inRing } from "./ring.ts";
import { Selector, type Shape } from "./selection.ts";
import { sessionControls } from "./session.ts";
import { r } from "./strings.ts";
import { exportSelection, exportUrl, FORMATS, importDialog } from "./transfer.ts";

export interface RegisterHost {
  map: L.Map;
  renderer: L.Renderer;
  /** The units and converter loaded so far: those of 2025 first, those since 2004 once fetched. */
  diagioi(): Diagioi;
  /** Fetches the units since 2004 (once). */
  wantAllUnits(): Promise<void>;
  provinces: Unit[];
  communesOf(province: string): Unit[];
  state(): ViewState;
  update(patch: Partial<ViewState>, mode: "push" | "replace"): void;
  openUnit(code: string, era: "old" | "new"): void;
  hideUnit(): void;
  /** Fits the map to a province of today (two digits) or a commune of today, without opening it. */
  showArea(code: string, animate: boolean): void;
  /** The commune of today whose shape on the map holds a point, if any. */
  communeAt(lng: number, lat: number): string | undefined;
  /** The page's URL named a view (z, lat, lng): a facility it names is opened without moving the map. */
  viewFromUrl: boolean;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class Register {
  private user: User | null = null;
  /** The session ended on the server while the page was open: the login form says so. */
  private sessionExpired = false;
  private meta!: Meta;
  private readonly layer: FacilityLayer;
  private readonly panel: FacilityPanel;
  private readonly selector: Selector;
  private placing: ((point: { lng: number; lat: number; commune?: string } | undefined) => void) | undefined;
  private draftMark: L.Marker | undefined;
  private lastCommune: string | undefined;
  private shape: Shape | undefined;
  private selectedIds = new Set<number>();
  private pointsRequest = 0;
  private filtersKey = "";
  private listGeneration = 0;
  /** Flags a link filtered by, held until someone signs in (the count line says so meanwhile). */
  private heldFlags: string[] = [];
  /** The province before the merger that the page's link named, and the province of today shown instead. */
  private replacedProvince: { old: Unit; now: Unit } | undefined;

  constructor(
    private readonly host: RegisterHost,
    private readonly early: EarlyData,
  ) {
    this.layer = new FacilityLayer({
      clusters: early.clusters,
      onOpen: (id) => this.openFacility(id, true),
      active: () => !this.placing && !this.selector.drawing,
    });
    this.panel = new FacilityPanel($("facility-panel"), {
      diagioi: () => host.diagioi(),
      wantAllUnits: () => host.wantAllUnits(),
      lang: () => this.lang,
      user: () => this.user,
      synthetic: () => this.meta?.register.synthetic ?? false,
      changed: () => void this.reloadPoints(),
      closed: () => {
        this.layer.setFocused(undefined);
        this.host.update({ facility: undefined }, "push");
      },
      opened: (f) => {
        this.layer.setFocused(f?.id);
        // A facility opened from the panel itself (just created) gets its link too.
        if (f && this.host.state().facility !== f.id) this.host.update({ facility: f.id }, "push");
      },
      openUnit: (code, era) => host.openUnit(code, era),
      pickPoint: () => this.pick(),
      draft: (point) => this.showDraft(point),
      pointNote: (lng, lat) => this.pointNote(lng, lat),
    });
    this.selector = new Selector(host.map, host.renderer);
    host.map.on("click", (event) => this.mapClick(event));
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.panel.isOpen) return;
      if ((event.target as HTMLElement).closest("input, select, textarea, dialog")) return;
      this.panel.close();
      this.layer.setFocused(undefined);
      this.host.update({ facility: undefined }, "push");
    });
  }

  private get lang(): Lang {
    return this.host.state().lang;
  }

  /** Loads the session and the first points; returns false when no register is served here. */
  async start(): Promise<boolean> {
    const early = this.early;
    try {
      this.meta = await early.meta;
    } catch {
      return false;
    }
    this.user = await early.me;
    onSessionEnded(() => {
      if (this.user) this.signedIn(null, true);
    });
    // A link that filters by flags, opened without a login: flags are not public, so the map shows
    // the rest of the filter, says so, and applies the flags after a login.
    const withoutFlags = !this.user && this.host.state().filters.flag.length > 0;
    if (withoutFlags) {
      this.heldFlags = this.host.state().filters.flag;
      this.host.update({ filters: { ...this.host.state().filters, flag: [] } }, "replace");
    }
    // A link from before the merger (?province=35, Hà Nam) shows the province of today it went into.
    this.replacedProvince = this.provinceNowOf(this.host.state().filters.province);
    if (this.replacedProvince) {
      const province = this.replacedProvince.now.code;
      this.host.update({ filters: { ...this.host.state().filters, province } }, "replace");
    }
    if (this.host.state().facilities) this.layer.addTo(this.host.map);
    this.host.map.zoomControl?.setPosition("bottomright");
    const state = this.host.state();
    this.filtersKey = JSON.stringify(state.filters);
    document.body.classList.add("has-register");
    if (window.innerWidth >= 1000 || hasFilters(state.filters)) $("facility-filters").hidden = false;
    this.renderAll();
    if (state.facility !== undefined) void this.openFacility(state.facility, false, !this.host.viewFromUrl);
    else if (!this.host.viewFromUrl && state.unit === undefined) {
      // A link that filters a province or commune without naming a view shows that place.
      const area = state.filters.commune ?? state.filters.province;
      if (area) this.host.showArea(area, false);
    }
    performance.mark("diagioi-register");
    let points: ColumnsReply;
    try {
      points = await (this.replacedProvince ? early.clusters.load(state.filters) : early.points);
    } catch (error) {
      const line = $("facility-filters").querySelector("[data-testid=count-line]");
      if (line) line.textContent = error instanceof ApiError ? error.text(this.lang) : String(error);
      return true;
    }
    await this.layer.setColumns(points, state.fcolour);
    this.renderCounts();
    document.body.dataset.facilities = String(points.id.length);
    performance.mark("diagioi-facilities");
    return true;
  }

  /** For the code of a province before the merger, that province and the one of today it went into. */
  private provinceNowOf(code: string | undefined): { old: Unit; now: Unit } | undefined {
    if (code === undefined || this.host.provinces.some((p) => p.code === code)) return undefined;
    const diagioi = this.host.diagioi();
    const old = diagioi.units.byCode(code, { date: LAST_OLD_DAY, level: "province" });
    const now = old && diagioi.lineage.destinations(old)[0]?.unit;
    return old && now ? { old, now } : undefined;
  }

  /** Applies a state read from the URL, or a change of language. */
  apply(state: ViewState, languageChanged = false): void {
    if (languageChanged) {
      this.renderAll();
      this.panel.refresh();
    }
    const key = JSON.stringify(state.filters);
    if (key !== this.filtersKey) {
      this.filtersKey = key;
      this.syncFilterControls();
      void this.reloadPoints();
    }
    this.layer.setColour(state.fcolour);
    this.showLayer(state.facilities);
    if (state.facility === undefined && this.panel.isOpen && this.panel.current) this.panel.close();
    if (state.facility !== undefined && this.panel.current?.id !== state.facility)
      void this.openFacility(state.facility, false);
  }

  /** A commune was clicked: kept for placing or drawing, else the unit panel may open. */
  interceptClick(commune: string): boolean {
    if (this.placing) {
      this.lastCommune = commune;
      return true;
    }
    return this.selector.drawing;
  }

  /** The unit panel opened: only one panel on the right at a time. */
  unitOpened(): void {
    if (!this.panel.isOpen) return;
    this.panel.close();
    this.layer.setFocused(undefined);
  }

  private mapClick(event: L.LeafletMouseEvent): void {
    if (!this.placing) return;
    const commune = this.lastCommune;
    this.lastCommune = undefined;
    // A point the server would refuse (another province's) is refused here, and placing goes on.
    const elsewhere = this.outsideOwnProvince(commune);
    if (elsewhere) {
      this.hint(elsewhere);
      return;
    }
    const resolve = this.placing;
    this.placing = undefined;
    this.stopPlacing();
    resolve({ lng: event.latlng.lng, lat: event.latlng.lat, commune });
  }

  /** Why a point in this (new) commune is not the user's to add, or undefined when it is. */
  private outsideOwnProvince(commune: string | undefined): string | undefined {
    const own = this.user?.province_code;
    if (!own || !commune) return undefined;
    const unit = communeNow(this.host.diagioi().units, commune);
    if (!unit || unit.parentCode === own) return undefined;
    return `${r("pointOutside", this.lang)} ${this.provinceName(unit.parentCode)}: ${r("pickInOwn", this.lang)} ${this.provinceName(own)}`;
  }

  /** What the create form says of a point: the commune it lies in, or why it cannot be used. */
  private pointNote(lng: number, lat: number): { text: string; refused: boolean } {
    const commune = this.host.communeAt(lng, lat);
    const elsewhere = this.outsideOwnProvince(commune);
    if (elsewhere) return { text: elsewhere, refused: true };
    if (!commune) return { text: r("pointInNoCommune", this.lang), refused: true };
    const unit = communeNow(this.host.diagioi().units, commune);
    return {
      text: `${r("pointIn", this.lang)}: ${unit ? unitName(unit, this.lang) : commune}`,
      refused: false,
    };
  }

  /** A province of today by its code, in the page's language (the code when there is none). */
  private provinceName(code: string): string {
    const province = this.host.provinces.find((p) => p.code === code);
    return province ? unitName(province, this.lang) : code;
  }

  /** Marks the point of the facility being created, or takes the mark away. */
  private showDraft(point: { lng: number; lat: number } | undefined): void {
    if (!point) {
      this.draftMark?.remove();
      this.draftMark = undefined;
      return;
    }
    const at = L.latLng(point.lat, point.lng);
    if (this.draftMark) this.draftMark.setLatLng(at);
    else
      this.draftMark = L.marker(at, {
        icon: L.divIcon({ className: "draft-point", iconSize: [18, 18] }),
        interactive: false,
        keyboard: false,
      }).addTo(this.host.map);
  }

  /** Ends placing; a pick still waiting gets no point. */
  private stopPlacing(): void {
    this.placing?.(undefined);
    this.placing = undefined;
    this.hint("");
    this.host.map.getContainer().classList.remove("placing");
  }

  private pick(): Promise<{ lng: number; lat: number; commune?: string } | undefined> {
    this.placing?.(undefined);
    this.lastCommune = undefined;
    this.hint(r("createHint", this.lang));
    this.uncoverMapOnPhone();
    this.host.map.getContainer().classList.add("placing");
    return new Promise((resolve) => {
      this.placing = resolve;
    });
  }

  /** Opens a facility's panel; `fly` brings its point into view. */
  async openFacility(id: number, push: boolean, fly = false): Promise<void> {
    this.host.hideUnit();
    if (push) this.host.update({ facility: id, unit: undefined, date: undefined }, "push");
    // On a phone the panels take the whole width: the facility replaces the filters.
    this.uncoverMapOnPhone();
    this.layer.setFocused(id);
    await this.panel.open(id);
    const f = this.panel.current;
    if (fly && f?.id === id && typeof f.lng === "number" && typeof f.lat === "number") {
      this.showPoint(f.lat, f.lng, Math.max(this.host.map.getZoom(), 15));
    } else if (fly && f?.id === id && f.commune_code) {
      // Entered by its address alone: the commune the address names is where it is.
      const commune = communeNow(this.host.diagioi().units, f.commune_code);
      if (commune) this.host.showArea(commune.code, false);
    }
    $("facility-panel").focus();
  }

  /** Centres a point in the part of the map the facility panel leaves free (above a phone's bottom sheet). */
  private showPoint(lat: number, lng: number, zoom: number): void {
    const map = this.host.map;
    map.setView([lat, lng], zoom, { animate: false });
    const m = map.getContainer().getBoundingClientRect();
    const p = $("facility-panel").getBoundingClientRect();
    if (p.width === 0 || p.bottom <= m.top || p.top >= m.bottom) return;
    let offset: [number, number];
    if (p.top - m.top > m.height / 3) offset = [0, (m.bottom - p.top) / 2];
    else if (p.left - m.left < m.width / 3) offset = [-(p.right - m.left) / 2, 0];
    else offset = [(m.right - p.left) / 2, 0];
    map.panBy(offset, { animate: false });
  }

  /** On a phone the filters' sheet covers the map: closed for a tap on the map (a point, a shape) or a facility. */
  private uncoverMapOnPhone(): void {
    if (window.innerWidth <= 640) this.showFilters(false);
  }

  private showFilters(show: boolean): void {
    $("facility-filters").hidden = !show;
    document.querySelector("[data-testid=filters-toggle]")?.setAttribute("aria-expanded", String(show));
  }

  private async reloadPoints(): Promise<void> {
    const request = ++this.pointsRequest;
    $("facility-filters").dataset.loading = "1";
    try {
      let points: ColumnsReply;
      try {
        points = await this.early.clusters.load(this.host.state().filters);
      } catch {
        return; // a newer filter superseded this one
      }
      if (request !== this.pointsRequest) return;
      await this.layer.setColumns(points, this.host.state().fcolour);
      if (this.shape) this.select(this.shape);
      this.renderCounts();
      this.refreshList();
    } finally {
      if (request === this.pointsRequest) delete $("facility-filters").dataset.loading;
    }
  }

  private setFilters(patch: Partial<FacilityFilters>): void {
    const filters = { ...this.host.state().filters, ...patch };
    if (patch.province !== undefined && patch.commune === undefined) filters.commune = undefined;
    this.filtersKey = JSON.stringify(filters);
    this.host.update({ filters }, "push");
    this.syncFilterControls();
    void this.reloadPoints();
    // A province or commune chosen in the filters is where the facilities asked for are.
    const area = patch.commune ?? patch.province;
    if (area) this.host.showArea(area, true);
  }

  private hint(text: string): void {
    const hint = $("register-hint");
    hint.textContent = text;
    hint.hidden = text === "";
  }

  private renderAll(): void {
    this.renderBar();
    this.renderFilters();
    this.renderCounts();
  }

  /** Header: the filters toggle, the dashboard link, the session. */
  private renderBar(): void {
    const lang = this.lang;
    const bar = $("register-bar");
    bar.replaceChildren();
    const toggle = element(
      "button",
      { type: "button", "data-testid": "filters-toggle", "aria-controls": "facility-filters" },
      r("filters", lang),
    );
    toggle.addEventListener("click", () => {
      const panel = $("facility-filters");
      this.showFilters(panel.hidden);
      if (!panel.hidden) panel.querySelector<HTMLElement>("select, input")?.focus();
    });
    toggle.setAttribute("aria-expanded", String(!$("facility-filters").hidden));
    const province = this.host.state().filters.province;
    const dashboard = element(
      "a",
      {
        href: `dashboard${province ? `?province=${province}` : ""}${lang === "en" ? `${province ? "&" : "?"}lang=en` : ""}`,
        "data-testid": "dashboard-link",
      },
      r("dashboard", lang),
    );
    bar.append(toggle, dashboard);
    // The administrator's job in the browser: the audit log and its chain check.
    if (this.user?.role === "admin") {
      const audit = element("button", { type: "button", "data-testid": "audit-open" }, r("auditTitle", lang));
      audit.addEventListener("click", () => {
        const dialog = auditDialog(lang);
        document.body.append(dialog);
        dialog.addEventListener("close", () => dialog.remove());
        dialog.showModal();
      });
      bar.append(audit);
    }
    bar.append(
      ...sessionControls(
        lang,
        this.user,
        (user) => this.signedIn(user),
        this.sessionExpired,
        (code) => this.provinceName(code),
      ),
    );
  }

  /** After a login (the user) or a logout or an ended session (null): the views a user's role allows. */
  private signedIn(user: User | null, expired = false): void {
    this.user = user;
    this.sessionExpired = expired;
    this.renderAll();
    this.panel.refresh(expired);
    if (!user) this.stopPlacing();
    if (!user && this.host.state().filters.flag.length > 0) this.setFilters({ flag: [] });
    if (user && this.heldFlags.length > 0) {
      const flag = this.heldFlags;
      this.heldFlags = [];
      this.setFilters({ flag });
    }
  }

  /** The filter panel: colour, filters, counts and legend, tools, list. */
  private renderFilters(): void {
    renderFilterPanel($("facility-filters"), {
      lang: this.lang,
      synthetic: this.meta.register.synthetic,
      fcolour: this.host.state().fcolour,
      shown: this.host.state().facilities,
      provinces: this.host.provinces,
      editor: this.user?.role === "editor",
      signedIn: this.user !== null,
      filters: () => this.host.state().filters,
      setColour: (colour) => {
        this.host.update({ fcolour: colour }, "push");
        this.layer.setColour(colour);
        this.renderCounts();
      },
      setShown: (shown) => {
        this.host.update({ facilities: shown }, "push");
        this.showLayer(shown);
      },
      setFilters: (patch) => this.setFilters(patch),
      draw: (kind) => void this.draw(kind),
      create: async () => {
        const point = await this.pick();
        if (point) this.openCreate(point);
      },
      createFromAddress: () => this.openCreate({}),
      openImport: () => {
        const dialog = importDialog(
          this.lang,
          this.user as User,
          this.host.provinces.map((p) => ({ code: p.code, name: unitName(p, this.lang) })),
          () => void this.reloadPoints(),
        );
        document.body.append(dialog);
        dialog.addEventListener("close", () => dialog.remove());
        dialog.showModal();
      },
      listToggled: () => void this.refreshList(),
    });
    this.syncFilterControls();
  }

  /** Draws the facilities on the map or takes them off it (the filters, list and counts stay). */
  private showLayer(shown: boolean): void {
    if (shown === this.host.map.hasLayer(this.layer)) return;
    if (shown) this.layer.addTo(this.host.map);
    else this.layer.remove();
    const box = $("facility-filters").querySelector<HTMLInputElement>("[data-testid=facility-shown]");
    if (box) box.checked = shown;
  }

  private openCreate(point: { lng?: number; lat?: number; commune?: string }): void {
    this.host.hideUnit();
    this.host.update({ facility: undefined }, "push");
    this.panel.openCreate(point);
  }

  /** Sets the filter controls from the state (after back/forward or a change). */
  private syncFilterControls(): void {
    const root = $("facility-filters");
    const f = this.host.state().filters;
    const lang = this.lang;
    const province = root.querySelector<HTMLSelectElement>("[data-testid=filter-province]");
    if (!province) return;
    province.value = f.province ?? "";
    const commune = root.querySelector<HTMLSelectElement>(
      "[data-testid=filter-commune]",
    ) as HTMLSelectElement;
    commune.replaceChildren(new Option(r("all", lang), ""));
    commune.disabled = !f.province;
    if (f.province) {
      for (const c of this.host.communesOf(f.province)) commune.append(new Option(unitName(c, lang), c.code));
    }
    commune.value = f.commune ?? "";
    const q = root.querySelector<HTMLInputElement>("[data-testid=filter-q]") as HTMLInputElement;
    if (document.activeElement !== q) q.value = f.q ?? "";
    (root.querySelector("[data-testid=filter-overdue]") as HTMLInputElement).checked = f.overdue;
    for (const key of ["stage", "option", "category", "flag"] as const) {
      for (const input of Array.from(root.querySelectorAll<HTMLInputElement>(`input[name=${key}]`)))
        input.checked = f[key].includes(input.value);
      const box = root.querySelector<HTMLDetailsElement>(`details[data-group=${key}]`);
      if (box && f[key].length > 0) box.open = true;
    }
    const exports = root.querySelector<HTMLElement>("[data-testid=export-filtered]");
    exports?.replaceChildren(
      ...FORMATS.map((format) =>
        element(
          "a",
          { href: exportUrl(format, f), download: "", "data-testid": `export-${format}` },
          format.toUpperCase(),
        ),
      ),
    );
  }

  /** The count line and the legend with a count per class. */
  private renderCounts(): void {
    const lang = this.lang;
    const root = $("facility-filters");
    const counts = this.layer.counts();
    const line = root.querySelector<HTMLElement>("[data-testid=count-line]");
    if (line) {
      line.replaceChildren(
        element("strong", { "data-testid": "facility-count" }, formatCount(counts.total, lang)),
        ` ${r("count", lang)} · `,
        element("span", { "data-testid": "facility-overdue" }, formatCount(counts.overdue, lang)),
        ` ${r("overdueCount", lang)}`,
      );
      const replaced = this.replacedProvince;
      if (replaced && this.host.state().filters.province === replaced.now.code)
        line.append(
          element(
            "span",
            { class: "held-flags", "data-testid": "former-province" },
            r("formerProvince", lang)
              .replace("{old}", unitName(replaced.old, lang))
              .replaceAll("{now}", unitName(replaced.now, lang)),
          ),
        );
      if (this.heldFlags.length > 0)
        line.append(
          element(
            "span",
            { class: "held-flags", "data-testid": "held-flags" },
            `${r("flagsNeedLogin", lang)}: ${this.heldFlags.map((f) => FLAGS.label(f as never, lang)).join(", ")}`,
          ),
        );
      // Facilities entered by address alone are in the list and the exports, but have no point to draw.
      if (counts.withoutPoint > 0)
        line.append(
          " · ",
          element(
            "span",
            { "data-testid": "facility-without-point" },
            formatCount(counts.withoutPoint, lang),
          ),
          ` ${r("withoutPoint", lang)}`,
        );
    }
    const byStage = this.host.state().fcolour === "stage";
    // Withdrawn facilities have left the list: a class of their own, not "pending" (as on the dashboard).
    const withdrawn = STAGES.entries.find((e) => e.value === "withdrawn");
    const entries = byStage ? STAGES.entries : [...CATEGORIES.entries, ...(withdrawn ? [withdrawn] : [])];
    const palette = byStage ? STAGE_PALETTE : CATEGORY_PALETTE;
    const values = byStage ? counts.stage : counts.category;
    const legend = root.querySelector<HTMLElement>("[data-testid=facility-legend]");
    legend?.replaceChildren(
      ...entries.map((e, i) => {
        const swatch = element("span", { class: "dot" });
        swatch.style.background = palette[i] as string;
        return element(
          "div",
          { class: "legend-row", "data-value": e.value },
          swatch,
          ` ${e[lang]} `,
          element("span", { class: "n" }, formatCount(values[i] ?? 0, lang)),
        );
      }),
      element(
        "div",
        { class: "legend-row" },
        element("span", { class: "dot overdue-dot" }),
        ` ${r("overdue", lang)}`,
      ),
    );
  }

  private async draw(kind: "rectangle" | "polygon"): Promise<void> {
    this.hint(r(kind === "rectangle" ? "rectangleHint" : "polygonHint", this.lang));
    this.uncoverMapOnPhone();
    const shape = await this.selector.draw(kind);
    this.hint("");
    if (shape) this.select(shape);
  }

  private select(shape: Shape): void {
    this.shape = shape;
    const ids =
      shape.kind === "rectangle"
        ? this.layer.idsWhere((lng, lat) => shape.bounds.contains([lat, lng]))
        : this.layer.idsWhere((lng, lat) => inRing(lng, lat, shape.ring));
    this.selectedIds = new Set(ids);
    this.layer.setSelected(ids);
    const lang = this.lang;
    const box = $("facility-filters").querySelector<HTMLElement>("[data-testid=selection]");
    if (!box) return;
    const clear = element(
      "button",
      { type: "button", "data-testid": "selection-clear" },
      r("clearSelection", lang),
    );
    clear.addEventListener("click", () => {
      this.shape = undefined;
      this.selectedIds = new Set();
      this.selector.clear();
      this.layer.setSelected([]);
      box.replaceChildren();
    });
    const links = FORMATS.map((format) => {
      const button = element(
        "button",
        { type: "button", "data-testid": `export-selection-${format}` },
        format.toUpperCase(),
      );
      button.addEventListener(
        "click",
        () => void exportSelection(format, this.host.state().filters, shape, this.selectedIds),
      );
      return button;
    });
    box.replaceChildren(
      element(
        "p",
        {},
        element("strong", { "data-testid": "selection-count" }, formatCount(ids.length, lang)),
        ` ${r("selected", lang)}`,
      ),
      element(
        "div",
        { class: "actions" },
        element("span", {}, `${r("exportSelection", lang)}:`),
        ...links,
        clear,
      ),
    );
  }

  /** The list of matching facilities (keyboard access to what the canvas shows). */
  private async refreshList(): Promise<void> {
    const details = $("facility-filters").querySelector<HTMLDetailsElement>("[data-testid=facility-list]");
    if (!details?.open) return;
    const ul = details.querySelector("ul") as HTMLUListElement;
    const lang = this.lang;
    // Deadlines and change times are not public: a visitor's list is in the order of ids.
    const sort = this.user ? this.host.state().sort : "id";
    details.querySelector(".list-sort")?.remove();
    if (this.user) ul.before(this.sortChoice(sort));
    // A list asked for before the last change of filter or order would mix into the new one.
    const generation = ++this.listGeneration;
    const fill = async (cursor?: string) => {
      const page = await api.list(this.host.state().filters, cursor, 50, sort);
      if (generation !== this.listGeneration) return;
      ul.querySelector(".more")?.remove();
      for (const f of page.items) ul.append(this.listItem(f));
      if (page.next) {
        const more = element("button", { type: "button", class: "more" }, r("more", lang));
        more.addEventListener("click", () => void fill(page.next as string));
        ul.append(element("li", { class: "more" }, more));
      }
    };
    ul.replaceChildren();
    await fill();
  }

  /** The list's order, for those who may see deadlines: by id, by deadline, or last changed first. */
  private sortChoice(current: ListSort): HTMLElement {
    const lang = this.lang;
    const select = element("select", { "data-testid": "list-sort" }) as HTMLSelectElement;
    for (const sort of LIST_SORTS) select.append(new Option(r(`sort_${sort}`, lang), sort));
    select.value = current;
    select.addEventListener("change", () => {
      this.host.update({ sort: select.value as ListSort }, "replace");
      void this.refreshList();
    });
    return element("label", { class: "list-sort" }, `${r("sortBy", lang)} `, select);
  }

  /** A row of the list: the name, then what a planner scans a backlog by (id, commune, stage, deadline). */
  private listItem(f: FacilityView): HTMLElement {
    const lang = this.lang;
    const button = element(
      "button",
      { type: "button", class: "link", "data-id": String(f.id) },
      f.name ?? `#${f.id}`,
    );
    button.addEventListener("click", () => void this.openFacility(f.id, true, true));
    const commune = f.commune_code ? communeNow(this.host.diagioi().units, f.commune_code) : undefined;
    const facts = [
      f.external_id,
      commune ? unitName(commune, lang) : undefined,
      f.stage ? STAGES.label(f.stage, lang) : undefined,
      f.deadline ? `${r("deadlineShort", lang)} ${formatDay(f.deadline, lang)}` : undefined,
    ].filter(Boolean);
    const overdue = f.overdue ? element("span", { class: "overdue-tag" }, r("overdue", lang)) : "";
    return element("li", {}, button, element("small", { class: "facts" }, facts.join(" · ")), overdue);
  }
}

function hasFilters(f: FacilityFilters): boolean {
  return !!(
    f.province ||
    f.commune ||
    f.q ||
    f.overdue ||
    f.stage.length ||
    f.option.length ||
    f.category.length ||
    f.flag.length
  );
}
