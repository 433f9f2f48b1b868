/**
 * Builds data/dist from the raw public sources:
 *
 *   pnpm build:data [--sources DIR] [--out DIR]
 *
 * Sources default to ../shared/data/sources beside the repository (or $DIAGIOI_SOURCES).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { area } from "@turf/area";
import { buildCentres, CENTRE_COLUMNS } from "./centres.ts";
import { Findings } from "./findings.ts";
import { addDissolved, type LayerInput, type SimplifyOptions, simplifyLayers } from "./geometry.ts";
import { checkHistory } from "./history-check.ts";
import { buildHistoryLineage, HISTORY_LINK_COLUMNS, type HistoryLinkRow } from "./history-lineage.ts";
import { buildHistoryReport } from "./history-report.ts";
import { readHistorySources } from "./history-sources.ts";
import { buildVersions } from "./history-versions.ts";
import { buildLineage, LINEAGE_COLUMNS, type LineageRow } from "./lineage.ts";
import { toCsv, writeOutput } from "./output.ts";
import { encodePack } from "./pack.ts";
import { type AreaCheck, buildQualityReport, renderQualityMarkdown } from "./quality.ts";
import { renderReferences } from "./references.ts";
import { type Boundaries, readBoundaries, readSources } from "./sources.ts";
import { buildRegistry, type Registry, UNIT_COLUMNS, type UnitRow } from "./units.ts";

const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Communes and provinces: ≤ 25 m from full resolution, about 1.2 M vertices. */
const DETAILED: SimplifyOptions = {
  quantization: 1e6,
  outputQuantization: 1e6,
  minAreaM2: 1000,
  maxDeviationM: 25,
};

function main(): void {
  const { values } = parseArgs({
    options: {
      sources: {
        type: "string",
        default: process.env.DIAGIOI_SOURCES ?? join(dataDir, "../../shared/data/sources"),
      },
      out: { type: "string", default: join(dataDir, "dist") },
    },
  });
  const sourcesDir = resolve(values.sources as string);
  const outDir = resolve(values.out as string);
  if (!existsSync(join(sourcesDir, "units/units-2025-03-01.json"))) {
    throw new Error(`no raw sources in ${sourcesDir}: pass --sources DIR or set DIAGIOI_SOURCES`);
  }
  const started = Date.now();
  const step = (label: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${label}`);

  step(`reading ${sourcesDir}`);
  const sources = readSources(sourcesDir);
  const findings = new Findings();
  step("units");
  const registry = buildRegistry(sources, findings);
  step("lineage");
  const { rows: lineage, clauses } = buildLineage(sources, registry, findings);

  step("history 2004–2025");
  const { historyUnits, historyLinks, history } = buildHistory(sourcesDir, registry, lineage);

  step("new communes and provinces");
  const recode = (code: string) => registry.codeAliases.get(code) ?? code;
  const { layer: communes, areas } = communeLayer(sourcesDir, recode);
  const current = simplifyLayers([communes], DETAILED);
  addDissolved(current.topology, "communes", "provinces", "province_code");

  step("old provinces and districts");
  const old = simplifyLayers(oldLayers(sourcesDir), DETAILED);

  step("centres of old units");
  const centres = buildCentres(sourcesDir, registry, lineage, current.topology);

  step("writing");
  const currentJson = `${JSON.stringify(current.topology)}\n`;
  const oldJson = `${JSON.stringify(old.topology)}\n`;
  const report = buildQualityReport(
    registry.rows,
    lineage,
    findings,
    registry.codeAliases,
    {
      shapeError: {
        "communes (2025)": required(current.errors.communes),
        "old provinces": required(old.errors.provinces),
        "old districts": required(old.errors.districts),
      },
      topology: {
        "communes (2025)": required(current.topologyReports.communes),
        "old provinces": required(old.topologyReports.provinces),
        "old districts": required(old.topologyReports.districts),
      },
      areas,
      sizesBytes: {
        "boundaries-2025.topo.json": Buffer.byteLength(currentJson),
        "boundaries-pre2025.topo.json": Buffer.byteLength(oldJson),
      },
    },
    centres.report,
    history,
    clauses,
  );
  writeOutput(join(outDir, "units.csv"), toCsv(registry.rows, UNIT_COLUMNS));
  writeOutput(join(outDir, "lineage.csv"), toCsv(lineage, LINEAGE_COLUMNS));
  writeOutput(join(outDir, "units-history.csv"), toCsv(historyUnits, UNIT_COLUMNS));
  writeOutput(join(outDir, "lineage-history.csv"), toCsv(historyLinks, HISTORY_LINK_COLUMNS));
  writeOutput(join(outDir, "centres-pre2025.csv"), toCsv(centres.rows, CENTRE_COLUMNS));
  writeOutput(join(outDir, "boundaries-2025.topo.json"), currentJson);
  writeOutput(join(outDir, "boundaries-pre2025.topo.json"), oldJson);
  writeOutput(join(outDir, "boundaries-2025.pack"), encodePack(current.topology, "communes"));
  writeOutput(join(outDir, "quality.json"), `${JSON.stringify(report, null, 1)}\n`);
  writeOutput(join(outDir, "QUALITY.md"), renderQualityMarkdown(report));
  writeOutput(join(dataDir, "REFERENCES.md"), renderReferences());
  step(`done: ${registry.rows.length} unit versions, ${lineage.length} links → ${outDir}`);
}

/**
 * Unit versions and links since 2004, checked. In a function of its own, so that its lookup tables
 * (every unit of every list) are let go before the boundaries are read.
 */
function buildHistory(sourcesDir: string, registry: Registry, lineage: LineageRow[]) {
  const sources = readHistorySources(sourcesDir);
  const versions = buildVersions(sources, registry);
  const historyUnits = versions.versions.map((v) => v.row).sort(compareVersions);
  const historyLinks = buildHistoryLineage(sources, versions, registry).sort(compareHistoryLinks);
  const problems = checkHistory({
    history: historyUnits,
    links: historyLinks,
    units: registry.rows,
    lineage,
  });
  if (problems.length > 0) {
    throw new Error(
      `the unit history fails ${problems.length} check(s):\n${problems.slice(0, 20).join("\n")}`,
    );
  }
  const history = buildHistoryReport(versions.snapshots, historyUnits, historyLinks, versions.relisted);
  return { historyUnits, historyLinks, history };
}

// The layers are read in functions of their own, so that nothing in main() keeps the full-resolution
// boundaries once simplifyLayers() releases them (they are the largest thing the build holds).

/** The new communes as a layer, with their areas checked first. */
function communeLayer(
  sourcesDir: string,
  recode: (code: string) => string,
): { layer: LayerInput; areas: AreaCheck[] } {
  const boundaries = readBoundaries(sourcesDir, "communes-2026.geojson.gz");
  const areas = [
    areaCheck("communes (2025)", boundaries.features, (p) => recode(String(p.code))),
    provinceAreaCheck(boundaries, readBoundaries(sourcesDir, "provinces-2026.geojson.gz")),
  ];
  const layer: LayerInput = {
    name: "communes",
    boundaries,
    properties: (p) => ({ code: recode(String(p.code)), province_code: String(p.provinceCode) }),
  };
  return { layer, areas };
}

/** Old provinces and districts. */
function oldLayers(sourcesDir: string): LayerInput[] {
  return [
    {
      name: "provinces",
      boundaries: readBoundaries(sourcesDir, "provinces-pre2025.geojson.gz"),
      properties: (p) => ({ code: String(p.code) }),
    },
    {
      name: "districts",
      boundaries: readBoundaries(sourcesDir, "districts-pre2025.geojson.gz"),
      properties: (p) => ({ code: String(p.code), province_code: String(p.provinceCode) }),
    },
  ];
}

const LEVEL_ORDER = { province: 0, district: 1, commune: 2 } as const;

function compareVersions(a: UnitRow, b: UnitRow): number {
  return (
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.code.localeCompare(b.code) ||
    (a.valid_from || "0").localeCompare(b.valid_from || "0")
  );
}

function compareHistoryLinks(a: HistoryLinkRow, b: HistoryLinkRow): number {
  return (
    a.effective_date.localeCompare(b.effective_date) ||
    LEVEL_ORDER[a.old_level] - LEVEL_ORDER[b.old_level] ||
    a.old_code.localeCompare(b.old_code) ||
    a.new_code.localeCompare(b.new_code)
  );
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("a layer is missing from the geometry report");
  return value;
}

function areaCheck(
  layer: string,
  features: Boundaries["features"],
  codeOf: (properties: Record<string, unknown>) => string,
): AreaCheck {
  const rows = features.map((f) => {
    const computed = area(f) / 1e6;
    const published = Number(f.properties?.areaKm2);
    return {
      code: codeOf(f.properties ?? {}),
      computed,
      published,
      diff: published > 0 ? (Math.abs(computed - published) / published) * 100 : 0,
    };
  });
  return summariseAreas(layer, rows);
}

/** Provinces dissolved from communes against the separately published province layer. */
function provinceAreaCheck(communes: Boundaries, provinces: Boundaries): AreaCheck {
  const computed = new Map<string, number>();
  for (const f of communes.features) {
    const code = String(f.properties?.provinceCode);
    computed.set(code, (computed.get(code) ?? 0) + area(f) / 1e6);
  }
  const rows = provinces.features.map((f) => {
    const code = String(f.properties?.code);
    const published = Number(f.properties?.areaKm2);
    const fromCommunes = computed.get(code) ?? 0;
    return {
      code,
      computed: fromCommunes,
      published,
      diff: published > 0 ? (Math.abs(fromCommunes - published) / published) * 100 : 0,
    };
  });
  return summariseAreas("provinces (2025), sum of communes", rows);
}

function summariseAreas(
  layer: string,
  rows: { code: string; computed: number; published: number; diff: number }[],
): AreaCheck {
  const sorted = [...rows].sort((a, b) => a.diff - b.diff);
  const worst = sorted[sorted.length - 1];
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    layer,
    units: rows.length,
    medianDiffPercent: r2(sorted[Math.floor(sorted.length / 2)]?.diff ?? 0),
    over5Percent: rows.filter((r) => r.diff > 5).length,
    worst: {
      code: worst?.code ?? "",
      computedKm2: r2(worst?.computed ?? 0),
      publishedKm2: r2(worst?.published ?? 0),
    },
  };
}

try {
  main();
} catch (error) {
  console.error(`build failed: ${(error as Error).message}`);
  process.exit(1);
}
