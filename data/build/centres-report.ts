/** What the centres step (centres.ts) joined, kept and dropped: a section of QUALITY.md and quality.json. */
import type { UnitLevel } from "@diagioi/core";
import type { JoinPass } from "./centre-points.ts";

export interface DroppedCentre {
  code: string;
  level: UnitLevel;
  address: string;
  lng: number;
  lat: number;
  /** New provinces the unit's lineage leads to. */
  expected: string[];
  /** The new province the point lies in ("" at sea or abroad). */
  found: string;
  /** Distance to the nearest expected province, in km. */
  distanceKm: number;
}

export interface LevelCounts {
  /** Old units of the level (valid 2025-06-30). */
  units: number;
  sourceRows: number;
  /** Units joined to a source row, by join pass. */
  matched: Partial<Record<JoinPass, number>>;
  dropped: number;
  written: number;
}

export interface CentresReport {
  byLevel: Record<UnitLevel, LevelCounts>;
  /** Source rows that name no old unit of their level, and why. */
  unmatched: { level: UnitLevel; line: number; address: string; reason: string }[];
  /** Old units no source row names. */
  withoutRow: { code: string; level: UnitLevel; fullName: string }[];
  /** Units joined by a near name (the "near" pass), for review. */
  nearNames: { code: string; fullName: string; address: string }[];
  dropped: DroppedCentre[];
  /** Communes kept at exactly their district's point: the geocoder answered with the district. */
  communesAtDistrictPoint: number;
  /** The district whose point each old province gets. */
  capitals: { province: string; district: string }[];
}

export function emptyCentresReport(): CentresReport {
  const counts = (): LevelCounts => ({ units: 0, sourceRows: 0, matched: {}, dropped: 0, written: 0 });
  return {
    byLevel: { province: counts(), district: counts(), commune: counts() },
    unmatched: [],
    withoutRow: [],
    nearNames: [],
    dropped: [],
    communesAtDistrictPoint: 0,
    capitals: [],
  };
}

export function centresSection(report: CentresReport): string[] {
  const percent = (part: number, whole: number) => (whole ? ((part / whole) * 100).toFixed(1) : "0");
  const lines = [
    "## Centre points of old units (`centres-pre2025.csv`)",
    "",
    "Geocoded centres (`points/*-pre2025-centres.csv`, tranngocminhhieu/vietnamadminunits) joined to the old units by names: exact (case and tone-mark placement aside), loose (without diacritics, spaces or punctuation), near (same district and province, names at most two letters apart, each the other's only closest match). A point is dropped when it lies more than 2 km outside every new province the unit's lineage leads to. A province gets the point of its capital's district.",
    "",
    "| level | old units | source rows | joined exact | loose | near | dropped | written | coverage % |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [level, c] of Object.entries(report.byLevel)) {
    const m = c.matched;
    lines.push(
      `| ${level} | ${c.units} | ${c.sourceRows} | ${m.exact ?? 0} | ${m.loose ?? 0} | ${m.near ?? 0} | ${c.dropped} | ${c.written} | ${percent(c.written, c.units)} |`,
    );
  }
  lines.push(
    "",
    `Communes written at exactly their district's point (the geocoder answered with the district): ${report.communesAtDistrictPoint}.`,
    "",
    `Capitals (old province → district): ${report.capitals.map((c) => `${c.province} → ${c.district}`).join(", ")}.`,
    "",
    `Source rows that name no old unit of their level (${report.unmatched.length}):`,
    "",
    ...report.unmatched.map((u) => `- ${u.level}s file, line ${u.line}: ${u.address} (${u.reason})`),
    "",
    `Old units that no source row names (${report.withoutRow.length}): ${report.withoutRow.map((u) => `${u.code} ${u.fullName}`).join(", ") || "none"}.`,
    "",
    `Points dropped (${report.dropped.length}):`,
    "",
    "| code | level | source address | lng, lat | expected province | found in | km outside |",
    "| --- | --- | --- | --- | --- | --- | ---: |",
    ...report.dropped.map(
      (d) =>
        `| ${d.code} | ${d.level} | ${d.address} | ${d.lng}, ${d.lat} | ${d.expected.join(", ")} | ${d.found || "none"} | ${d.distanceKm} |`,
    ),
    "",
    `Joined by a near name (${report.nearNames.length}):`,
    "",
    "| code | unit list | centres file |",
    "| --- | --- | --- |",
    ...report.nearNames.map((n) => `| ${n.code} | ${n.fullName} | ${n.address} |`),
    "",
  );
  return lines;
}
