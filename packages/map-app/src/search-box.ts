/**
 * The search box as people type: results grouped by what they are (new communes, old communes, old
 * districts, provinces), the best first and chosen by Enter, more on demand; a hint when the text
 * names a unit that holds nothing of that name, or when many units share it; and, for a whole
 * address, its conversion with a link to the converter page.
 */

import type { Unit } from "@diagioi/core";
import { type Lang, type StringKey, t, throughText, unitName } from "./i18n.ts";
import type { SearchEntry, SearchOutcome } from "./search.ts";

export interface SearchBoxOptions {
  input: HTMLInputElement;
  results: HTMLElement;
  lang: () => Lang;
  /** Undefined while the search is not ready: `update` is called again when it is. */
  search: (text: string) => SearchOutcome | undefined;
  /** `through`: the unit that ended before 2025-06-30 the entry was found by ("Hà Tây" for Hà Nội). */
  choose: (entry: SearchEntry, through?: Unit) => void;
  /** The units of today an old commune or province went into (shown under it); empty for others. */
  became?: (entry: SearchEntry) => Unit[];
  /** Results shown before "show more", and added by each press of it. */
  pageSize?: number;
}

export class SearchBox {
  private outcome: SearchOutcome = { entries: [], unread: [], through: new Map() };
  /** The entries in the order shown (grouped), and how many are shown. */
  private ordered: SearchEntry[] = [];
  private shownCount = 0;
  private active = -1;
  private readonly pageSize: number;

  constructor(private readonly options: SearchBoxOptions) {
    this.pageSize = options.pageSize ?? 8;
    const { input, results } = options;
    input.addEventListener("input", () => this.update());
    input.addEventListener("keydown", (event) => this.key(event));
    input.addEventListener("blur", () => {
      results.hidden = true;
    });
    input.addEventListener("focus", () => {
      if (input.value.trim().length >= 2) this.render();
    });
  }

  /** Searches again (after typing, or a change of language). */
  update(): void {
    const text = this.options.input.value;
    const outcome = this.options.search(text);
    if (!outcome) return;
    this.outcome = outcome;
    this.ordered = grouped(this.outcome.entries);
    this.shownCount = Math.min(this.pageSize, this.ordered.length);
    this.active = this.ordered.length > 0 ? 0 : -1;
    this.render();
  }

  private key(event: KeyboardEvent): void {
    const count = this.shownCount;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (count === 0) return;
      this.active = (this.active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      this.render();
      this.options.results.querySelector(`#result-${this.active}`)?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      this.pick(Math.max(this.active, 0));
    } else if (event.key === "Escape" && !this.options.results.hidden) {
      // This Escape closes the list only; the next one closes the unit's panel.
      this.options.results.hidden = true;
      event.stopPropagation();
    }
  }

  private pick(i: number): void {
    const entry = this.ordered[i];
    if (!entry) return;
    this.options.results.hidden = true;
    this.options.input.value = unitName(entry.unit, this.options.lang());
    this.options.choose(entry, this.outcome.through.get(entry));
  }

  private render(): void {
    const { input, results } = this.options;
    const lang = this.options.lang();
    const outcome = this.outcome;
    const nodes: HTMLElement[] = [];
    if (outcome.address) nodes.push(addressLine(outcome, input.value, lang));
    if (outcome.missing) {
      nodes.push(
        note(
          `${t("noneIn", lang)} “${outcome.missing.name}” ${t("inUnit", lang)} ${unitName(outcome.missing.within.unit, lang)} ${t("missingHint", lang)}`,
          "missing",
        ),
      );
    }
    if (outcome.unread.length > 0)
      nodes.push(note(`${t("notRead", lang)} “${outcome.unread.join("”, “")}”`, "unread"));
    if (outcome.closeSpellings) nodes.push(note(t("closeSpellings", lang), "close-spellings"));
    const same = sameNameCount(this.ordered);
    if (same > 1 && !outcome.missing) {
      const first = this.ordered[0] as SearchEntry;
      const example = first.district ? `${first.unit.fullName}, ${first.district.fullName}` : undefined;
      if (example) nodes.push(note(`${same} ${t("sameName", lang)} “${example}”.`, "same-name"));
    }
    let group = "";
    this.ordered.slice(0, this.shownCount).forEach((entry, i) => {
      const g = groupOf(entry);
      if (g !== group) {
        group = g;
        nodes.push(
          Object.assign(document.createElement("div"), { className: "group", textContent: t(g, lang) }),
        );
      }
      nodes.push(this.row(entry, i, lang));
    });
    if (this.shownCount < this.ordered.length) {
      const more = Object.assign(document.createElement("button"), {
        type: "button",
        className: "more",
        textContent: `${t("moreResults", lang)} (${this.shownCount} / ${this.ordered.length} ${t("resultCount", lang)})`,
      });
      more.dataset.testid = "search-more";
      more.addEventListener("mousedown", (event) => {
        event.preventDefault();
        this.shownCount = Math.min(this.ordered.length, this.shownCount + 20);
        this.render();
      });
      nodes.push(more);
    }
    if (this.ordered.length === 0 && !outcome.address && input.value.trim().length >= 2) {
      nodes.push(note(t("noResult", lang), "empty"));
    }
    results.replaceChildren(...nodes);
    results.dataset.count = String(this.ordered.length);
    results.hidden = input.value.trim().length < 2;
    input.setAttribute("aria-activedescendant", this.active >= 0 ? `result-${this.active}` : "");
  }

  private row(entry: SearchEntry, i: number, lang: Lang): HTMLElement {
    const div = document.createElement("div");
    div.setAttribute("data-testid", "search-result");
    div.setAttribute("role", "option");
    div.id = `result-${i}`;
    div.dataset.code = entry.unit.code;
    div.dataset.era = entry.era;
    div.setAttribute("aria-selected", String(i === this.active));
    const level =
      entry.unit.level === "province"
        ? t("provinceLevel", lang)
        : entry.unit.level === "district"
          ? t("district", lang)
          : t("commune", lang);
    const where = [entry.district, entry.province]
      .filter((u) => u !== undefined)
      .map((u) => unitName(u, lang));
    div.append(
      Object.assign(document.createElement("strong"), { textContent: unitName(entry.unit, lang) }),
      Object.assign(document.createElement("span"), {
        className: `tag ${entry.era}`,
        textContent: [t(entry.era === "new" ? "newShort" : "oldShort", lang), level, ...where].join(" · "),
      }),
    );
    const past = this.outcome.through.get(entry);
    if (past)
      div.append(
        Object.assign(document.createElement("span"), {
          className: "through",
          textContent: throughText(past, lang),
        }),
      );
    const became = entry.era === "old" ? (this.options.became?.(entry) ?? []) : [];
    if (became.length > 0) {
      const names = became.slice(0, MAX_BECAME).map((u) => unitName(u, lang));
      if (became.length > MAX_BECAME) names.push("…");
      div.append(
        Object.assign(document.createElement("span"), {
          className: "became",
          textContent: `${t("becameShort", lang)} ${names.join(", ")}`,
        }),
      );
    }
    div.addEventListener("mousedown", (event) => {
      event.preventDefault();
      this.pick(i);
    });
    return div;
  }
}

/** New units named under an old one that was split among more. */
const MAX_BECAME = 3;

type Group = Extract<
  StringKey,
  "groupNewCommunes" | "groupOldCommunes" | "groupOldDistricts" | "groupNewProvinces" | "groupOldProvinces"
>;

function groupOf(entry: SearchEntry): Group {
  const level = entry.unit.level;
  if (level === "province") return entry.era === "new" ? "groupNewProvinces" : "groupOldProvinces";
  if (level === "district") return "groupOldDistricts";
  return entry.era === "new" ? "groupNewCommunes" : "groupOldCommunes";
}

/** The entries by group, the groups in the order of their best entry: the best entry stays first. */
function grouped(entries: SearchEntry[]): SearchEntry[] {
  const groups = new Map<Group, SearchEntry[]>();
  for (const entry of entries) {
    const g = groupOf(entry);
    const list = groups.get(g);
    if (list) list.push(entry);
    else groups.set(g, [entry]);
  }
  return [...groups.values()].flat();
}

/**
 * How many units share the first entry's name (several wards "Phường 11"). The old and the new unit
 * of one code (Phường Bến Thành before and after 2025) are one place: a district would not tell them apart.
 */
function sameNameCount(entries: SearchEntry[]): number {
  const first = entries[0];
  if (!first) return 0;
  const same = entries.filter(
    (e) => e.unit.fullName === first.unit.fullName && e.unit.level === first.unit.level,
  );
  return new Set(same.map((e) => e.unit.code)).size;
}

function note(text: string, kind: string): HTMLElement {
  const div = Object.assign(document.createElement("div"), { className: `note ${kind}`, textContent: text });
  div.dataset.testid = `search-${kind}`;
  return div;
}

/** The conversion of a whole address, with a link to the converter page for the details. */
function addressLine(outcome: SearchOutcome, text: string, lang: Lang): HTMLElement {
  const result = outcome.address;
  const div = Object.assign(document.createElement("div"), { className: "note address" });
  div.dataset.testid = "search-address";
  if (!result) return div;
  const label = Object.assign(document.createElement("span"), {
    className: "label",
    textContent: `${result.status === "ok" ? t("addressResult", lang) : t("addressAmbiguous", lang)}: `,
  });
  const value = Object.assign(document.createElement("strong"), {
    textContent: result.address ?? result.candidates.map((c) => c.full_name).join(" / "),
  });
  const link = Object.assign(document.createElement("a"), {
    href: `convert.html?address=${encodeURIComponent(text)}${lang === "en" ? "&lang=en" : ""}`,
    textContent: t("openConverter", lang),
  });
  link.addEventListener("mousedown", (event) => event.preventDefault());
  div.append(label, value, " — ", link);
  return div;
}
