import type { Topology } from "topojson-specification";
import { AddressConverter, type AddressResult, type ConvertOptions } from "./address/convert.ts";
import type { PreparedIndex } from "./address/name-index.ts";
import { withHistory } from "./data/history.ts";
import {
  type Link,
  lineageCsv,
  lineageHistoryCsv,
  parseLineageCsv,
  parseLineageHistoryCsv,
  parseUnitsCsv,
  type Unit,
  unitRows,
  unitsFromRows,
} from "./data/records.ts";
import { Locator } from "./geo/locator.ts";
import { Lineage } from "./lineage/lineage.ts";
import { UnitRegistry } from "./units/registry.ts";

/** The dataset as the caller's loader hands it over (file contents in Node, fetched text in a browser). */
export interface DiagioiData {
  /** Text of data/dist/units.csv (or of slices of it), or its parsed rows. */
  units: string | readonly Unit[];
  /** Text of data/dist/lineage.csv (or of slices of it), or its parsed rows. */
  lineage: string | readonly Link[];
  /**
   * Commune boundaries: the bytes of data/dist/boundaries-2025.pack (fast) or the parsed
   * boundaries-2025.topo.json. Without them, `locate` and coordinates are unavailable.
   */
  boundaries?: Uint8Array | Topology;
  /**
   * The versions since 2004 (text of units-history.csv and lineage-history.csv, or parsed rows), for
   * addresses written in units of any date. `units` may be left out when `units` above already holds
   * them (a prepared dataset).
   */
  history?: { units?: string | readonly Unit[]; lineage: string | readonly Link[] };
  /** A prepared name index for the same tables ({@link prepareDataset}): loading skips building it. */
  index?: PreparedIndex;
}

/**
 * The tables and the name index in a form that loads several times faster than the CSV files:
 * `JSON.stringify` it at build time, `JSON.parse` it and pass it to {@link fromPrepared} at run time.
 */
export interface PreparedDataset {
  format: "diagioi-prepared-1";
  /** Rows of units.csv without the header. */
  units: string[][];
  /** The text of lineage.csv (parsed when first needed: conversion does not need it). */
  lineage: string;
  /** The text of lineage-history.csv when `units` holds the versions since 2004, also parsed when needed. */
  historyLineage?: string;
  index: PreparedIndex;
}

/** Everything diagioi knows, ready to query. */
export interface Diagioi {
  units: UnitRegistry;
  lineage: Lineage;
  /** Present when boundaries were given. */
  locator?: Locator;
  converter: AddressConverter;
  convert(address: unknown, options?: ConvertOptions): AddressResult;
}

/**
 * Builds the registry, lineage, address converter and (with boundaries) the locator.
 *
 * @example
 * import { readFileSync } from "node:fs";
 * const diagioi = createDiagioi({
 *   units: readFileSync("data/dist/units.csv", "utf8"),
 *   lineage: readFileSync("data/dist/lineage.csv", "utf8"),
 *   boundaries: readFileSync("data/dist/boundaries-2025.pack"),
 * });
 * diagioi.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội").new?.full_name; // "Phường Hồng Hà"
 */
export function createDiagioi(data: DiagioiData): Diagioi {
  let rows = typeof data.units === "string" ? parseUnitsCsv(data.units) : data.units;
  const history = data.history;
  if (history?.units !== undefined)
    rows = withHistory(
      rows,
      typeof history.units === "string" ? parseUnitsCsv(history.units, "units-history.csv") : history.units,
    );
  const units = new UnitRegistry(rows);
  // Parsed on first use: converting with a prepared index never needs the links.
  const lineage = new Lineage(() => {
    const links = typeof data.lineage === "string" ? parseLineageCsv(data.lineage) : data.lineage;
    if (!history) return links;
    const older =
      typeof history.lineage === "string" ? parseLineageHistoryCsv(history.lineage) : history.lineage;
    return [...older, ...links];
  }, units);
  const locator =
    data.boundaries instanceof Uint8Array
      ? Locator.fromPack(data.boundaries)
      : data.boundaries
        ? Locator.fromTopology(data.boundaries, "communes")
        : undefined;
  const converter = new AddressConverter(
    units,
    lineage,
    locator ? (lng, lat) => locator.locate(lng, lat)?.code : undefined,
    data.index,
  );
  return {
    units,
    lineage,
    locator,
    converter,
    convert: (address, options) => converter.convert(address, options),
  };
}

/**
 * The dataset and its name index for the units in force on a date (default today), ready to be
 * written as JSON; the index holds for every date with the same units in force.
 *
 * @example
 * writeFileSync("prepared.json", JSON.stringify(prepareDataset(createDiagioi({ units, lineage }))));
 */
export function prepareDataset(diagioi: Diagioi, date?: string): PreparedDataset {
  const links = diagioi.lineage.links;
  const older = links.filter((l) => l.certainty !== undefined);
  return {
    format: "diagioi-prepared-1",
    units: unitRows(diagioi.units.units),
    lineage: lineageCsv(older.length > 0 ? links.filter((l) => l.certainty === undefined) : links),
    ...(older.length > 0 ? { historyLineage: lineageHistoryCsv(older) } : {}),
    index: diagioi.converter.prepare(date),
  };
}

/**
 * The data for {@link createDiagioi} from a {@link PreparedDataset}.
 *
 * @example
 * const diagioi = createDiagioi({ ...fromPrepared(JSON.parse(text)), boundaries });
 */
export function fromPrepared(prepared: PreparedDataset): DiagioiData {
  if (prepared?.format !== "diagioi-prepared-1")
    throw new Error(`not a prepared diagioi dataset (format "${prepared?.format}")`);
  return {
    units: unitsFromRows(prepared.units),
    lineage: prepared.lineage,
    ...(prepared.historyLineage === undefined ? {} : { history: { lineage: prepared.historyLineage } }),
    index: prepared.index,
  };
}
