/** The dashboard's state in its URL: `?date=YYYY-MM-DD&province=CODE&lang=en`. */
import { addDays, SERIES_WEEKS, vietnamDay } from "@diagioi/core";
import type { Lang } from "../i18n.ts";

export interface DashState {
  date: string;
  province?: string;
  lang: Lang;
}

/** What the link asked for, when it is not what is shown: a day or a province code that was replaced. */
export interface DashAsked {
  date?: string;
  province?: string;
}

export function readDash(): DashState & { asked: DashAsked } {
  const p = new URLSearchParams(location.search);
  const date = p.get("date") ?? undefined;
  const province = p.get("province") || undefined;
  const shown = date ? shownDay(date) : vietnamDay();
  return {
    date: shown,
    province,
    lang: p.get("lang") === "en" ? "en" : "vi",
    asked: { ...(date && date !== shown ? { date } : {}) },
  };
}

/** The first day of the new units: the first day the figures exist, where the progress line starts. */
export const MERGER_DAY = "2025-07-01";

/**
 * The day whose figures to show for a day asked for: today for one that does not exist
 * ("2025-09-31") or is still to come, the merger's day for one before it.
 */
export function shownDay(date: string): string {
  const today = vietnamDay();
  if (!isCalendarDay(date) || date > today) return today;
  return date < MERGER_DAY ? MERGER_DAY : date;
}

/** True for a day of the calendar written YYYY-MM-DD: not "2025-09-31", nor "2025-13-45". */
export function isCalendarDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
}

export function writeDash(s: DashState, mode: "push" | "replace"): void {
  const p = new URLSearchParams();
  p.set("date", s.date);
  if (s.province) p.set("province", s.province);
  if (s.lang === "en") p.set("lang", "en");
  const url = `${location.pathname}?${p}`;
  if (url === location.pathname + location.search) return;
  if (mode === "push") history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

/** The first day of the weekly series ending on `date`: the merger's, or 119 weeks before `date`. */
export function seriesStart(date: string): string {
  const day = addDays(date, -(SERIES_WEEKS - 1) * 7);
  return day < MERGER_DAY ? MERGER_DAY : day;
}
