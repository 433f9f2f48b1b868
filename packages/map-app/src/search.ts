/** Search over every old and new unit by name (any spelling, with or without diacritics) or code. */
import { looseKey, type Unit } from "@diagioi/core";

export interface SearchEntry {
  unit: Unit;
  era: "old" | "new";
  key: string;
  /** Name of the province it belongs to, for the result line. */
  province: string;
}

export function buildSearchIndex(
  oldUnits: Unit[],
  newUnits: Unit[],
  provinceOf: (u: Unit, era: "old" | "new") => string,
): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const [era, units] of [
    ["new", newUnits],
    ["old", oldUnits],
  ] as const) {
    for (const unit of units)
      entries.push({ unit, era, key: looseKey(unit.fullName), province: provinceOf(unit, era) });
  }
  return entries;
}

/** Best matches first: exact code, then names starting with the query, then containing it; new before old. */
export function search(entries: SearchEntry[], query: string, limit = 12): SearchEntry[] {
  const text = query.trim();
  if (text.length < 2) return [];
  if (/^\d{2,5}$/.test(text)) return entries.filter((e) => e.unit.code === text).slice(0, limit);
  const key = looseKey(text);
  const scored: [number, SearchEntry][] = [];
  for (const entry of entries) {
    const at = entry.key.indexOf(key);
    if (at < 0) continue;
    const wordStart = at === 0 || entry.key[at - 1] === " ";
    const bareName = looseKey(entry.unit.name) === key;
    const score =
      (bareName ? 0 : wordStart ? 1 : 2) * 10 +
      (entry.era === "new" ? 0 : 1) +
      levelRank(entry.unit.level) * 0.1;
    scored.push([score, entry]);
  }
  return scored
    .sort((a, b) => a[0] - b[0])
    .slice(0, limit)
    .map(([, e]) => e);
}

function levelRank(level: Unit["level"]): number {
  return level === "province" ? 0 : level === "district" ? 1 : 2;
}
