/**
 * The name index the address resolver looks spans of words up in: every old and new unit under
 * the loose key of its name (and of its full name), plus province aliases.
 */
import type { Unit } from "../data/records.ts";
import type { UnitRegistry } from "../units/registry.ts";
import { pushTo } from "../util/multimap.ts";
import { PROVINCE_ALIASES } from "./aliases.ts";
import { exactWordsOf, tokenKey, type Word } from "./tokenize.ts";

/** Units of 2025-06-30 (old) and of the given date (new) sharing one key. */
export interface IndexEntry {
  units: IndexedUnit[];
  /** Provinces and districts of `units`. */
  upper: IndexedUnit[];
  /** Communes of `units` by the code of the new province they are (or went) in. */
  communesByProvince: Map<string, IndexedUnit[]>;
}

export interface IndexedUnit {
  unit: Unit;
  /** "old": in force on 2025-06-30; "new": in force on the conversion date. */
  era: "old" | "new";
  /** Words of the name as written (tone-folded), to reward a span typed with the same diacritics. */
  exactWords?: string[];
  /** Matched through the full name ("phuong phuc xa"), which already carries the designation. */
  viaFullName: boolean;
  /** Matched through an alias ("tphcm"). */
  viaAlias: boolean;
}

export const LAST_OLD_DATE = "2025-06-30";

/**
 * A word trie: the resolver walks it word by word and stops as soon as no name continues. Edges
 * are keyed by word ids, which are cheaper to hash and compare than strings.
 */
export interface TrieNode {
  next: Map<number, TrieNode>;
  entry?: IndexEntry;
}

export class AddressIndex {
  readonly entries = new Map<string, IndexEntry>();
  /** Ids of the loose words that occur in names. */
  private readonly wordIds = new Map<string, number>();
  /** First level of the trie, by word id. */
  private readonly roots: TrieNode[] = [];
  /** Longest key, in words: spans longer than this are not looked up. */
  readonly maxWords: number;
  /** Old communes by district code and by province code; new communes by province code. */
  readonly oldCommunesOfDistrict = new Map<string, Unit[]>();
  readonly oldCommunesOfProvince = new Map<string, Unit[]>();
  readonly newCommunesOfProvince = new Map<string, Unit[]>();
  readonly oldDistrictsOfProvince = new Map<string, Unit[]>();
  readonly oldProvinces: Unit[];
  readonly newProvinces: Unit[];
  /** Old province code → new province code. */
  readonly newProvinceOf = new Map<string, string>();
  /** New province code → the old province codes merged into it. */
  private readonly mergedInto = new Map<string, string[]>();
  /** Old district code → old province code. */
  readonly provinceOfDistrict = new Map<string, string>();

  constructor(registry: UnitRegistry, date: string, provinceSuccessor: (old: Unit) => string | undefined) {
    const old = registry.all({ date: LAST_OLD_DATE });
    const current = registry.all({ date });
    let maxWords = 1;
    const add = (
      key: string,
      unit: Unit,
      era: "old" | "new",
      exactWords: string[] | undefined,
      viaFullName: boolean,
      viaAlias: boolean,
    ) => {
      if (!key) return;
      const entry: IndexEntry = this.entries.get(key) ?? {
        units: [],
        upper: [],
        communesByProvince: new Map(),
      };
      if (!entry.units.some((u) => u.unit === unit))
        entry.units.push({ unit, era, exactWords, viaFullName, viaAlias });
      this.entries.set(key, entry);
      maxWords = Math.max(maxWords, key.split(" ").length);
    };
    for (const [era, units] of [
      ["old", old],
      ["new", current],
    ] as const) {
      for (const unit of units) {
        add(tokenKey(unit.name), unit, era, exactWordsOf(unit.name), false, false);
        add(tokenKey(unit.fullName), unit, era, exactWordsOf(unit.fullName), true, false);
        const compact = tokenKey(unit.name).replaceAll(" ", "");
        if (unit.level !== "commune" && compact.length >= 6) add(compact, unit, era, undefined, false, true);
      }
    }
    this.oldProvinces = old.filter((u) => u.level === "province");
    this.newProvinces = current.filter((u) => u.level === "province");
    for (const [alias, code] of Object.entries(PROVINCE_ALIASES)) {
      for (const unit of this.oldProvinces)
        if (unit.code === code) add(alias, unit, "old", undefined, false, true);
      for (const unit of this.newProvinces)
        if (unit.code === code) add(alias, unit, "new", undefined, false, true);
    }
    this.maxWords = maxWords;
    for (const [key, entry] of this.entries) {
      let node: TrieNode | undefined;
      for (const word of key.split(" ")) {
        let id = this.wordIds.get(word);
        if (id === undefined) {
          id = this.wordIds.size;
          this.wordIds.set(word, id);
          this.roots.push({ next: new Map() });
        }
        if (!node) {
          node = this.roots[id] as TrieNode;
          continue;
        }
        let child = node.next.get(id);
        if (!child) {
          child = { next: new Map() };
          node.next.set(id, child);
        }
        node = child;
      }
      if (node) node.entry = entry;
    }
    const districtProvince = this.provinceOfDistrict;
    for (const unit of old) {
      if (unit.level === "district") {
        pushTo(this.oldDistrictsOfProvince, unit.parentCode, unit);
        districtProvince.set(unit.code, unit.parentCode);
      }
    }
    for (const unit of old) {
      if (unit.level !== "commune") continue;
      pushTo(this.oldCommunesOfDistrict, unit.parentCode, unit);
      pushTo(this.oldCommunesOfProvince, districtProvince.get(unit.parentCode) ?? "", unit);
    }
    for (const unit of current)
      if (unit.level === "commune") pushTo(this.newCommunesOfProvince, unit.parentCode, unit);
    for (const province of this.oldProvinces) {
      const successor = provinceSuccessor(province);
      if (!successor) continue;
      this.newProvinceOf.set(province.code, successor);
      pushTo(this.mergedInto, successor, province.code);
    }
    for (const entry of this.entries.values()) {
      for (const indexed of entry.units) {
        if (indexed.unit.level !== "commune") entry.upper.push(indexed);
        else pushTo(entry.communesByProvince, this.newProvinceOfCommune(indexed), indexed);
      }
    }
  }

  /** The trie node reached from `node` (the root when undefined) through `word`. */
  step(node: TrieNode | undefined, word: Word): TrieNode | undefined {
    if (word.lookedUpBy !== this) {
      word.id = this.wordIds.get(word.loose) ?? -1;
      word.lookedUpBy = this;
    }
    const id = word.id;
    if (id < 0) return undefined;
    return node ? node.next.get(id) : this.roots[id];
  }

  /** Codes of the old provinces merged into a new one. */
  oldProvincesOf(newCode: string): string[] {
    return this.mergedInto.get(newCode) ?? [];
  }

  /** Code of the new province an old district's territory went into. */
  newProvinceOfDistrict(districtCode: string): string {
    const old = this.provinceOfDistrict.get(districtCode) ?? "";
    return this.newProvinceOf.get(old) ?? old;
  }

  /** Code of the new province a commune is in (new) or went into (old). */
  newProvinceOfCommune(indexed: IndexedUnit): string {
    return indexed.era === "new"
      ? indexed.unit.parentCode
      : this.newProvinceOfDistrict(indexed.unit.parentCode);
  }
}
