/**
 * The filter panel's controls: colour mode and legend slot, province, commune, text, overdue, the
 * closed sets as checkbox groups, clearing, selection, export and editing tools, and the list. The
 * register owns the state; this only builds the controls and reports what the reader does.
 */
import { CATEGORIES, FLAGS, OPTIONS, STAGES, type Unit } from "@diagioi/core";
import { type Lang, unitName } from "../i18n.ts";
import { element } from "../panel.ts";
import type { FacilityFilters } from "../url-state.ts";
import { r } from "./strings.ts";

export interface FilterPanelContext {
  lang: Lang;
  synthetic: boolean;
  fcolour: "stage" | "category";
  /** The facilities are drawn on the map. */
  shown: boolean;
  provinces: Unit[];
  /** The signed-in user may create and import. */
  editor: boolean;
  /** Flags are not public: only a signed-in reader filters by them. */
  signedIn: boolean;
  filters(): FacilityFilters;
  setColour(colour: "stage" | "category"): void;
  setShown(shown: boolean): void;
  setFilters(patch: Partial<FacilityFilters>): void;
  draw(kind: "rectangle" | "polygon"): void;
  create(): void;
  createFromAddress(): void;
  openImport(): void;
  listToggled(): void;
}

/** Builds the panel's controls into `root` (its values are set by the register afterwards). */
export function renderFilterPanel(root: HTMLElement, ctx: FilterPanelContext): void {
  const lang = ctx.lang;
  root.replaceChildren();
  root.append(element("h2", {}, r("facilities", lang)));
  if (ctx.synthetic)
    root.append(element("p", { class: "synthetic", "data-testid": "synthetic" }, r("synthetic", lang)));
  root.append(element("p", { class: "count", "data-testid": "count-line" }));
  const shown = element("input", {
    type: "checkbox",
    name: "shown",
    "data-testid": "facility-shown",
  }) as HTMLInputElement;
  shown.checked = ctx.shown;
  shown.addEventListener("change", () => ctx.setShown(shown.checked));
  root.append(element("label", { class: "check" }, shown, ` ${r("showOnMap", lang)}`));

  const colour = element("select", { "data-testid": "facility-colour" }) as HTMLSelectElement;
  colour.append(new Option(r("byStage", lang), "stage"), new Option(r("byCategory", lang), "category"));
  colour.value = ctx.fcolour;
  colour.addEventListener("change", () => {
    ctx.setColour(colour.value as "stage" | "category");
  });
  root.append(
    element("label", { class: "row" }, `${r("colourBy", lang)} `, colour),
    element("div", { class: "facility-legend", "data-testid": "facility-legend" }),
  );

  const province = element("select", {
    name: "province",
    "data-testid": "filter-province",
  }) as HTMLSelectElement;
  province.append(new Option(r("all", lang), ""));
  for (const p of ctx.provinces) province.append(new Option(unitName(p, lang), p.code));
  province.addEventListener("change", () => ctx.setFilters({ province: province.value || undefined }));
  const commune = element("select", {
    name: "commune",
    "data-testid": "filter-commune",
  }) as HTMLSelectElement;
  commune.addEventListener("change", () =>
    ctx.setFilters({ province: ctx.filters().province, commune: commune.value || undefined }),
  );
  const q = element("input", {
    type: "search",
    name: "q",
    "data-testid": "filter-q",
    placeholder: r("text", lang),
    "aria-label": r("text", lang),
  }) as HTMLInputElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => ctx.setFilters({ q: q.value.trim() || undefined }), 350);
  });
  const overdue = element("input", {
    type: "checkbox",
    name: "overdue",
    "data-testid": "filter-overdue",
  }) as HTMLInputElement;
  overdue.addEventListener("change", () => ctx.setFilters({ overdue: overdue.checked }));
  root.append(
    element("label", { class: "row" }, `${r("province", lang)} `, province),
    element("label", { class: "row" }, `${r("commune", lang)} `, commune),
    q,
    element("label", { class: "check", title: r("overdueEither", lang) }, overdue, ` ${r("overdue", lang)}`),
  );
  const group = (
    key: "stage" | "option" | "category" | "flag",
    title: string,
    entries: readonly { value: string; vi: string; en: string }[],
  ) => {
    const box = element("details", { class: "group", "data-group": key }, element("summary", {}, title));
    for (const e of entries) {
      const input = element("input", {
        type: "checkbox",
        name: key,
        value: e.value,
        "data-testid": `filter-${key}-${e.value}`,
      }) as HTMLInputElement;
      input.addEventListener("change", () => {
        const chosen = Array.from(box.querySelectorAll<HTMLInputElement>("input:checked")).map(
          (i) => i.value,
        );
        ctx.setFilters({ [key]: chosen } as Partial<FacilityFilters>);
      });
      box.append(element("label", { class: "check" }, input, ` ${e[lang]}`));
    }
    return box;
  };
  root.append(
    group("stage", r("stage", lang), STAGES.entries),
    group("option", r("option", lang), OPTIONS.entries),
    group("category", r("category", lang), CATEGORIES.entries),
  );
  if (ctx.signedIn) root.append(group("flag", r("flags", lang), FLAGS.entries));
  const clear = element("button", { type: "button", "data-testid": "filter-clear" }, r("clear", lang));
  clear.addEventListener("click", () =>
    ctx.setFilters({
      province: undefined,
      commune: undefined,
      stage: [],
      option: [],
      category: [],
      flag: [],
      overdue: false,
      q: undefined,
    }),
  );
  root.append(element("div", { class: "actions" }, clear));

  // Select and export.
  const tools = element("section", { class: "tools" });
  const rect = element(
    "button",
    { type: "button", "data-testid": "select-rectangle" },
    `▭ ${r("rectangle", lang)}`,
  );
  const poly = element(
    "button",
    { type: "button", "data-testid": "select-polygon" },
    `⬠ ${r("polygon", lang)}`,
  );
  rect.addEventListener("click", () => ctx.draw("rectangle"));
  poly.addEventListener("click", () => ctx.draw("polygon"));
  tools.append(
    element("h3", {}, r("select", lang)),
    element("div", { class: "actions" }, rect, poly),
    element("div", { class: "selection", "data-testid": "selection" }),
  );
  tools.append(
    element("h3", {}, r("exportFiltered", lang)),
    element("div", { class: "actions exports", "data-testid": "export-filtered" }),
  );
  root.append(tools);

  if (ctx.editor) {
    const edit = element(
      "section",
      { class: "tools" },
      element("h3", {}, lang === "vi" ? "Cập nhật" : "Editing"),
    );
    const add = element(
      "button",
      { type: "button", class: "primary", "data-testid": "create" },
      `+ ${r("create", lang)}`,
    );
    add.addEventListener("click", () => ctx.create());
    const byAddress = element(
      "button",
      { type: "button", "data-testid": "create-address" },
      r("fromAddress", lang),
    );
    byAddress.addEventListener("click", () => ctx.createFromAddress());
    const imp = element("button", { type: "button", "data-testid": "import" }, r("import", lang));
    imp.addEventListener("click", () => ctx.openImport());
    edit.append(element("div", { class: "actions" }, add, byAddress, imp));
    root.append(edit);
  }

  const list = element(
    "details",
    { class: "list", "data-testid": "facility-list" },
    element("summary", {}, r("list", lang)),
    element("ul", {}),
  );
  list.addEventListener("toggle", () => ctx.listToggled());
  root.append(list);
}
