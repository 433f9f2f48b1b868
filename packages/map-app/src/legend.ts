/** The legend: what the colours of the mode mean, and every kind of line on the map, the overlay's included. */
import { legendItems } from "./colours.ts";
import { borderStyle } from "./communes-layer.ts";
import { type Lang, type StringKey, t } from "./i18n.ts";
import type { ColourMode } from "./url-state.ts";

/** Lines of the old-boundaries overlay; main.ts draws them with these styles. */
export const OLD_PROVINCE_LINE = { color: "#000", weight: 2.5, dashArray: undefined } as const;
export const OLD_DISTRICT_LINE = { color: "#444", weight: 1.2, dashArray: "4 3" } as const;

export function renderLegend(
  legend: HTMLElement,
  mode: ColourMode,
  old: boolean,
  lang: Lang,
  provinceCodes: string[],
): void {
  const rows: HTMLElement[] = [];
  if (mode === "predecessors") rows.push(heading(t("legendPredecessors", lang)));
  for (const [swatch, label] of legendItems(mode, lang, provinceCodes)) {
    const boxes = swatch.split(",").map((colour) => {
      const box = Object.assign(document.createElement("span"), { className: "swatch" });
      box.style.background = colour;
      return box;
    });
    rows.push(row(boxes, label));
  }
  const line = (key: StringKey, style: { color: string; weight: number; dashArray?: string }, halo = false) =>
    row([lineSymbol(style, halo)], t(key, lang));
  rows.push(
    line("lineCountry", borderStyle("country", 10) as { color: string; weight: number }),
    line("lineProvince", borderStyle("province", 10) as { color: string; weight: number }),
    line("lineCommune", borderStyle("interior", 12) as { color: string; weight: number }, true),
  );
  if (old) {
    rows.push(
      line("lineOldProvince", OLD_PROVINCE_LINE),
      line("lineOldDistrict", OLD_DISTRICT_LINE),
      Object.assign(document.createElement("div"), {
        className: "legend-row old-names",
        textContent: t("oldNames", lang),
      }),
    );
  }
  legend.hidden = false;
  legend.dataset.mode = mode;
  legend.dataset.old = old ? "1" : "0";
  // Folded on a phone, where it would cover a third of the map; the reader's choice is kept after.
  const previous = legend.querySelector("details");
  const details = document.createElement("details");
  details.open = previous ? previous.open : !matchMedia("(max-width: 640px)").matches;
  const summary = Object.assign(document.createElement("summary"), { textContent: t("legend", lang) });
  details.append(summary, ...rows);
  legend.replaceChildren(details);
}

function heading(text: string): HTMLElement {
  return Object.assign(document.createElement("div"), { className: "legend-title", textContent: text });
}

function row(symbols: HTMLElement[], label: string): HTMLElement {
  const div = Object.assign(document.createElement("div"), { className: "legend-row" });
  const span = Object.assign(document.createElement("span"), { className: "symbols" });
  span.append(...symbols);
  div.append(span, label);
  return div;
}

/** A short line drawn as the map draws it (the interior border over a sample fill, so that white shows). */
function lineSymbol(
  style: { color: string; weight: number; dashArray?: string },
  onFill: boolean,
): HTMLElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "12");
  svg.setAttribute("class", "line-symbol");
  svg.setAttribute("aria-hidden", "true");
  if (onFill) {
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("width", "28");
    rect.setAttribute("height", "12");
    rect.setAttribute("fill", "#9fb8cf");
    svg.append(rect);
  }
  const path = document.createElementNS(ns, "line");
  path.setAttribute("x1", "1");
  path.setAttribute("x2", "27");
  path.setAttribute("y1", "6");
  path.setAttribute("y2", "6");
  path.setAttribute("stroke", style.color);
  path.setAttribute("stroke-width", String(Math.max(1, style.weight)));
  if (style.dashArray) path.setAttribute("stroke-dasharray", style.dashArray);
  svg.append(path);
  return svg as unknown as HTMLElement;
}
