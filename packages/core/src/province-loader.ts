/**
 * Loads the dataset one province at a time, as a browser does: first the provinces, then the
 * slices of the provinces an address names (see {@link sliceByProvince} for the files).
 */
import type { AddressResult, ConvertOptions } from "./address/convert.ts";
import {
  type Link,
  parseLineageCsv,
  parseLineageHistoryCsv,
  parseUnitsCsv,
  type Unit,
} from "./data/records.ts";
import { sliceFile } from "./data/slices.ts";
import { createDiagioi, type Diagioi } from "./diagioi.ts";

/** Fetches the text of a slice file by name ("provinces.units.csv", "79.lineage.csv" …). */
export type FetchText = (file: string) => Promise<string>;

/**
 * @example
 * const loader = await ProvinceLoader.open((file) => fetch(`/data/slices/${file}`).then((r) => r.text()));
 * const result = await loader.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội"); // fetches Hà Nội only
 * result.new?.full_name; // "Phường Hồng Hà"
 */
export class ProvinceLoader {
  private readonly fetchText: FetchText;
  private readonly units: Unit[] = [];
  private readonly links: Link[] = [];
  /** Keys of the rows loaded so far: a unit or link on the border of two provinces comes with both. */
  private readonly unitKeys = new Set<string>();
  private readonly linkKeys = new Set<string>();
  /** Slices fetched or being fetched, by new province code; a failed fetch is forgotten. */
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly loaded = new Set<string>();
  private current: Diagioi;
  private stale = false;
  /** Every new province code, from the provinces slice. */
  readonly provinceCodes: readonly string[];

  private constructor(fetchText: FetchText, units: Unit[], links: Link[]) {
    this.fetchText = fetchText;
    this.addRows(units, links);
    this.current = createDiagioi({ units: this.units, lineage: this.links });
    this.provinceCodes = this.current.units.all({ level: "province" }).map((u) => u.code);
  }

  /** Fetches the provinces slice: enough to look up provinces and to tell which ones an address names. */
  static async open(fetchText: FetchText): Promise<ProvinceLoader> {
    const [units, links] = await fetchTables(fetchText, "provinces");
    return new ProvinceLoader(fetchText, units, links);
  }

  /** Everything loaded so far. A new object after each load: do not keep an old one. */
  get diagioi(): Diagioi {
    if (this.stale) {
      this.current = createDiagioi({ units: this.units, lineage: this.links });
      this.stale = false;
    }
    return this.current;
  }

  /** Codes of the new provinces loaded so far. */
  get loadedProvinces(): string[] {
    return [...this.loaded];
  }

  /**
   * Fetches the slices of these new provinces, unless already loaded. Rejects when a fetch fails;
   * the slices that did arrive stay loaded, and a later call fetches the failed ones again.
   */
  async load(codes: readonly string[]): Promise<Diagioi> {
    for (const code of codes) {
      if (this.fetching.has(code)) continue;
      const fetched = this.fetchSlice(code);
      fetched.catch(() => this.fetching.delete(code));
      this.fetching.set(code, fetched);
    }
    await Promise.all(codes.map((code) => this.fetching.get(code)));
    return this.diagioi;
  }

  /**
   * Converts an address after loading the provinces it names; an address that names no province
   * makes it load every province.
   */
  async convert(address: unknown, options: ConvertOptions = {}): Promise<AddressResult> {
    const text = typeof address === "string" ? address : address == null ? "" : String(address);
    const named = this.diagioi.converter.provincesNamed(text, options);
    const diagioi = await this.load(named.length > 0 ? named : this.provinceCodes);
    return diagioi.convert(text, options);
  }

  private async fetchSlice(code: string): Promise<void> {
    const [units, links] = await fetchTables(this.fetchText, code);
    this.addRows(units, links);
    this.loaded.add(code);
    this.stale = true;
  }

  /** Adds the rows not loaded yet. */
  private addRows(units: readonly Unit[], links: readonly Link[]): void {
    for (const unit of units) {
      const key = `${unit.level}:${unit.code}:${unit.validFrom}`;
      if (this.unitKeys.has(key)) continue;
      this.unitKeys.add(key);
      this.units.push(unit);
    }
    for (const link of links) {
      const key = `${link.effectiveDate}:${link.oldLevel}:${link.oldCode}:${link.newCode}`;
      if (this.linkKeys.has(key)) continue;
      this.linkKeys.add(key);
      this.links.push(link);
    }
  }
}

/** The units and links of a slice, those of lineage-history.csv (the links before 2025-07-01) included. */
async function fetchTables(fetchText: FetchText, slice: string): Promise<[Unit[], Link[]]> {
  const [units, lineage, history] = await Promise.all([
    fetchText(sliceFile(slice, "units")),
    fetchText(sliceFile(slice, "lineage")),
    fetchText(sliceFile(slice, "lineage-history")),
  ]);
  return [parseUnitsCsv(units), [...parseLineageHistoryCsv(history), ...parseLineageCsv(lineage)]];
}
