/** Step 1: the unit registry, one row per version of a unit (units.csv). */
import { nameKey, splitFullName, type UnitKind, type UnitLevel } from "@diagioi/core";
import type { Findings } from "./findings.ts";
import { decideCode } from "./official-code.ts";
import { LATER_CHANGES } from "./references.ts";
import type { Sources, SourceUnit } from "./sources.ts";

export interface UnitRow {
  code: string;
  level: UnitLevel;
  kind: UnitKind;
  name: string;
  full_name: string;
  name_en: string;
  full_name_en: string;
  parent_code: string;
  valid_from: string;
  valid_to: string;
}

export const UNIT_COLUMNS: (keyof UnitRow)[] = [
  "code",
  "level",
  "kind",
  "name",
  "full_name",
  "name_en",
  "full_name_en",
  "parent_code",
  "valid_from",
  "valid_to",
];

export const MERGER_DATE = "2025-07-01";
export const LAST_OLD_DATE = "2025-06-30";
export const LATER_SNAPSHOT_DATE = "2026-07-25";

export interface Registry {
  rows: UnitRow[];
  /** Old units (valid until 2025-06-30) by code, per level. */
  old: Record<UnitLevel, Map<string, UnitRow>>;
  /** Units of 2025-07-01 by code (provinces and communes). */
  current: Record<"province" | "commune", Map<string, UnitRow>>;
  /** Codes used by a source that the dataset replaces: wrong code → official code. */
  codeAliases: Map<string, string>;
}

export function buildRegistry(sources: Sources, findings: Findings): Registry {
  const old = { province: new Map(), district: new Map(), commune: new Map() } as Registry["old"];
  for (const province of sources.unitsOld) {
    const p = toRow(province, "province", "", "", LAST_OLD_DATE, findings);
    old.province.set(p.code, p);
    for (const district of province.District ?? []) {
      const d = toRow(district, "district", p.code, "", LAST_OLD_DATE, findings);
      old.district.set(d.code, d);
      for (const commune of district.Ward ?? []) {
        const c = toRow(commune, "commune", d.code, "", LAST_OLD_DATE, findings);
        old.commune.set(c.code, c);
      }
    }
  }

  const codeAliases = new Map<string, string>();
  const current = { province: new Map(), commune: new Map() } as Registry["current"];
  for (const province of sources.unitsNew) {
    const p = toRow(province, "province", "", MERGER_DATE, "", findings);
    current.province.set(p.code, p);
    for (const commune of province.Wards ?? []) {
      const c = toRow(commune, "commune", p.code, MERGER_DATE, "", findings);
      const decision = decideCode(c, sources.officialCommuneCodes, old.commune, sources.conversion);
      if (decision) {
        findings.add("code_conflict", c.code, decision.detail, decision.resolution);
        if (decision.code !== c.code) {
          codeAliases.set(c.code, decision.code);
          c.code = decision.code;
        }
      }
      current.commune.set(c.code, c);
    }
  }

  const later = applyLaterSnapshot(sources.unitsLater, current, codeAliases, findings);
  const rows = [
    ...old.province.values(),
    ...old.district.values(),
    ...old.commune.values(),
    ...current.province.values(),
    ...current.commune.values(),
    ...later,
  ].sort(compareRows);
  return { rows, old, current, codeAliases };
}

function toRow(
  unit: SourceUnit,
  level: UnitLevel,
  parentCode: string,
  validFrom: string,
  validTo: string,
  findings: Findings,
): UnitRow {
  const fullName = unit.FullName.normalize("NFC").trim();
  const split = splitFullName(fullName, level);
  if (!split) throw new Error(`unit ${unit.Code}: "${fullName}" does not start with a ${level} designation`);
  const name = capitaliseWords(split.name);
  if (name !== split.name) {
    findings.add(
      "name_spelling",
      unit.Code,
      `The unit list writes "${fullName}" with a lower-case word.`,
      `Written "${prefixOf(fullName, split.name)}${name}": every word of a unit name starts with a capital, as in the resolutions.`,
    );
  }
  return {
    code: unit.Code,
    level,
    kind: split.kind,
    name,
    full_name: `${prefixOf(fullName, split.name)}${name}`,
    name_en: unit.NameEn.trim(),
    full_name_en: unit.FullNameEn.trim(),
    parent_code: parentCode,
    valid_from: validFrom,
    valid_to: validTo,
  };
}

function prefixOf(fullName: string, name: string): string {
  const prefix = fullName.slice(0, fullName.length - name.length);
  return prefix.charAt(0).toUpperCase() + prefix.slice(1);
}

function capitaliseWords(name: string): string {
  return name.replace(
    /(^|\s)(\p{Ll})/gu,
    (_m, space: string, letter: string) => space + letter.toUpperCase(),
  );
}

/** The statistics office's code for a new commune whose code the unit list got wrong. */
/**
 * Compares the later snapshot with the units of 2025-07-01. A legal change (LATER_CHANGES) or a
 * changed name starts a new version; a difference only in tone-mark placement, letter case or
 * English word order does not (it is reported).
 */
function applyLaterSnapshot(
  later: SourceUnit[],
  current: Registry["current"],
  codeAliases: Map<string, string>,
  findings: Findings,
): UnitRow[] {
  const versions: UnitRow[] = [];
  const visit = (unit: SourceUnit, level: "province" | "commune", parentCode: string) => {
    const code = codeAliases.get(unit.Code) ?? unit.Code;
    const before = current[level].get(code);
    if (!before) throw new Error(`units-2026-07-25: ${level} ${unit.Code} is not a unit of 2025-07-01`);
    const after = toRow(unit, level, parentCode, "", "", findings);
    const sameName = nameKey(after.full_name) === nameKey(before.full_name);
    const sameEnglish = englishKey(after.full_name_en) === englishKey(before.full_name_en);
    if (sameName && sameEnglish && after.kind === before.kind) {
      if (after.full_name !== before.full_name) {
        findings.add(
          "name_spelling",
          code,
          `"${before.full_name}" (2025-07-01) is written "${after.full_name}" in the list of ${LATER_SNAPSHOT_DATE}.`,
          "Same name (tone-mark placement or letter case only): no new version; lookups ignore the difference.",
        );
      }
      return;
    }
    const change = LATER_CHANGES.find((c) => c.applies(before, after));
    const from = change?.effectiveDate ?? LATER_SNAPSHOT_DATE;
    before.valid_to = dayBefore(from);
    versions.push({ ...after, code, valid_from: from, valid_to: "" });
    findings.add(
      "later_change",
      code,
      `${before.full_name} / ${before.full_name_en} → ${after.full_name} / ${after.full_name_en}.`,
      change
        ? `New version from ${from} under ${change.ref}.`
        : `Spelling correction in the list of ${LATER_SNAPSHOT_DATE}, with no legal act: new version from that date.`,
    );
  };
  for (const province of later) {
    visit(province, "province", "");
    for (const commune of province.Wards ?? []) visit(commune, "commune", province.Code);
  }
  return versions;
}

function englishKey(text: string): string {
  return text.toLowerCase().split(/\s+/).sort().join(" ");
}

export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

function compareRows(a: UnitRow, b: UnitRow): number {
  return (
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.code.localeCompare(b.code) ||
    (a.valid_from || "0").localeCompare(b.valid_from || "0")
  );
}
