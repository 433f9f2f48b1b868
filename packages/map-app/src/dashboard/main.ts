/**
 * The register's dashboard (`/dashboard?date=YYYY-MM-DD&province=CODE`): figures as of a day, by
 * Ministry of Finance category (stacked bars), progress over time (a line from the dated figures),
 * provinces ranked by backlog and overdue (a sortable table that downloads as CSV/XLSX), a
 * choropleth of the backlog, and the seats the merger emptied with no facility registered.
 */
import "../register/register.css";
import "./dashboard.css";
import { CATEGORIES, vietnamDay } from "@diagioi/core";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { api, type CoverageSeat, type Figures, type Meta, type Stats } from "../register/api.ts";
import { formatDay } from "../register/fields.ts";
import { CATEGORY_PALETTE } from "../register/palette.ts";
import { r } from "../register/strings.ts";
import type { Cell } from "../tables.ts";
import type { EarlyRequests, ProvinceMap } from "./entry.ts";
import {
  type DashAsked,
  type DashState,
  isCalendarDay,
  MERGER_DAY,
  readDash,
  seriesStart,
  shownDay,
  writeDash,
} from "./state.ts";
import { D, type DashKey } from "./strings.ts";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Matches the stylesheet's one-column layout (dashboard.css). */
const NARROW = window.matchMedia("(max-width: 760px)");
const BACKLOG_COLOURS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];

type SortKey = "name" | "total" | "handled" | "pending" | "overdue" | "share";

/** Draws the dashboard from the requests the entry started (see entry.ts). */
export async function start(early: EarlyRequests): Promise<void> {
  const provinceMap = await early.provinces;
  const provinceOf = new Map(provinceMap.provinces.map((p) => [p.code, p]));
  const formerOf = new Map((provinceMap.former ?? []).map((p) => [p.code, p]));
  let { asked, ...state } = settled(early.state);
  writeDash(state, "replace");
  const t = (key: DashKey) => D[key][state.lang];
  let prefetched: [Promise<Stats>, Promise<{ seats: CoverageSeat[] } | undefined>] | undefined = [
    early.stats,
    // The coverage asked for a province the link named: ask again for the one shown instead.
    asked.province === undefined ? early.coverage : early.stats.then(() => api.coverage(state.province)),
  ];

  /**
   * The state with a province of today: an old province's code (an old bookmark) gives the province
   * it went into, and an unknown code the whole country; `asked` keeps what was replaced, to say so.
   */
  function settled(read: DashState & { asked: DashAsked }): DashState & { asked: DashAsked } {
    const code = read.province;
    if (code === undefined || provinceOf.has(code)) return read;
    const now = formerOf.get(code)?.now;
    return { ...read, province: now, asked: { ...read.asked, province: code } };
  }

  /** Says, in the page's language, which day or province the link asked for and what is shown instead. */
  function notices(): string {
    const lines: string[] = [];
    const lang = state.lang;
    if (asked.date !== undefined) {
      const key =
        !/^\d{4}-\d{2}-\d{2}$/.test(asked.date) || !isCalendarDay(asked.date)
          ? "noSuchDay"
          : asked.date > state.date
            ? "futureDay"
            : "beforeMerger";
      // Days as the language writes them; one that is no day, as it was typed.
      const asDay = (day: string) => (key === "noSuchDay" && day === asked.date ? day : formatDay(day, lang));
      lines.push(
        `${D[key][lang].replace("{asked}", asDay(asked.date))} ${D.showingDay[lang].replace("{day}", asDay(state.date))}`,
      );
    }
    if (asked.province !== undefined) {
      const former = formerOf.get(asked.province);
      lines.push(
        former && state.province
          ? D.formerProvince[lang]
              .replace("{code}", asked.province)
              .replace("{old}", lang === "en" && former.nameEn ? former.nameEn : former.name)
              .replaceAll("{now}", nameOf(state.province))
          : D.noSuchProvince[lang].replace("{code}", asked.province),
      );
    }
    return lines.join(" ");
  }
  // What the register is (the synthetic banner) is shown when it comes: the figures do not wait for it.
  let meta: Meta | undefined;
  const showSynthetic = () => {
    const synthetic = $("dash-synthetic");
    synthetic.hidden = !meta?.register.synthetic;
    synthetic.textContent = r("synthetic", state.lang);
  };
  void early.meta.then((found) => {
    meta = found;
    showSynthetic();
  });
  /** A province's full name in the language shown. */
  const nameOf = (code: string) => {
    const p = provinceOf.get(code);
    return p ? (state.lang === "en" && p.nameEn ? p.nameEn : p.name) : code;
  };
  /** Without its designation, for the bars' labels: "Hà Nội", "Ha Noi". */
  const shortNameOf = (code: string) =>
    nameOf(code)
      .replace(/^(Thành phố|Tỉnh) /, "")
      .replace(/ (City|Province)$/, "");

  const shapes = drawProvinces($("choropleth"), provinceMap);
  shapes.addEventListener("click", (event) => {
    const code = (event.target as Element).getAttribute("data-code");
    if (!code) return;
    state = { ...state, province: state.province === code ? undefined : code };
    asked = {};
    writeDash(state, "push");
    void render();
  });

  let bars: Chart | undefined;
  NARROW.addEventListener("change", () => renderBars());
  let line: Chart | undefined;
  let stats: Stats | undefined;
  let sort: { key: SortKey; descending: boolean } = { key: "pending", descending: true };
  let seats: CoverageSeat[] = [];
  let showAllSeats = false;
  const chartLocale = () => (state.lang === "vi" ? "vi-VN" : "en-GB");
  const fmt = (n: number) => n.toLocaleString(chartLocale());
  /**
   * A share with one decimal in the language's way: "28,7 %" in Vietnamese, "28.7 %" in English, with
   * a no-break space so that a narrow column does not put the sign on a line of its own.
   */
  const percent = (n: number) =>
    `${n.toLocaleString(chartLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}\u00a0%`;

  const province = $<HTMLSelectElement>("dash-province");
  const date = $<HTMLInputElement>("dash-date");
  province.addEventListener("change", () => {
    state = { ...state, province: province.value || undefined };
    asked = {};
    writeDash(state, "push");
    void render();
  });
  date.min = MERGER_DAY;
  date.max = vietnamDay();
  date.addEventListener("change", () => {
    if (!date.value) return;
    state = { ...state, date: shownDay(date.value) };
    asked = {};
    date.value = state.date;
    writeDash(state, "push");
    void render();
  });
  $("dash-print").addEventListener("click", () => window.print());
  $("dash-lang").addEventListener("click", () => {
    state = { ...state, lang: state.lang === "vi" ? "en" : "vi" };
    writeDash(state, "push");
    void render();
  });
  // The CSV and XLSX writers are fetched on the first download, not before the figures are drawn.
  $("table-csv").addEventListener("click", async () => {
    const { download, toCsv } = await import("../tables.ts");
    download(`diagioi-provinces-${state.date}.csv`, toCsv(tableRows()), "text/csv;charset=utf-8");
  });
  $("table-xlsx").addEventListener("click", async () => {
    const { download, toXlsx, XLSX_TYPE } = await import("../tables.ts");
    download(
      `diagioi-provinces-${state.date}.xlsx`,
      toXlsx(tableRows(), state.date, (c) => c > 1),
      XLSX_TYPE,
    );
  });
  $("cov-more").addEventListener("click", () => {
    showAllSeats = !showAllSeats;
    renderCoverage();
  });
  window.addEventListener("popstate", () => {
    ({ asked, ...state } = settled(readDash()));
    void render();
  });

  function texts(): void {
    document.documentElement.lang = state.lang;
    document.title = `diagioi — ${t("title")}`;
    $("dash-title").textContent = t("title");
    $("date-label").textContent = t("asOf");
    $("province-label").textContent = r("province", state.lang);
    $("dash-print").textContent = t("print");
    $("dash-lang").textContent = state.lang === "vi" ? "English" : "Tiếng Việt";
    $("l-total").textContent = t("total");
    $("l-handled").textContent = t("handled");
    $("l-pending").textContent = t("pending");
    $("l-overdue").textContent = t("overdue");
    // Overdue counts decided facilities too (past their own deadline, not done): it may pass pending.
    // The map counts withdrawn facilities too (they are drawn, in grey): the two totals differ by them.
    $("h-total").textContent = t("totalHint");
    $("h-pending").textContent = t("pendingHint");
    $("h-overdue").textContent = t("overdueHint");
    $("c-bars").textContent = t("byCategory");
    $("c-line").textContent = t("progress");
    $("c-map").textContent = t("backlogMap");
    $("t-title").textContent = t("ranking");
    $("cov-title").textContent = t("coverage");
    // Back to the map with the province shown here as its filter, in the same language.
    const back = new URLSearchParams();
    if (state.province) back.set("province", state.province);
    if (state.lang === "en") back.set("lang", "en");
    const query = back.toString();
    (document.querySelector(".brand") as HTMLAnchorElement).href = `./${query ? `?${query}` : ""}`;
    $("dash-status").textContent = notices();
    showSynthetic();
    province.replaceChildren(
      new Option(r("country", state.lang), ""),
      ...[...provinceOf.keys()]
        .map((code) => new Option(nameOf(code), code))
        .sort((a, b) => a.text.localeCompare(b.text, state.lang)),
    );
    province.value = state.province ?? "";
    date.value = state.date;
  }

  function tableRows(): Cell[][] {
    const header = [
      t("code"),
      r("province", state.lang),
      t("total"),
      t("handled"),
      t("pending"),
      t("overdue"),
      t("share"),
    ];
    const row = (code: string, name: string, f: Figures): Cell[] => [
      code,
      name,
      f.total,
      f.handled,
      f.pending,
      f.overdue,
      Math.round(share(f) * 10) / 10,
    ];
    const rows = ranked().map(([code, f]) => row(code, nameOf(code), f));
    // The country's figures close the file when it lists every province.
    if (!state.province && stats) rows.push(row("", t("wholeCountry"), stats));
    return [header, ...rows];
  }

  function ranked(): [string, Figures][] {
    const rows = Object.entries(stats?.by_province ?? {}).filter(
      ([code]) => !state.province || code === state.province,
    );
    const value = ([code, f]: [string, Figures]): number | string =>
      sort.key === "name" ? nameOf(code) : sort.key === "share" ? share(f) : f[sort.key];
    return rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order =
        typeof x === "string" ? x.localeCompare(y as string, "vi") : (x as number) - (y as number);
      return sort.descending ? -order || a[0].localeCompare(b[0]) : order || a[0].localeCompare(b[0]);
    });
  }

  function renderTable(): void {
    const table = $("provinces");
    const columns: [SortKey, string][] = [
      ["name", r("province", state.lang)],
      ["total", t("total")],
      ["handled", t("handled")],
      ["pending", t("pending")],
      ["overdue", t("overdue")],
      ["share", t("share")],
    ];
    const head = document.createElement("tr");
    for (const [key, label] of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      if (sort.key === key) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      const button = Object.assign(document.createElement("button"), {
        type: "button",
        textContent: `${label}${sort.key === key ? (sort.descending ? " ▼" : " ▲") : ""}`,
      });
      button.dataset.sort = key;
      button.addEventListener("click", () => {
        sort = { key, descending: sort.key === key ? !sort.descending : key !== "name" };
        renderTable();
        table.querySelector<HTMLButtonElement>(`button[data-sort=${key}]`)?.focus();
      });
      th.append(button);
      head.append(th);
    }
    const body = document.createElement("tbody");
    for (const [code, f] of ranked()) {
      const tr = document.createElement("tr");
      tr.dataset.province = code;
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = nameOf(code);
      tr.append(name);
      for (const [value, key] of [
        [fmt(f.total), "total"],
        [fmt(f.handled), "handled"],
        [fmt(f.pending), "pending"],
        [fmt(f.overdue), "overdue"],
        [percent(share(f)), "share"],
      ]) {
        const td = document.createElement("td");
        td.textContent = value as string;
        td.dataset.col = key as string;
        tr.append(td);
      }
      body.append(tr);
    }
    table.replaceChildren(Object.assign(document.createElement("thead"), {}), body);
    table.querySelector("thead")?.append(head);
  }

  function renderBars(): void {
    const rows = Object.entries(stats?.by_province ?? {})
      .filter(([code]) => !state.province || code === state.province)
      .sort((a, b) => b[1].total - a[1].total);
    const data = {
      labels: rows.map(([code]) => shortNameOf(code)),
      datasets: CATEGORIES.entries.map((c, i) => ({
        label: c[state.lang],
        data: rows.map(([, f]) => f.by_category[c.value] ?? 0),
        backgroundColor: CATEGORY_PALETTE[i],
        stack: "all",
      })),
    };
    // On a narrow screen 34 names under vertical bars overlap: the bars lie down, one name a line.
    const lying = NARROW.matches;
    const box = $<HTMLCanvasElement>("bars").parentElement as HTMLElement;
    box.style.height = lying ? `${Math.max(240, rows.length * 18 + 140)}px` : "";
    if (bars && (bars.options.indexAxis === "y") === lying) {
      bars.data = data;
      bars.options.locale = chartLocale();
      bars.update("none");
      return;
    }
    bars?.destroy();
    const names = { autoSkip: false, font: { size: 10 } };
    bars = new Chart($<HTMLCanvasElement>("bars"), {
      type: "bar",
      data,
      options: {
        locale: chartLocale(),
        indexAxis: lying ? "y" : "x",
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        scales: {
          x: { stacked: true, ...(lying ? {} : { ticks: { ...names, maxRotation: 70 } }) },
          y: { stacked: true, ...(lying ? { ticks: names } : {}) },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
      },
    });
  }

  async function renderLine(): Promise<void> {
    // shownDay keeps the day on or after the merger's.
    const items = await api.series(seriesStart(state.date), state.date, state.province);
    const series = [
      ["total", "#555"],
      ["handled", "#2e7d32"],
      ["pending", "#c62828"],
      ["overdue", "#000"],
    ] as const;
    const data = {
      labels: items.map((i) => formatDay(i.date, state.lang)),
      datasets: series.map(([key, colour]) => ({
        label: t(key),
        data: items.map((i) => i[key]),
        borderColor: colour,
        backgroundColor: colour,
        pointRadius: 0,
        borderWidth: 2,
        borderDash: key === "overdue" ? [4, 3] : [],
      })),
    };
    if (line) {
      line.data = data;
      line.options.locale = chartLocale();
      line.update("none");
    } else {
      line = new Chart($<HTMLCanvasElement>("line"), {
        type: "line",
        data,
        options: {
          locale: chartLocale(),
          animation: false,
          maintainAspectRatio: false,
          responsive: true,
          interaction: { mode: "index", intersect: false },
          scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        },
      });
    }
  }

  function renderChoropleth(): void {
    const pending = Object.values(stats?.by_province ?? {}).map((f) => f.pending);
    const max = Math.max(1, ...pending);
    const breaks = [0, 0.05, 0.15, 0.35, 0.6].map((q) => Math.round(q * max));
    const colour = (n: number) =>
      BACKLOG_COLOURS[breaks.filter((b) => n > b || (b === 0 && n >= 0)).length - 1] as string;
    for (const path of Array.from(shapes.querySelectorAll("path"))) {
      const code = path.dataset.code as string;
      const f = stats?.by_province[code];
      const n = f?.pending ?? 0;
      const chosen = state.province === code;
      path.setAttribute("fill", f ? colour(n) : "#f5f5f5");
      path.setAttribute("stroke", chosen ? "#000" : "#555");
      path.setAttribute("stroke-width", chosen ? "2" : "0.6");
      if (chosen) path.parentNode?.append(path); // drawn last, so that its outline shows whole
      (path.firstElementChild as SVGTitleElement).textContent =
        `${nameOf(code)}: ${fmt(n)} ${t("pending").toLowerCase()}${f ? ` · ${fmt(f.overdue)} ${t("overdue").toLowerCase()}` : ""}`;
    }
    const legend = $("choropleth-legend");
    legend.replaceChildren(
      ...breaks.map((b, i) => {
        const row = document.createElement("span");
        const swatch = document.createElement("i");
        swatch.style.background = BACKLOG_COLOURS[i] as string;
        const next = breaks[i + 1];
        row.append(
          swatch,
          ` ${i === 0 ? "0" : `> ${fmt(b)}`}${next !== undefined && i > 0 ? `–${fmt(next)}` : i === 0 ? `–${fmt(breaks[1] ?? 0)}` : ""}`,
        );
        return row;
      }),
    );
  }

  function renderCoverage(): void {
    const without = seats.filter((s) => s.facility_count === 0);
    const lang = state.lang;
    $("cov-summary").textContent = `${fmt(without.length)} / ${fmt(seats.length)} ${t("seatsWithout")}`;
    const shown = showAllSeats ? without : without.slice(0, 50);
    const table = $("coverage");
    const head = document.createElement("thead");
    head.innerHTML =
      "<tr><th scope='col'></th><th scope='col'></th><th scope='col'></th><th scope='col'></th></tr>";
    const ths = head.querySelectorAll("th");
    [t("code"), t("seat"), t("level"), t("newProvinces")].forEach((label, i) => {
      (ths[i] as HTMLElement).textContent = label;
    });
    const body = document.createElement("tbody");
    for (const s of shown) {
      const tr = document.createElement("tr");
      for (const text of [
        s.code,
        s.full_name,
        D[`level_${s.level}` as DashKey][lang],
        s.new_province_codes.map((c) => nameOf(c)).join(", "),
      ]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      body.append(tr);
    }
    table.replaceChildren(head, body);
    const more = $("cov-more");
    more.hidden = without.length <= 50;
    more.textContent = showAllSeats ? t("fewer") : `${t("all")} (${fmt(without.length)})`;
  }

  let generation = 0;
  async function render(): Promise<void> {
    const mine = ++generation;
    const began = performance.now();
    $("dashboard").setAttribute("aria-busy", "true");
    document.body.dataset.ready = "0";
    texts();
    const nextStats = prefetched ? undefined : api.stats(state.date);
    const [statsRequest, coverageRequest] = prefetched ?? [
      nextStats as Promise<Stats>,
      (nextStats as Promise<Stats>).then(() => api.coverage(state.province)).catch(() => undefined),
    ];
    prefetched = undefined;
    void coverageRequest.then((coverage) => {
      if (mine !== generation) return;
      seats = coverage?.seats ?? [];
      renderCoverage();
      document.body.dataset.coverage = "1";
    });
    stats = await statsRequest;
    if (mine !== generation) return;
    const figures: Figures = state.province ? (stats.by_province[state.province] ?? empty()) : stats;
    $("stat-total").textContent = fmt(figures.total);
    $("stat-handled").textContent = fmt(figures.handled);
    $("stat-pending").textContent = fmt(figures.pending);
    $("stat-overdue").textContent = fmt(figures.overdue);
    $("stat-share").textContent = ` ${percent(share(figures))}`;
    renderBars();
    renderTable();
    renderChoropleth();
    $("dashboard").setAttribute("aria-busy", "false");
    document.body.dataset.ready = "1";
    document.body.dataset.renderMs = String(Math.round(performance.now() - began));
    // From navigation to the figures drawn (the first time), for the end-to-end test's budget.
    document.body.dataset.readyAt ??= String(Math.round(performance.now()));
    performance.mark("dashboard-ready");
    await renderLine();
    if (mine !== generation) return;
    document.body.dataset.series = "1";
  }

  await render();
}

/**
 * The provinces as an SVG map in `box`, one path per province (its code in `data-code`, its figures
 * in a `<title>`, the browser's tooltip). A still map of 34 shapes needs no map library, and the
 * shapes come projected: the page only places them.
 */
function drawProvinces(box: HTMLElement, map: ProvinceMap): SVGSVGElement {
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("viewBox", `0 0 ${map.width} ${map.height}`);
  svg.setAttribute("role", "img");
  for (const province of map.provinces) {
    const element = document.createElementNS(svgNs, "path");
    element.setAttribute("d", province.d);
    element.dataset.code = province.code;
    element.setAttribute("fill", "#eee");
    element.append(document.createElementNS(svgNs, "title"));
    svg.append(element);
  }
  box.replaceChildren(svg);
  return svg;
}

function share(f: Figures): number {
  return f.total === 0 ? 0 : (100 * f.handled) / f.total;
}

function empty(): Figures {
  return { total: 0, handled: 0, pending: 0, overdue: 0, by_category: {} };
}
