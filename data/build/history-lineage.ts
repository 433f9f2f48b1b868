/**
 * Step 2b: the changes between the statistics office's lists of 2004-08-31 … 2025-03-01, as links from
 * each version that ended to what it became (lineage-history.csv).
 *
 * - The same code in the next list under another name, kind or parent: `renamed`, `retyped`, `moved`
 *   (other district or province) or `kept` (only its district was renamed). Certain.
 * - A code that leaves the lists: its successor is, in this order of evidence,
 *   1. a unit of its district that the next list gives the same name under a new code (`recoded`; `whole`
 *      when that code was a neighbour's, which then went `whole` into it too);
 *   2. the unit(s) of its district that alias_ward.csv names it an earlier name of (`whole`, or `part`
 *      for each of several);
 *   3. the only unit its district still has (or the district itself when it has no commune left);
 *   4. otherwise every unit of its district in the next list, each marked `uncertain`: it went into one
 *      of them, the lists do not say which. Never a unit of another district.
 * - A district or province that leaves the lists: the district(s) or province(s) its units went to;
 *   one that changed the day a new district took some of its communes also went `part` into that one.
 */
import { looseKey, removeDiacritics, type UnitLevel } from "@diagioi/core";
import type { HistoryResolution, HistorySources, WardAlias } from "./history-sources.ts";
import type { HistoryVersions, Version } from "./history-versions.ts";
import type { Registry } from "./units.ts";

export type HistoryKind = "whole" | "part" | "kept" | "renamed" | "retyped" | "moved" | "recoded";

/** How a link was established. */
export type Basis =
  | "same_code"
  | "same_name"
  | "alias_ward"
  | "only_unit_left"
  | "district_without_communes"
  | "units_went_to"
  | "district_units";

export interface HistoryLinkRow {
  effective_date: string;
  old_code: string;
  old_level: UnitLevel;
  old_full_name: string;
  new_code: string;
  new_level: UnitLevel;
  new_full_name: string;
  kind: HistoryKind;
  certainty: "certain" | "uncertain";
  basis: Basis;
  legal_ref: string;
  sources: string;
}

export const HISTORY_LINK_COLUMNS: (keyof HistoryLinkRow)[] = [
  "effective_date",
  "old_code",
  "old_level",
  "old_full_name",
  "new_code",
  "new_level",
  "new_full_name",
  "kind",
  "certainty",
  "basis",
  "legal_ref",
  "sources",
];

/** Names of the sources in the `sources` column. */
export const HISTORY_SOURCES = {
  lists: "gso-lists",
  resolutions: "gso-resolutions",
  alias: "alias_ward",
} as const;

export function buildHistoryLineage(
  sources: HistorySources,
  history: HistoryVersions,
  registry: Registry,
): HistoryLinkRow[] {
  const { snapshots } = history;
  const lastIndex = snapshots.length - 1;
  const aliases = aliasIndex(sources.aliases, registry);
  const legal = legalRefs(sources.resolutions, snapshots);
  const rows: HistoryLinkRow[] = [];
  const linksOf = new Map<Version, HistoryLinkRow[]>();

  const link = (
    from: Version,
    to: Version,
    kind: HistoryKind,
    certainty: HistoryLinkRow["certainty"],
    basis: Basis,
  ) => {
    const next = from.last + 1;
    const ref = legal(next, provinceName(from, history), districtName(from, history));
    const row: HistoryLinkRow = {
      effective_date: snapshots[next] as string,
      old_code: from.code,
      old_level: from.level,
      old_full_name: from.row.full_name,
      new_code: to.code,
      new_level: to.level,
      new_full_name: to.row.full_name,
      kind,
      certainty,
      basis,
      legal_ref: ref,
      sources: [
        HISTORY_SOURCES.lists,
        basis === "alias_ward" ? HISTORY_SOURCES.alias : "",
        ref ? HISTORY_SOURCES.resolutions : "",
      ]
        .filter(Boolean)
        .join(";"),
    };
    rows.push(row);
    linksOf.set(from, [...(linksOf.get(from) ?? []), row]);
  };

  const byDistrict = new Map<number, Map<string, Version[]>>();
  const communesOf = (snapshot: number) => {
    let found = byDistrict.get(snapshot);
    if (!found) {
      found = new Map();
      for (const u of history.at("commune", snapshot).values()) {
        found.set(u.entry.districtCode, [...(found.get(u.entry.districtCode) ?? []), u]);
      }
      byDistrict.set(snapshot, found);
    }
    return found;
  };

  for (const level of ["commune", "district", "province"] as const) {
    for (const version of history.versions) {
      if (version.level !== level || version.last === lastIndex) continue;
      const next = version.last + 1;
      const same = history.of(level, version.code).find((v) => v.first === next);
      if (same && !(level === "commune" && aliasSaysOtherwise(version, same, next))) {
        link(version, same, changeKind(version, same), "certain", "same_code");
        continue;
      }
      if (level === "commune") vanishedCommune(version, next);
      else vanishedParent(version, next);
    }
  }
  splitOff();
  mergedUnderNeighboursCode(rows);
  return rows;

  /**
   * A district created from communes of a district that changed the same day, under its own code:
   * that one went `part` into the new one too (Huyện Từ Liêm, retyped Quận Nam Từ Liêm on 2013-12-28
   * as Quận Bắc Từ Liêm took its other communes). A district that carried on unchanged has no version
   * ending then to link from.
   */
  function splitOff(): void {
    for (const created of history.versions) {
      if (created.level !== "district" || created.first === 0) continue;
      const before = created.first - 1;
      if (history.at("district", before).has(created.code)) continue;
      const gave = new Set<Version>();
      for (const commune of communesOf(created.first).get(created.code) ?? []) {
        const previous = history.at("commune", before).get(commune.code);
        const district = previous && history.at("district", before).get(previous.entry.districtCode);
        const carriedOn = district && history.at("district", created.first).has(district.code);
        if (district && carriedOn && district.last === before) gave.add(district);
      }
      for (const district of [...gave].sort(byCode)) {
        const links = linksOf.get(district) ?? [];
        if (links.some((l) => l.new_code === created.code)) continue;
        // What kept its code is a part of it now, renamed or retyped or not.
        for (const l of links) l.kind = "part";
        link(district, created, "part", "certain", "units_went_to");
      }
    }
  }

  /** The units of the next list a commune of `gone`'s district may have gone into. */
  function successorsInDistrict(gone: Version, next: number): Version[] {
    const district = gone.entry.districtCode;
    const after = history.at("commune", next);
    return [
      ...new Set([
        ...(communesOf(next).get(district) ?? []),
        ...(communesOf(gone.last).get(district) ?? []).flatMap((u) => after.get(u.code) ?? []),
      ]),
    ];
  }

  /**
   * True when the next list gives a code, for that list only, the name a neighbour of its district
   * had, while alias_ward.csv says the unit went into other codes: the list mislabelled the code
   * (Quận 6's 27361 "Phường 5" listed as "Phường 2" on 2025-01-01 only, the name of 27367, while
   * Phường 5 went into Phường 9), and the alias is the evidence.
   */
  function aliasSaysOtherwise(version: Version, same: Version, next: number): boolean {
    if (same.first !== same.last || same.entry.key === version.entry.key) return false;
    const neighbours = communesOf(version.last).get(version.entry.districtCode) ?? [];
    const tookNeighboursName = neighbours.some(
      (u) => u.code !== version.code && u.entry.key === same.entry.key,
    );
    if (!tookNeighboursName) return false;
    const named = aliases(version, snapshots[next] as string, successorsInDistrict(version, next));
    return named.length > 0 && named.every((u) => u.code !== version.code);
  }

  function vanishedCommune(gone: Version, next: number): void {
    const district = gone.entry.districtCode;
    const candidates = successorsInDistrict(gone, next);
    if (candidates.length === 0) {
      const own = history.at("district", next).get(district);
      if (own) link(gone, own, "whole", "certain", "district_without_communes");
      return; // no successor: the check reports it
    }
    const recoded = candidates.filter((u) => u.entry.key === gone.entry.key && u.first === next);
    if (recoded.length === 1 && recoded[0]) {
      link(gone, recoded[0], "recoded", "certain", "same_name");
      return;
    }
    // A neighbour renamed to its name while it was still listed carried it on: the two merged (the
    // list of 2020-02-01 gives both 02638 Phường Lào Cai and 02641, Phố Mới renamed Phường Lào Cai).
    const carriedOn = candidates.filter(
      (u) => u.entry.key === gone.entry.key && u.first === gone.last && u.code !== gone.code,
    );
    if (carriedOn.length === 1 && carriedOn[0]) {
      link(gone, carriedOn[0], "whole", "certain", "same_name");
      return;
    }
    const named = aliases(gone, snapshots[next] as string, candidates);
    if (named.length > 0) {
      for (const u of named) link(gone, u, named.length === 1 ? "whole" : "part", "certain", "alias_ward");
      return;
    }
    if (candidates.length === 1 && candidates[0]) {
      link(gone, candidates[0], "whole", "certain", "only_unit_left");
      return;
    }
    for (const u of candidates.sort(byCode)) link(gone, u, "whole", "uncertain", "district_units");
  }

  /** A district or province: where its units went. */
  function vanishedParent(gone: Version, next: number): void {
    const childLevel: UnitLevel = gone.level === "district" ? "commune" : "district";
    const parentOf = (v: Version) =>
      gone.level === "district" ? v.entry.districtCode : v.entry.provinceCode;
    const children = [...history.at(childLevel, gone.last).values()].filter((c) => parentOf(c) === gone.code);
    const certain = new Set<Version>();
    const uncertain = new Set<Version>();
    for (const child of children) {
      for (const l of linksOf.get(child) ?? []) {
        const target =
          l.new_level === gone.level
            ? history.at(gone.level, next).get(l.new_code)
            : history
                .at(gone.level, next)
                .get(parentCode(history.at(l.new_level, next).get(l.new_code), gone.level));
        if (target) (l.certainty === "certain" ? certain : uncertain).add(target);
      }
      const stays = history.at(childLevel, next).get(child.code);
      if (stays && !linksOf.get(child)) {
        const target = history.at(gone.level, next).get(parentCode(stays, gone.level));
        if (target) certain.add(target);
      }
    }
    const targets = certain.size > 0 ? certain : uncertain;
    const sure = certain.size > 0;
    const list = [...targets].sort(byCode);
    for (const target of list) {
      const kind = !sure ? "whole" : list.length === 1 ? "whole" : "part";
      link(gone, target, kind, sure || list.length === 1 ? "certain" : "uncertain", "units_went_to");
    }
  }
}

/**
 * A commune listed under its own name but the code of a neighbour that the previous list still had
 * (Thị trấn Yên Châu 04060 → 04075, until then Xã Viêng Lán): the two merged. Both links become
 * `whole` into the unit under that code, rather than a re-code and a rename.
 */
function mergedUnderNeighboursCode(rows: HistoryLinkRow[]): void {
  const sameCode = new Map(
    rows
      .filter((r) => r.basis === "same_code")
      .map((r) => [`${r.old_level}:${r.old_code}:${r.effective_date}`, r]),
  );
  for (const row of rows) {
    if (row.kind !== "recoded") continue;
    const holder = sameCode.get(`${row.new_level}:${row.new_code}:${row.effective_date}`);
    if (!holder) continue;
    row.kind = "whole";
    holder.kind = "whole";
  }
}

function parentCode(unit: Version | undefined, level: UnitLevel): string {
  if (!unit) return "";
  return level === "district" ? unit.entry.districtCode : unit.entry.provinceCode;
}

function changeKind(before: Version, after: Version): HistoryKind {
  if (before.entry.kind !== after.entry.kind) return "retyped";
  if (before.entry.key !== after.entry.key) return "renamed";
  if (
    before.entry.districtCode !== after.entry.districtCode ||
    before.entry.provinceCode !== after.entry.provinceCode
  )
    return "moved";
  return "kept";
}

function byCode(a: Version, b: Version): number {
  return a.code.localeCompare(b.code);
}

/** lower case, no diacritics, no spaces: the key form of alias_ward.csv. */
export function aliasKey(text: string): string {
  return removeDiacritics(text.normalize("NFC"))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * The units of the next list that alias_ward.csv says a vanished commune became: the row must name
 * the commune's province, give its name as an alias (with or without the designation), carry no
 * year more than a year from the change, and lead to a unit of its district — found by the code of
 * the 2025-03-01 commune it names, or else by that commune's name.
 */
function aliasIndex(rows: WardAlias[], registry: Registry) {
  const communeByKeys = new Map<string, string>();
  for (const c of registry.old.commune.values()) {
    const d = registry.old.district.get(c.parent_code);
    const p = d && registry.old.province.get(d.parent_code);
    if (d && p)
      communeByKeys.set(`${aliasKey(p.full_name)}|${aliasKey(d.full_name)}|${aliasKey(c.full_name)}`, c.code);
  }
  const byProvinceAndAlias = new Map<string, { code: string; year?: number }[]>();
  for (const row of rows) {
    const code = communeByKeys.get(`${row.provinceKey}|${row.districtKey}|${row.wardKey}`);
    if (!code) continue;
    const key = `${row.provinceKey}|${row.alias}`;
    byProvinceAndAlias.set(key, [...(byProvinceAndAlias.get(key) ?? []), { code, year: row.year }]);
  }
  return (gone: Version, date: string, candidates: Version[]): Version[] => {
    const province = registry.old.province.get(gone.entry.provinceCode);
    if (!province) return [];
    const year = Number(date.slice(0, 4));
    const targets = new Set<string>();
    for (const name of new Set([aliasKey(gone.entry.fullName), aliasKey(gone.entry.name)])) {
      for (const t of byProvinceAndAlias.get(`${aliasKey(province.full_name)}|${name}`) ?? []) {
        if (t.year === undefined || Math.abs(t.year - year) <= 1) targets.add(t.code);
      }
    }
    const found = new Set<Version>();
    for (const code of targets) {
      const byCode = candidates.find((c) => c.code === code);
      const target = registry.old.commune.get(code);
      // By name only within the district the alias's unit is in: "Phường 5" is an earlier name of
      // Quận 10's Phường 8, which says nothing of Quận 6's.
      const byName = candidates.filter(
        (c) =>
          target &&
          target.parent_code === gone.entry.districtCode &&
          looseKey(c.entry.fullName) === looseKey(target.full_name),
      );
      if (byCode) found.add(byCode);
      else if (byName.length === 1 && byName[0]) found.add(byName[0]);
    }
    return [...found].sort(byCode);
  };
}

/**
 * The resolution behind a change: among those effective after the previous list and up to the
 * list that shows the change, the one whose description names the unit's province (and, when
 * several do, its district). "" when the lists do not single one out.
 */
function legalRefs(resolutions: HistoryResolution[], snapshots: string[]) {
  const keyed = resolutions.map((r) => ({ ...r, key: looseKey(r.description) }));
  return (next: number, province: string, district: string): string => {
    const from = snapshots[next - 1] as string;
    const to = snapshots[next] as string;
    const inWindow = keyed.filter((r) => r.effectiveDate > from && r.effectiveDate <= to);
    const mentions = (r: (typeof keyed)[number], key: string) => key !== "" && r.key.includes(key);
    let found = inWindow.filter((r) => mentions(r, looseKey(province)));
    const numbers = (list: typeof keyed) => [...new Set(list.map((r) => r.number.split(/\s+/)[0] ?? ""))];
    if (numbers(found).length > 1) {
      const key = looseKey(district);
      found = found.filter((r) => mentions(r, key));
    }
    const distinct = numbers(found);
    return distinct.length === 1 ? (distinct[0] as string) : "";
  };
}

/** Bare name of the unit's province ("Hà Tây"), as a description writes it. */
function provinceName(v: Version, history: HistoryVersions): string {
  const code = v.level === "province" ? v.code : v.entry.provinceCode;
  return history.at("province", v.last).get(code)?.entry.name ?? "";
}

function districtName(v: Version, history: HistoryVersions): string {
  if (v.level === "province") return "";
  const code = v.level === "district" ? v.code : v.entry.districtCode;
  return history.at("district", v.last).get(code)?.entry.name ?? "";
}
