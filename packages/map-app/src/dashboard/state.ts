/** The dashboard's state in its URL: `?date=YYYY-MM-DD&province=CODE&lang=en`. */
import { vietnamDay } from "@diagioi/core";
import type { Lang } from "../i18n.ts";

export interface DashState {
  date: string;
  province?: string;
  lang: Lang;
}

export function readDash(): DashState {
  const p = new URLSearchParams(location.search);
  const date = p.get("date");
  const province = p.get("province");
  return {
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : vietnamDay(),
    province: province && /^\d{2}$/.test(province) ? province : undefined,
    lang: p.get("lang") === "en" ? "en" : "vi",
  };
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
