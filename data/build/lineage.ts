/** Step 2: the links from old units to new ones (lineage.csv), reconciled across three sources. */
import { type ChangeKind, looseKey, nameKey, PARTIAL_KINDS, type UnitLevel } from "@diagioi/core";
import { type ClauseCheckSummary, checkClauses, naming } from "./clause-check.ts";
import { parseClauseTerms } from "./clauses.ts";
import type { Findings } from "./findings.ts";
import { impossibleShapes } from "./lineage-shapes.ts";
import { indexText, shareOf, type TextIndex } from "./mentions.ts";
import { LATER_CHANGES } from "./references.ts";
import {
  type Clause,
  clauseLabel,
  clausesByTarget,
  type ParsedResolution,
  parseResolution,
} from "./resolutions.ts";
import type { ConversionRow, Sources } from "./sources.ts";
import { MERGER_DATE, type Registry, type UnitRow } from "./units.ts";

export interface LineageRow {
  effective_date: string;
  old_code: string;
  old_level: UnitLevel;
  old_full_name: string;
  new_code: string;
  new_full_name: string;
  kind: ChangeKind;
  legal_ref: string;
  legal_clause: string;
  sources: string;
}

export const LINEAGE_COLUMNS: (keyof LineageRow)[] = [
  "effective_date",
  "old_code",
  "old_level",
  "old_full_name",
  "new_code",
  "new_full_name",
  "kind",
  "legal_ref",
  "legal_clause",
  "sources",
];

/** Names of the three sources as written in the `sources` column. */
export const SOURCE_NAMES = { table: "nso", map: "sapnhap", law: "resolution" } as const;

const PROVINCE_MERGER_REF = "202/2025/QH15";

/** What the sources say of one new commune: its resolution, the clause that forms it, the merger map's text. */
export interface NewCommuneEvidence {
  unit: UnitRow;
  resolution: ParsedResolution;
  clause?: Clause;
  mapIndex?: TextIndex;
}

export interface Lineage {
  rows: LineageRow[];
  clauses: ClauseCheckSummary;
}

export function buildLineage(sources: Sources, registry: Registry, findings: Findings): Lineage {
  const evidence = collectEvidence(sources, registry, findings);
  const rows: LineageRow[] = [];
  for (const row of sources.conversion) {
    const link = linkFromTable(row, registry, evidence, findings);
    if (link) rows.push(link);
  }
  const clauses = checkClauses(rows, evidence, registry, findings);
  requireSuccessors(rows, registry);
  markSplitsPartial(rows, findings);
  const impossible = impossibleShapes(
    rows,
    clauses.remainders,
    (code) => registry.old.commune.get(code)?.parent_code,
  );
  if (impossible.length > 0)
    throw new Error(`lineage has ${impossible.length} impossible shape(s):\n${impossible.join("\n")}`);
  rows.push(...provinceLinks(sources, registry, rows));
  rows.push(...laterLinks(registry));
  return { rows: rows.sort(compareLinks), clauses: clauses.summary };
}

function collectEvidence(
  sources: Sources,
  registry: Registry,
  findings: Findings,
): Map<string, NewCommuneEvidence> {
  const resolutionsByProvince = new Map<string, ParsedResolution>();
  for (const legal of sources.resolutions) {
    const resolution = parseResolution(legal);
    const province = [...registry.current.province.values()].find(
      (p) => nameKey(p.name) === nameKey(resolution.provinceName),
    );
    if (!province) throw new Error(`${legal.file}: no new province named "${resolution.provinceName}"`);
    resolutionsByProvince.set(province.code, resolution);
  }
  const mapTexts = new Map(
    sources.beforeMerger.map((entry) => [registry.codeAliases.get(entry.code) ?? entry.code, entry]),
  );

  const evidence = new Map<string, NewCommuneEvidence>();
  for (const unit of registry.current.commune.values()) {
    const resolution = resolutionsByProvince.get(unit.parent_code);
    if (!resolution) throw new Error(`no resolution arranges the communes of province ${unit.parent_code}`);
    const clause = clauseForNewUnit(unit, resolution);
    if (!clause) {
      findings.add(
        "unmatched_clause",
        unit.code,
        `No clause of ${resolution.ref} forms or keeps ${unit.full_name}.`,
        "Its links cite the resolution without a clause.",
      );
    }
    const mapText = mapTexts.get(unit.code);
    evidence.set(unit.code, {
      unit,
      resolution,
      clause,
      mapIndex: mapText ? indexText(mapText.text) : undefined,
    });
  }
  return evidence;
}

/**
 * The clause that forms the unit ("… có tên gọi là xã X") or, for a kept unit, lists it as not
 * arranged. A target spelled otherwise is tried only after the kept lists: "xã Thanh An" formed in
 * one district is not the clause of a "Xã Thạnh An" kept in another.
 */
function clauseForNewUnit(unit: UnitRow, resolution: ParsedResolution): Clause | undefined {
  const byTarget = clausesByTarget(resolution);
  const forming = byTarget.get(nameKey(unit.full_name));
  if (forming?.[0]) return forming[0];
  const keptClauses = resolution.clauses.filter((clause) => /không thực hiện sắp xếp/i.test(clause.text));
  const keptExactly = keptClauses.find((clause) =>
    parseClauseTerms(clause.text).some((term) => naming(unit.name, term.name) === "exact"),
  );
  if (keptExactly) return keptExactly;
  const spelledOtherwise = [...byTarget].filter(([key]) => looseKey(key) === looseKey(unit.full_name));
  if (spelledOtherwise.length === 1 && spelledOtherwise[0]?.[1][0]) return spelledOtherwise[0][1][0];
  return keptClauses.find((clause) => shareOf(indexText(keptList(clause.text)), unit.name));
}

function keptList(text: string): string {
  const at = text.search(/không thực hiện sắp xếp/i);
  return at < 0 ? "" : text.slice(at);
}

const NOTE_KINDS: [RegExp, ChangeKind][] = [
  [/^sắp xếp toàn bộ (huyện|xã) .* thành đặc khu/i, "special_zone"],
  [/một phần\s+diện tích,? toàn bộ dân số/i, "part_area_all_population"],
  [/một phần\s+diện tích/i, "part_area"],
  [/một phần\s+dân số/i, "part_population"],
  [/^nh[âậ]p một\s+phần$/i, "part"],
  [/^nh[âậ]p toàn bộ/i, "whole"],
  [/^giữ nguyên/i, "kept"],
  [/^đổi tên, đổi loại hình từ một phần|^đổi tên từ một phần|^phần còn lại/i, "part"],
  [/^đổi tên/i, "renamed"],
  [/^đổi loại hình/i, "retyped"],
];

export function kindFromNote(note: string, line: number): ChangeKind {
  const normalised = note.normalize("NFC").replace(/\s+/g, " ").trim();
  for (const [pattern, kind] of NOTE_KINDS) if (pattern.test(normalised)) return kind;
  throw new Error(`conversion table line ${line}: unknown merge kind "${note}"`);
}

function linkFromTable(
  row: ConversionRow,
  registry: Registry,
  evidence: Map<string, NewCommuneEvidence>,
  findings: Findings,
): LineageRow | undefined {
  const newCode = registry.codeAliases.get(row.newCode) ?? row.newCode;
  const target = evidence.get(newCode);
  if (!target)
    throw new Error(`conversion table line ${row.line}: new code ${row.newCode} is not a unit of 2025-07-01`);
  const tableKind = kindFromNote(row.note, row.line);
  const old = oldUnitOfRow(row, registry, findings);
  const onMap =
    old.level === "commune" ? target.mapIndex && shareOf(target.mapIndex, old.name) : target.mapIndex;
  const sources: string[] = [SOURCE_NAMES.table];
  if (onMap) sources.push(SOURCE_NAMES.map);
  return {
    effective_date: MERGER_DATE,
    old_code: old.code,
    old_level: old.level,
    old_full_name: old.full_name,
    new_code: newCode,
    new_full_name: target.unit.full_name,
    kind: tableKind,
    legal_ref: target.resolution.ref,
    legal_clause: target.clause ? clauseLabel(target.clause) : "",
    sources: sources.join(";"),
  };
}

/** The old unit a table row names, correcting a code that belongs to another commune of the district. */
function oldUnitOfRow(row: ConversionRow, registry: Registry, findings: Findings): UnitRow {
  if (!row.oldCode) {
    const district = registry.old.district.get(row.oldDistrictCode);
    if (!district)
      throw new Error(`conversion table line ${row.line}: unknown district ${row.oldDistrictCode}`);
    if (!/^sắp xếp toàn bộ huyện/i.test(row.note)) {
      findings.add(
        "non_commune_source",
        `${district.code}→${row.newCode}`,
        `Conversion table line ${row.line}: "${row.oldFullName}" is not a commune (${row.note}).`,
        `Linked from its district ${district.full_name} as part of its area.`,
      );
    }
    return district;
  }
  const byCode = registry.old.commune.get(row.oldCode);
  if (byCode && nameKey(byCode.full_name) === nameKey(row.oldFullName)) return byCode;
  const byName = [...registry.old.commune.values()].filter(
    (unit) =>
      unit.parent_code === row.oldDistrictCode && nameKey(unit.full_name) === nameKey(row.oldFullName),
  );
  if (byName.length === 1 && byName[0]) {
    findings.add(
      "code_conflict",
      `${row.oldCode}→${row.newCode}`,
      `Conversion table line ${row.line} names "${row.oldFullName}" with code ${row.oldCode}, which is ${byCode?.full_name ?? "no commune"} in the unit list.`,
      `Linked as ${byName[0].code} ${byName[0].full_name}, the commune of that name in ${row.oldDistrictFullName}.`,
    );
    return byName[0];
  }
  if (!byCode) throw new Error(`conversion table line ${row.line}: unknown old commune ${row.oldCode}`);
  if (nameKey(byCode.name) !== nameKey(row.oldFullName.replace(/^\S+\s+(trấn\s+)?/, ""))) {
    findings.add(
      "name_spelling",
      row.oldCode,
      `Conversion table line ${row.line} writes "${row.oldFullName}" for ${byCode.code} ${byCode.full_name}.`,
      "The code and district agree with the unit list: linked by code.",
    );
  }
  return byCode;
}

/**
 * An old commune that went into several new ones went into none of them whole. The sources
 * sometimes say "whole" for one of the parts (a table note, or a clause listing the unit among
 * whole ones); such a link becomes `part`.
 */
function markSplitsPartial(rows: LineageRow[], findings: Findings): void {
  const successors = new Map<string, LineageRow[]>();
  for (const row of rows) {
    if (row.old_level !== "commune") continue;
    successors.set(row.old_code, [...(successors.get(row.old_code) ?? []), row]);
  }
  for (const links of successors.values()) {
    if (links.length < 2) continue;
    for (const link of links) {
      if (PARTIAL_KINDS.has(link.kind)) continue;
      findings.add(
        "kind_disagreement",
        `${link.old_code}→${link.new_code}`,
        `${link.old_full_name} is linked as ${link.kind} to ${link.new_full_name}, but also to ${links.length - 1} other new unit(s).`,
        "Kind part: a unit split among several cannot have gone whole into one.",
      );
      link.kind = "part";
    }
  }
}

/** Every old commune must reach a new one: the table or a clause links it. */
function requireSuccessors(rows: LineageRow[], registry: Registry): void {
  const linked = new Set(rows.filter((r) => r.old_level === "commune").map((r) => r.old_code));
  for (const old of registry.old.commune.values())
    if (!linked.has(old.code))
      throw new Error(`old commune ${old.code} ${old.full_name} has no successor in any source`);
}

/** 63 → 34: each old province goes whole into the new province that received its communes. */
function provinceLinks(sources: Sources, registry: Registry, communeLinks: LineageRow[]): LineageRow[] {
  const targets = new Map<string, Set<string>>();
  for (const link of communeLinks) {
    const oldProvince =
      link.old_level === "commune"
        ? registry.old.district.get(registry.old.commune.get(link.old_code)?.parent_code ?? "")?.parent_code
        : registry.old.district.get(link.old_code)?.parent_code;
    const newProvince = registry.current.commune.get(link.new_code)?.parent_code;
    if (!oldProvince || !newProvince)
      throw new Error(`link ${link.old_code}→${link.new_code}: province not found`);
    targets.set(oldProvince, (targets.get(oldProvince) ?? new Set()).add(newProvince));
  }
  const mapTexts = new Map(sources.beforeMerger.filter((e) => e.parentCode === "0").map((e) => [e.code, e]));
  return [...registry.old.province.values()].map((old) => {
    const destinations = [...(targets.get(old.code) ?? [])];
    const newCode = destinations[0];
    if (destinations.length !== 1 || !newCode) {
      throw new Error(
        `old province ${old.code} maps to ${destinations.length} new provinces: ${destinations.join(", ")}`,
      );
    }
    const unit = registry.current.province.get(newCode) as UnitRow;
    const predecessors = [...targets].filter(([, set]) => set.has(newCode)).length;
    const mapText = mapTexts.get(newCode)?.text ?? "";
    const named = predecessors === 1 ? /giữ nguyên/i.test(mapText) : !!shareOf(indexText(mapText), old.name);
    return {
      effective_date: MERGER_DATE,
      old_code: old.code,
      old_level: "province" as const,
      old_full_name: old.full_name,
      new_code: newCode,
      new_full_name: unit.full_name,
      kind: predecessors === 1 ? ("kept" as const) : ("whole" as const),
      legal_ref: PROVINCE_MERGER_REF,
      legal_clause: "",
      sources: [SOURCE_NAMES.table, named ? SOURCE_NAMES.map : ""].filter(Boolean).join(";"),
    };
  });
}

/** Versions that a later legal act created (retyped units), as links from the unit to itself. */
function laterLinks(registry: Registry): LineageRow[] {
  const rows: LineageRow[] = [];
  const byCode = new Map<string, UnitRow[]>();
  for (const unit of registry.rows)
    if (unit.valid_from >= MERGER_DATE)
      byCode.set(unit.code + unit.level, [...(byCode.get(unit.code + unit.level) ?? []), unit]);
  for (const versions of byCode.values()) {
    for (let i = 1; i < versions.length; i++) {
      const before = versions[i - 1] as UnitRow;
      const after = versions[i] as UnitRow;
      const change = LATER_CHANGES.find((c) => c.applies(before, after));
      if (!change) continue;
      rows.push({
        effective_date: after.valid_from,
        old_code: before.code,
        old_level: before.level,
        old_full_name: before.full_name,
        new_code: after.code,
        new_full_name: after.full_name,
        kind: before.kind === after.kind ? "renamed" : "retyped",
        legal_ref: change.ref,
        legal_clause: "",
        sources: "units-2026-07-25",
      });
    }
  }
  return rows;
}

const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

function compareLinks(a: LineageRow, b: LineageRow): number {
  return (
    a.effective_date.localeCompare(b.effective_date) ||
    LEVEL_ORDER[a.old_level] - LEVEL_ORDER[b.old_level] ||
    a.old_code.localeCompare(b.old_code) ||
    a.new_code.localeCompare(b.new_code)
  );
}
