import type { Topology } from "topojson-specification";
import { AddressConverter, type AddressResult, type ConvertOptions } from "./address/convert.ts";
import { type Link, parseLineageCsv, parseUnitsCsv, type Unit } from "./data/records.ts";
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
  const units = new UnitRegistry(typeof data.units === "string" ? parseUnitsCsv(data.units) : data.units);
  const lineage = new Lineage(
    typeof data.lineage === "string" ? parseLineageCsv(data.lineage) : data.lineage,
    units,
  );
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
  );
  return {
    units,
    lineage,
    locator,
    converter,
    convert: (address, options) => converter.convert(address, options),
  };
}
