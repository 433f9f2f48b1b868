/** The side panel: a unit's names, province, area, and what it was formed from or went into, with the law. */
import type { Diagioi, Link, Unit } from "@diagioi/core";
import { clauseText, KIND_LABELS, type Lang, t, throughText, unitName } from "./i18n.ts";

export interface PanelContent {
  unit: Unit;
  era: "old" | "new";
  areaKm2?: number;
  /** The link that shows this unit, for the "copy link" button. */
  link?: string;
  /** The unit that ended before 2025-06-30 a search found this one by ("Hà Tây" for Hà Nội). */
  through?: Unit;
}

export function renderPanel(
  panel: HTMLElement,
  diagioi: Diagioi,
  content: PanelContent,
  lang: Lang,
  onClose: () => void,
  onOpen: (code: string, era: "old" | "new") => void,
): void {
  const { unit, era } = content;
  const province =
    unit.level === "province"
      ? undefined
      : era === "new"
        ? (diagioi.units.byCode(unit.parentCode, { level: "province" }) ??
          diagioi.units.byCode(unit.parentCode, { level: "province", date: unit.validFrom || undefined }))
        : provinceOfOld(diagioi, unit);
  const links = era === "new" ? diagioi.lineage.predecessorsOf(unit) : diagioi.lineage.successorsOf(unit);
  const later = era === "new" ? diagioi.lineage.successorsOf(unit) : [];
  panel.replaceChildren();
  panel.hidden = false;
  const close = element("button", { class: "close", type: "button", "aria-label": t("close", lang) }, "×");
  close.addEventListener("click", onClose);
  panel.append(
    close,
    element("h2", {}, unitName(unit, lang)),
    element(
      "p",
      { class: "muted" },
      `${lang === "en" ? unit.fullName : unit.fullNameEn} · ${t(era === "new" ? "newUnit" : "oldUnit", lang)} · ${unit.code}`,
    ),
  );
  if (content.through)
    panel.append(
      element("p", { class: "through", "data-testid": "panel-through" }, throughText(content.through, lang)),
    );
  if (content.link) panel.append(copyLinkButton(content.link, lang));
  const facts = element("dl", {});
  if (province)
    facts.append(element("dt", {}, t("province", lang)), element("dd", {}, unitName(province, lang)));
  if (content.areaKm2 !== undefined)
    facts.append(
      element("dt", {}, t("area", lang)),
      element(
        "dd",
        {},
        `${content.areaKm2.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} km²`,
      ),
    );
  panel.append(facts);
  if (links.length > 0) {
    panel.append(element("h3", {}, t(era === "new" ? "formedFrom" : "wentInto", lang)));
    // In English the resolutions' Vietnamese terms are explained once, above the first list.
    if (lang === "en")
      panel.append(element("p", { class: "glossary", "data-testid": "glossary" }, t("glossary", lang)));
    panel.append(linkList(diagioi, links, era === "new" ? "old" : "new", lang, onOpen));
  }
  if (later.length > 0) {
    panel.append(element("h3", {}, t("later", lang)));
    panel.append(linkList(diagioi, later, "new", lang, onOpen));
  }
}

/** A button that copies the unit's link, and says whether it could. */
function copyLinkButton(link: string, lang: Lang): HTMLElement {
  const row = element("p", { class: "actions" });
  const button = element(
    "button",
    { type: "button", class: "copy-link", "data-testid": "copy-link" },
    t("copyLink", lang),
  );
  const status = element("span", { class: "copy-status", role: "status", "data-testid": "copy-status" });
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = t("copied", lang);
    } catch {
      status.replaceChildren(`${t("copyFailed", lang)} `, element("a", { href: link }, link));
    }
  });
  row.append(button, " ", status);
  return row;
}

/**
 * The lineage of one unit as a list: for a new unit what it was formed from, for an old one what it
 * went into, each with the change kind and the resolution and clause. Also used by the facility panel.
 */
export function lineageList(
  diagioi: Diagioi,
  unit: Unit,
  era: "old" | "new",
  lang: Lang,
  onOpen: (code: string, era: "old" | "new") => void,
): HTMLElement | undefined {
  const links = era === "new" ? diagioi.lineage.predecessorsOf(unit) : diagioi.lineage.successorsOf(unit);
  return links.length > 0 ? linkList(diagioi, links, era === "new" ? "old" : "new", lang, onOpen) : undefined;
}

/** One row per unit on the other side: a district's many communes may go into the same new commune. */
function linkList(
  diagioi: Diagioi,
  links: Link[],
  side: "old" | "new",
  lang: Lang,
  onOpen: (code: string, era: "old" | "new") => void,
): HTMLElement {
  const groups = new Map<string, Link[]>();
  for (const link of links) {
    const code = side === "old" ? link.oldCode : link.newCode;
    groups.set(code, [...(groups.get(code) ?? []), link]);
  }
  const list = element("ul", { class: "links" });
  for (const [code, group] of groups) {
    const first = group[0] as Link;
    const name = linkName(diagioi, first, side, lang);
    const button = element("button", { type: "button", class: "link", "data-code": code }, name);
    button.addEventListener("click", () => onOpen(code, first.effectiveDate > "2025-07-01" ? "new" : side));
    const kindOf = (l: Link) => KIND_LABELS[l.kind]?.[lang] ?? l.kind;
    // An old district's wards may go into one new ward, each wholly or in part: say which is which.
    const severalOld = side === "new" && new Set(group.map((l) => l.oldCode)).size > 1;
    const kinds = unique(
      group.map((l) => (severalOld ? `${linkName(diagioi, l, "old", lang)}: ${kindOf(l)}` : kindOf(l))),
    ).join("; ");
    const law = unique(
      group.map((l) => [l.legalRef, clauseText(l.legalClause, lang)].filter(Boolean).join(", ")),
    ).join("; ");
    list.append(
      element(
        "li",
        { "data-kind": first.kind },
        button,
        ` — ${kinds}`,
        element("small", {}, ` ${t("law", lang)}: ${law}`),
      ),
    );
  }
  return list;
}

/** The name of the unit on the other side of a link, in the language (English from the unit list). */
function linkName(diagioi: Diagioi, link: Link, side: "old" | "new", lang: Lang): string {
  const vietnamese = side === "old" ? link.oldFullName : link.newFullName;
  if (lang !== "en") return vietnamese;
  const date = side === "old" ? "2025-06-30" : link.effectiveDate;
  const level = side === "old" ? link.oldLevel : "commune";
  const unit =
    diagioi.units.byCode(side === "old" ? link.oldCode : link.newCode, { date, level }) ??
    diagioi.units.byCode(side === "old" ? link.oldCode : link.newCode, { date });
  return unit ? unitName(unit, lang) : vietnamese;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function provinceOfOld(diagioi: Diagioi, unit: Unit): Unit | undefined {
  const date = "2025-06-30";
  if (unit.level === "district") return diagioi.units.byCode(unit.parentCode, { level: "province", date });
  const district = diagioi.units.byCode(unit.parentCode, { level: "district", date });
  return district ? diagioi.units.byCode(district.parentCode, { level: "province", date }) : undefined;
}

export function element(
  tag: string,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
