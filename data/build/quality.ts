/** Step 4: the quality report (QUALITY.md) and its machine-readable twin (quality.json). */
import { type CentresReport, centresSection } from "./centres-report.ts";
import type { ClauseCheckSummary } from "./clause-check.ts";
import type { Finding, Findings } from "./findings.ts";
import type { ShapeError, TopologyReport } from "./geometry.ts";
import { type HistoryReport, historySection } from "./history-report.ts";
import type { LineageRow } from "./lineage.ts";
import type { UnitRow } from "./units.ts";

export interface AreaCheck {
  layer: string;
  units: number;
  /** Computed area against the published area (areaKm2), in percent. */
  medianDiffPercent: number;
  over5Percent: number;
  worst: { code: string; computedKm2: number; publishedKm2: number };
}

export interface QualityReport {
  counts: Record<string, number>;
  findingsByType: Record<string, number>;
  findings: Finding[];
  codeAliases: Record<string, string>;
  geometry: {
    shapeError: Record<string, ShapeError>;
    topology: Record<string, TopologyReport>;
    areas: AreaCheck[];
    sizesBytes: Record<string, number>;
  };
  centres: CentresReport;
  history: HistoryReport;
  clauses: ClauseCheckSummary;
}

export function buildQualityReport(
  units: UnitRow[],
  lineage: LineageRow[],
  findings: Findings,
  codeAliases: Map<string, string>,
  geometry: QualityReport["geometry"],
  centres: CentresReport,
  history: HistoryReport,
  clauses: ClauseCheckSummary,
): QualityReport {
  const count = (predicate: (row: UnitRow) => boolean) => units.filter(predicate).length;
  const communeLinks = lineage.filter((l) => l.old_level !== "province" && l.effective_date === "2025-07-01");
  const successors = new Map<string, number>();
  for (const link of communeLinks) successors.set(link.old_code, (successors.get(link.old_code) ?? 0) + 1);
  return {
    counts: {
      old_provinces: count((u) => u.level === "province" && u.valid_to === "2025-06-30"),
      old_districts: count((u) => u.level === "district"),
      old_communes: count((u) => u.level === "commune" && u.valid_to === "2025-06-30"),
      new_provinces: count((u) => u.level === "province" && u.valid_from === "2025-07-01"),
      new_communes: count((u) => u.level === "commune" && u.valid_from === "2025-07-01"),
      later_versions: count((u) => u.valid_from > "2025-07-01"),
      unit_rows: units.length,
      lineage_rows: lineage.length,
      commune_links: communeLinks.length,
      commune_links_with_clause: communeLinks.filter((l) => l.legal_clause).length,
      commune_links_in_all_three_sources: communeLinks.filter((l) => l.sources.split(";").length === 3)
        .length,
      old_communes_split: [...successors.values()].filter((n) => n > 1).length,
      most_successors: Math.max(...successors.values()),
    },
    findingsByType: findings.countByType(),
    findings: findings.items,
    codeAliases: Object.fromEntries(codeAliases),
    geometry,
    centres,
    history,
    clauses,
  };
}

const FINDING_TITLES: Record<string, [string, string]> = {
  code_conflict: [
    "Code conflicts",
    "A code that names another unit in another source. Settled by the statistics office's code list (1027/CTK-CSCL) and, for a row of the conversion table, by the unit of that name in the same district.",
  ],
  missing_link: [
    "Links a clause names that the table lacks",
    "Added from the resolution with the clause's share (a remainder, *phần còn lại*, as part).",
  ],
  kind_disagreement: [
    "Merge kind differs from the resolution",
    "The table's note (Ghi chú) says one share, the resolution's clause another. Settled by the resolution, which is the legal act; \"phần còn lại\" (the remainder) in a clause agrees with any partial kind. A unit split among several is never whole.",
  ],
  named_otherwise: [
    "Links the clause names in another spelling",
    "The clause names the old unit with its words run together or split, spelled otherwise (diacritics, or at most two letters apart in its district), or through its whole district. Counted as named: `sources` lists the resolution.",
  ],
  link_disagreement: [
    "Links the resolution text does not name",
    "The table links an old unit that the clause of the new unit does not name in any of those ways. Kept as the table states it; `sources` says who states it.",
  ],
  non_commune_source: ["Old areas that are not communes", "Linked from the district that managed them."],
  later_change: ["Changes after 2025-07-01", "New versions of units, from the later unit list."],
  name_spelling: [
    "Spelling",
    "Differences in tone-mark placement, letter case or spelling between the sources.",
  ],
  unmatched_clause: [
    "Clauses and names not matched",
    "A new unit that no clause forms or keeps (its links cite the resolution without a clause), or a name in a clause that is no old unit of the province, or several (the table's links stand).",
  ],
};

export function renderQualityMarkdown(report: QualityReport): string {
  const lines: string[] = [
    "# Quality report",
    "",
    "Generated by `pnpm build:data` from the raw sources; do not edit. The same content, machine-readable, is in `quality.json`.",
    "",
    "Sources: **nso** = the statistics office's conversion table (Bảng chuyển đổi ĐVHC mới - cũ), **sapnhap** = the official merger map's \"trước sáp nhập\" (formed from) texts, **resolution** = the 34 Standing Committee resolutions 1654–1687/NQ-UBTVQH15.",
    "",
    "## Counts",
    "",
    "| what | count |",
    "| --- | ---: |",
    ...Object.entries(report.counts).map(([key, value]) => `| ${key.replaceAll("_", " ")} | ${value} |`),
    "",
    "## Disagreements between the sources, by type",
    "",
    "| type | count | how it is settled |",
    "| --- | ---: | --- |",
    ...Object.entries(report.findingsByType).map(
      ([type, n]) => `| ${FINDING_TITLES[type]?.[0] ?? type} | ${n} | ${FINDING_TITLES[type]?.[1] ?? ""} |`,
    ),
    "",
  ];
  if (Object.keys(report.codeAliases).length > 0) {
    lines.push(
      "Codes replaced (source code → dataset code): " +
        Object.entries(report.codeAliases)
          .map(([a, b]) => `\`${a}\` → \`${b}\``)
          .join(", ") +
        ".",
      "",
    );
  }
  lines.push(
    ...clausesSection(report.clauses),
    ...geometrySection(report.geometry),
    ...centresSection(report.centres),
    ...historySection(report.history),
  );
  for (const [type, [title]] of Object.entries(FINDING_TITLES)) {
    const items = report.findings.filter((f) => f.type === type);
    if (items.length === 0) continue;
    lines.push(
      `## ${title} (${items.length})`,
      "",
      "| subject | what the sources say | resolution |",
      "| --- | --- | --- |",
    );
    for (const item of items)
      lines.push(`| ${item.subject} | ${escapeCell(item.detail)} | ${escapeCell(item.resolution)} |`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function clausesSection(clauses: ClauseCheckSummary): string[] {
  const otherwise = clauses.named.run_together + clauses.named.spelling + clauses.named.district;
  return [
    "## Clause cross-check",
    "",
    "Every clause of the 34 resolutions that forms or keeps a new commune is read as a list of (old unit, share, new unit) and compared with the links both ways: a link the clause names that the table lacks is added, a kind the clause contradicts is settled by the clause, and a link counts as named also when the text spells the name otherwise or runs its words together (its `sources` then lists the resolution). Each correction is listed in the sections below.",
    "",
    "| what | count |",
    "| --- | ---: |",
    `| clauses read | ${clauses.clauses} |`,
    `| old units they name | ${clauses.terms} |`,
    `| names that are no old unit of the province, or several | ${clauses.unresolved} |`,
    `| links named letter for letter | ${clauses.named.exact} |`,
    `| links named with words run together or split | ${clauses.named.run_together} |`,
    `| links named in another spelling | ${clauses.named.spelling} |`,
    `| links named through their whole district | ${clauses.named.district} |`,
    `| **names counted as named** (spelled otherwise, run together or through the district: \`sources\` lists the resolution) | ${otherwise} |`,
    `| **links added** (named by a clause, missing from the table) | ${clauses.linksAdded} |`,
    `| **kinds settled by the clause** | ${clauses.kindsSettled} |`,
    `| table links their clause does not name (kept) | ${clauses.notNamed} |`,
    "",
  ];
}

function geometrySection(geometry: QualityReport["geometry"]): string[] {
  const lines = [
    "## Geometry",
    "",
    "Shape error of the simplified boundaries against full resolution. Hausdorff: for every full-resolution vertex, the distance to the simplified segment that replaces it (an upper bound of the directed Hausdorff distance), worst per unit; quantization of the written file adds at most about 1 m.",
    "",
    "| layer | units | vertices (full) | vertices (simplified) | area diff median % | area diff worst % | Hausdorff median m | Hausdorff worst m |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [layer, e] of Object.entries(geometry.shapeError)) {
    lines.push(
      `| ${layer} | ${e.units} | ${e.verticesFull} | ${e.verticesSimplified} | ${e.areaDiffPercent.median} | ${e.areaDiffPercent.worst} (${e.areaDiffPercent.worstCode}) | ${e.hausdorffM.median} | ${e.hausdorffM.worst} (${e.hausdorffM.worstCode}) |`,
    );
  }
  lines.push(
    "",
    "Edges in the source: an arc is a stretch of boundary between junctions. One user = outer edge (coast, border); two = an edge two neighbours share exactly; three or more = the same edge digitised into more than two units (an overlap in the source).",
    "",
    "| layer | arcs with one user | two users | three or more (points) |",
    "| --- | ---: | ---: | ---: |",
  );
  for (const [layer, t] of Object.entries(geometry.topology)) {
    lines.push(
      `| ${layer} | ${t.arcsByUse.one} | ${t.arcsByUse.two} | ${t.arcsByUse.more} (${t.arcsByUse.pointsMore}) |`,
    );
  }
  lines.push(
    "",
    "Computed area (full resolution) against the area published with the source:",
    "",
    "| layer | units | median diff % | units over 5 % | worst |",
    "| --- | ---: | ---: | ---: | --- |",
  );
  for (const a of geometry.areas) {
    lines.push(
      `| ${a.layer} | ${a.units} | ${a.medianDiffPercent} | ${a.over5Percent} | ${a.worst.code}: ${a.worst.computedKm2} km² computed, ${a.worst.publishedKm2} km² published |`,
    );
  }
  lines.push(
    "",
    "Written sizes (bytes, uncompressed):",
    "",
    ...Object.entries(geometry.sizesBytes).map(([file, size]) => `- \`${file}\`: ${size}`),
    "",
  );
  return lines;
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}
