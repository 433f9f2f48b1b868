/**
 * Step 2b: every clause of the resolutions against the links, both ways. Each old unit a clause
 * names is found among the old units of the new province; a link the clause names that the table
 * lacks is added, a kind that disagrees with the clause is settled by it, and a link counts as
 * named (its `sources` lists the resolution) also when the text spells the name otherwise, runs its
 * words together or names the whole district.
 */
import { type ChangeKind, nameKey, PARTIAL_KINDS, removeDiacritics } from "@diagioi/core";
import { type ClauseTerm, DISTRICT_DESIGNATIONS, parseClauseTerms } from "./clauses.ts";
import type { Findings } from "./findings.ts";
import { type LineageRow, type NewCommuneEvidence, SOURCE_NAMES } from "./lineage.ts";
import { editDistanceAtMost, type Share, shareOf } from "./mentions.ts";
import { type Clause, clauseLabel } from "./resolutions.ts";
import { MERGER_DATE, type Registry, type UnitRow } from "./units.ts";

/** How a clause names an old unit: letter for letter (case and tone marks aside) or otherwise. */
export type Naming = "exact" | "run_together" | "spelling" | "district";

/** Counts of the cross-check, reported in QUALITY.md. */
export interface ClauseCheckSummary {
  /** Clauses that form or keep a new commune. */
  clauses: number;
  /** Old units named in them (a district named whole counts once). */
  terms: number;
  /** Names that match no old unit of the province, or several. */
  unresolved: number;
  /** Links that a clause names, by how it names them. */
  named: Record<Naming, number>;
  /** Links a clause names that the statistics office's table lacks: added. */
  linksAdded: number;
  /** Links whose table kind the clause contradicts: settled by the clause. */
  kindsSettled: number;
  /** Links of the table that their new unit's clause does not name: kept, without the resolution in `sources`. */
  notNamed: number;
}

export interface ClauseCheck {
  summary: ClauseCheckSummary;
  /** Old units that some clause names as a remainder (*phần còn lại*). */
  remainders: Set<string>;
}

const NOT_COMPARED: ReadonlySet<ChangeKind> = new Set(["kept", "renamed", "retyped", "special_zone"]);
const COMMUNE_KINDS: Record<string, string> = { xã: "xa", phường: "phuong", "thị trấn": "thi_tran" };

const EMPTY_POOL: Pool = { provinces: new Set(), byKey: new Map(), communesOf: new Map() };

interface Named {
  unit: UnitRow;
  naming: Naming;
  /** See {@link closeness}; lower is closer. */
  score: number;
  /** The text runs the name into the next word. */
  glued?: boolean;
  share: Share | "kept";
  written: string;
}

/**
 * Compares the clause of each new commune with the links (`rows`, changed in place, added links
 * appended) and reports every correction in `findings`.
 */
export function checkClauses(
  rows: LineageRow[],
  evidence: Map<string, NewCommuneEvidence>,
  registry: Registry,
  findings: Findings,
): ClauseCheck {
  const summary: ClauseCheckSummary = {
    clauses: 0,
    terms: 0,
    unresolved: 0,
    named: { exact: 0, run_together: 0, spelling: 0, district: 0 },
    linksAdded: 0,
    kindsSettled: 0,
    notNamed: 0,
  };
  const remainders = new Set<string>();
  const pools = poolsByNewProvince(rows, registry);
  const linksTo = new Map<string, LineageRow[]>();
  for (const row of rows) linksTo.set(row.new_code, [...(linksTo.get(row.new_code) ?? []), row]);
  const termsOf = new Map<Clause, ClauseTerm[]>();
  const counted = new Set<Clause>();

  for (const target of evidence.values()) {
    const clause = target.clause;
    if (!clause) continue;
    if (!termsOf.has(clause)) termsOf.set(clause, parseClauseTerms(clause.text));
    const kept = /không thực hiện sắp xếp/.test(clause.text);
    let terms = termsOf.get(clause) ?? [];
    if (kept) terms = terms.filter((t) => naming(target.unit.name, t.name) !== undefined);
    if (!counted.has(clause)) {
      counted.add(clause);
      summary.clauses++;
    }
    summary.terms += terms.length;
    const links = linksTo.get(target.unit.code) ?? [];
    const context = {
      pool: pools.get(target.unit.parent_code) ?? EMPTY_POOL,
      districts: new Set(links.map((l) => districtOf(l, registry))),
      linked: new Set(links.map((l) => l.old_code)),
      registry,
    };
    const named = new Map<string, Named>();
    const unmatched: ClauseTerm[] = [];
    // A unit that one name matches letter for letter is not what another name spells otherwise
    // ("Hưng Yên Nam" is not Xã Hưng Yên Bắc when the clause also names "Hưng Yên Bắc").
    const first = terms.map((term) => resolveTerm(term, context, new Set()));
    const claimed = new Map<string, number>();
    for (const found of first)
      for (const item of found)
        claimed.set(item.unit.code, Math.min(claimed.get(item.unit.code) ?? 9, item.score));
    terms.forEach((term, i) => {
      let found = first[i] ?? [];
      if (found.some((item) => (claimed.get(item.unit.code) ?? 9) < item.score)) {
        const taken = new Set(
          [...claimed].filter(([, score]) => score < (found[0]?.score ?? 9)).map(([c]) => c),
        );
        found = resolveTerm(term, context, taken);
      }
      if (found.length === 0) unmatched.push(term);
      for (const item of found) {
        const before = named.get(item.unit.code);
        if (!before || item.score < before.score) named.set(item.unit.code, item);
      }
    });
    const paired = pairLastName(unmatched, links, named, registry);
    if (paired) {
      named.set(paired.unit.code, paired);
      unmatched.splice(unmatched.indexOf(paired.term), 1);
    }
    for (const item of named.values()) if (item.share === "remainder") remainders.add(item.unit.code);
    for (const term of unmatched) {
      summary.unresolved++;
      findings.add(
        "unmatched_clause",
        target.unit.code,
        `${target.resolution.ref} ${clauseLabel(clause)} names ${term.designation} ${term.name}${term.district ? ` (${term.district})` : ""}, which is no old unit of the province, or several.`,
        "Not linked from this clause; the links of the table stand.",
      );
    }

    for (const link of links) {
      const item = named.get(link.old_code);
      if (!item) {
        if (link.old_level !== "commune") continue;
        summary.notNamed++;
        findings.add(
          "link_disagreement",
          `${link.old_code}→${link.new_code}`,
          `The conversion table links ${link.old_full_name} to ${link.new_full_name}; ${target.resolution.ref} ${clauseLabel(clause)} does not name it, in any spelling${link.sources.includes(SOURCE_NAMES.map) ? ", the merger map does" : " and neither does the merger map"}.`,
          "Link kept as the table states it; `sources` lists only those that state it.",
        );
        continue;
      }
      named.delete(link.old_code);
      if (!link.sources.split(";").includes(SOURCE_NAMES.law)) link.sources += `;${SOURCE_NAMES.law}`;
      summary.named[item.naming]++;
      if (item.naming !== "exact") {
        findings.add(
          "named_otherwise",
          `${link.old_code}→${link.new_code}`,
          `${target.resolution.ref} ${clauseLabel(clause)} ${howNamed(item, link.old_full_name)}.`,
          item.naming === "district"
            ? "Counted as named: the district's every commune went into the new unit."
            : `Counted as named (${item.naming === "run_together" ? "words run together or split" : "spelled otherwise"}): \`sources\` lists the resolution.`,
        );
      }
      settleKind(link, item, target, clause, summary, findings);
    }

    for (const item of named.values()) {
      if (item.share === "kept") continue;
      const kind: ChangeKind = item.share === "remainder" ? "part" : item.share;
      const onMap = target.mapIndex && shareOf(target.mapIndex, item.unit.name);
      rows.push({
        effective_date: MERGER_DATE,
        old_code: item.unit.code,
        old_level: item.unit.level,
        old_full_name: item.unit.full_name,
        new_code: target.unit.code,
        new_full_name: target.unit.full_name,
        kind,
        legal_ref: target.resolution.ref,
        legal_clause: clauseLabel(clause),
        sources: [onMap ? SOURCE_NAMES.map : "", SOURCE_NAMES.law].filter(Boolean).join(";"),
      });
      summary.linksAdded++;
      findings.add(
        "missing_link",
        `${item.unit.code}→${target.unit.code}`,
        `The conversion table has no row for ${item.unit.code} ${item.unit.full_name} → ${target.unit.full_name}; ${target.resolution.ref} ${clauseLabel(clause)} names it (${item.share})${onMap ? ", and so does the merger map" : ""}.`,
        `Link added from the resolution, kind ${kind}.`,
      );
    }
  }
  return { summary, remainders };
}

/**
 * A clause that names every unit of the table's links but one, and has one name left that matches
 * none, names that unit in a spelling too far for {@link naming} ("Xá Nhè" for Xã Sáng Nhè, "Pờ Y"
 * for Xã Bờ Y, "Hưng Yên Nam" for Xã Hưng Yên): the two are paired when they share a word.
 */
function pairLastName(
  unmatched: ClauseTerm[],
  links: LineageRow[],
  named: Map<string, Named>,
  registry: Registry,
): (Named & { term: ClauseTerm }) | undefined {
  const left = links.filter((l) => l.old_level === "commune" && !named.has(l.old_code));
  const term = unmatched.length === 1 ? unmatched[0] : undefined;
  const unit = left.length === 1 ? registry.old.commune.get(left[0]?.old_code ?? "") : undefined;
  if (!term || !unit || DISTRICT_DESIGNATIONS.has(term.designation)) return undefined;
  const words = (text: string) => removeDiacritics(text).toLowerCase().split(/\s+/);
  const a = words(unit.name);
  const b = words(term.name);
  if (!a.some((word) => b.includes(word))) return undefined;
  return { unit, naming: "spelling", score: 9, share: term.share, written: term.name, term };
}

function howNamed(item: Named, fullName: string): string {
  if (item.naming === "district") return `names the whole district of ${fullName}`;
  if (item.glued && item.score === 0)
    return `runs the name "${item.written}" of ${fullName} into the word after it`;
  return `writes "${item.written}" for ${fullName}`;
}

function settleKind(
  link: LineageRow,
  item: Named,
  target: NewCommuneEvidence,
  clause: Clause,
  summary: ClauseCheckSummary,
  findings: Findings,
): void {
  if (item.share === "kept" || NOT_COMPARED.has(link.kind)) return;
  const clauseKind = kindOfShare(item.share, link.kind);
  if (clauseKind === link.kind) return;
  summary.kindsSettled++;
  findings.add(
    "kind_disagreement",
    `${link.old_code}→${link.new_code}`,
    `The conversion table says ${link.kind}; ${target.resolution.ref} ${clauseLabel(clause)} names ${link.old_full_name} as ${item.share}${link.old_level === "district" ? ` (an area the district managed: "${item.written}")` : ""}.`,
    `Kind ${clauseKind}, as the clause states it.`,
  );
  link.kind = clauseKind;
}

/** The kind a clause's share gives, where "phần còn lại" keeps the table's partial kind. */
export function kindOfShare(share: Share, tableKind: ChangeKind): ChangeKind {
  if (share !== "remainder") return share;
  return PARTIAL_KINDS.has(tableKind) ? tableKind : "part";
}

interface TermContext {
  pool: Pool;
  /** Old districts the table links to the new unit. */
  districts: Set<string>;
  /** Old units the table links to the new unit. */
  linked: Set<string>;
  registry: Registry;
}

/** The old units of the old provinces that a new province is made of, indexed by name. */
interface Pool {
  provinces: Set<string>;
  byKey: Map<string, UnitRow[]>;
  communesOf: Map<string, UnitRow[]>;
}

/** The old units a term names: one commune, every commune of a named district, or a district's area. */
function resolveTerm(term: ClauseTerm, context: TermContext, taken: ReadonlySet<string>): Named[] {
  const { registry, pool } = context;
  if (term.designation === "khu vực" || DISTRICT_DESIGNATIONS.has(term.designation)) {
    const districtName = term.designation === "khu vực" ? (term.district ?? "") : term.name;
    const districts = [...registry.old.district.values()].filter(
      (d) => pool.provinces.has(d.parent_code) && naming(d.name, districtName) === "exact",
    );
    const district = districts.length === 1 ? districts[0] : undefined;
    if (!district) return [];
    if (term.designation === "khu vực")
      return [{ unit: district, naming: "exact", score: 0, share: "part", written: term.name }];
    const communes = pool.communesOf.get(district.code) ?? [];
    if (communes.length === 0)
      return [{ unit: district, naming: "exact", score: 0, share: term.share, written: term.name }];
    return communes.map((unit) => ({
      unit,
      naming: "district",
      score: 0,
      share: term.share,
      written: term.name,
    }));
  }
  // Names spelled otherwise are looked for only in the districts that the table links to the new
  // unit or that the clause names: two letters apart is weak evidence across a whole province.
  const nearby = new Set(context.districts);
  let candidates = [
    ...(pool.byKey.get(`=${nameKey(term.name)}`) ?? []),
    ...(pool.byKey.get(`~${joined(term.name)}`) ?? []),
    ...(pool.byKey.get(`#${compact(term.name)}`) ?? []),
  ];
  if (term.district) {
    const wanted = term.district;
    const inDistrict = (code: string) =>
      naming(registry.old.district.get(code)?.name ?? "", wanted) !== undefined;
    for (const code of pool.communesOf.keys()) if (inDistrict(code)) nearby.add(code);
    const inIt = candidates.filter((unit) => inDistrict(unit.parent_code));
    if (inIt.length > 0) candidates = inIt;
  }
  for (const code of nearby) candidates.push(...(pool.communesOf.get(code) ?? []));
  // "Phường Đúc" is the name of a ward, "Phường 4 (Quận 8)" a designation written twice.
  const spellings = [term.name, `${term.designation} ${term.name}`, term.name.replace(DESIGNATION_WORD, "")];
  for (const spelling of spellings.slice(1))
    candidates.push(...(pool.byKey.get(`=${nameKey(spelling)}`) ?? []));
  let named = [...new Set(candidates)]
    .filter((unit) => !taken.has(unit.code))
    .map((unit) => ({ unit, score: bestOf(spellings.map((spelling) => closeness(unit.name, spelling))) }))
    .filter((c): c is { unit: UnitRow; score: number } => c.score !== undefined);
  const narrow = (keep: (c: { unit: UnitRow; score: number }) => boolean) => {
    const kept = named.filter(keep);
    if (kept.length > 0) named = kept;
  };
  narrow((c) => context.districts.has(c.unit.parent_code));
  narrow((c) => COMMUNE_KINDS[term.designation] === c.unit.kind);
  const best = Math.min(...named.map((c) => c.score));
  narrow((c) => c.score === best);
  narrow((c) => context.linked.has(c.unit.code));
  const only = named.length === 1 ? named[0] : undefined;
  if (!only) return [];
  const kind: Naming =
    only.score === 0
      ? term.glued
        ? "run_together"
        : "exact"
      : only.score === 1
        ? "run_together"
        : "spelling";
  return [
    {
      unit: only.unit,
      naming: kind,
      score: only.score,
      share: term.share,
      written: term.name,
      glued: term.glued,
    },
  ];
}

const DESIGNATION_WORD = /^(?:Phường|Xã|Thị trấn)\s+/;

function bestOf(scores: (number | undefined)[]): number | undefined {
  const known = scores.filter((s): s is number => s !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

/**
 * How `written` names `name`: the same key; the same letters with the words run together or split
 * ("Ea Bar" / "EaBar"); or spelled otherwise: the same letters without diacritics, "NT" for "Nông
 * Trường", Roman for Arabic numerals ("Hòa Tú II" / "Hòa Tú 2"), or at most two letters apart
 * ("Ea H'đinh" / "Ea H'Đing") for names of five letters or more without digits.
 */
export function naming(name: string, written: string): Naming | undefined {
  const score = closeness(name, written);
  if (score === undefined) return undefined;
  return score === 0 ? "exact" : score === 1 ? "run_together" : "spelling";
}

/** 0 for the same key, 1 run together, 2 the same letters, 3 and more: letters apart, plus 2. */
function closeness(name: string, written: string): number | undefined {
  if (nameKey(name) === nameKey(written)) return 0;
  if (joined(name) === joined(written)) return 1;
  const a = compact(name);
  const b = compact(written);
  if (a === b) return 2;
  if (/\d/.test(a + b) || a.length < 5 || b.length < 5) return undefined;
  for (let distance = 1; distance <= 2; distance++)
    if (editDistanceAtMost(a, b, distance)) return 2 + distance;
  return undefined;
}

function joined(text: string): string {
  return nameKey(text).replace(/[\s'’-]/g, "");
}

const ROMAN: Record<string, string> = {
  i: "1",
  ii: "2",
  iii: "3",
  iv: "4",
  v: "5",
  vi: "6",
  vii: "7",
  viii: "8",
  ix: "9",
  x: "10",
};

/** Letters and digits without diacritics, abbreviations or leading zeros: "Phường 04", "phuong IV" → "phuong4". */
function compact(text: string): string {
  return removeDiacritics(text)
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((word) => (word === "nt" ? "nongtruong" : (ROMAN[word] ?? word.replace(/^0+(?=\d)/, ""))))
    .join("");
}

/** For each new province, the old units of every old province that sends a commune to it. */
function poolsByNewProvince(rows: LineageRow[], registry: Registry): Map<string, Pool> {
  const provinces = new Map<string, Set<string>>();
  for (const row of rows) {
    const newProvince = registry.current.commune.get(row.new_code)?.parent_code;
    const oldProvince = registry.old.district.get(districtOf(row, registry))?.parent_code;
    if (!newProvince || !oldProvince) continue;
    provinces.set(newProvince, (provinces.get(newProvince) ?? new Set()).add(oldProvince));
  }
  const pools = new Map<string, Pool>();
  for (const [code, olds] of provinces) {
    const pool: Pool = { provinces: olds, byKey: new Map(), communesOf: new Map() };
    for (const commune of registry.old.commune.values()) {
      if (!olds.has(registry.old.district.get(commune.parent_code)?.parent_code ?? "")) continue;
      pool.communesOf.set(commune.parent_code, [
        ...(pool.communesOf.get(commune.parent_code) ?? []),
        commune,
      ]);
      for (const key of [
        `=${nameKey(commune.name)}`,
        `~${joined(commune.name)}`,
        `#${compact(commune.name)}`,
      ])
        pool.byKey.set(key, [...(pool.byKey.get(key) ?? []), commune]);
    }
    pools.set(code, pool);
  }
  return pools;
}

function districtOf(row: LineageRow, registry: Registry): string {
  return row.old_level === "commune"
    ? (registry.old.commune.get(row.old_code)?.parent_code ?? "")
    : row.old_code;
}
