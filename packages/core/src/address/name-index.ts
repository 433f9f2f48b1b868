/**
 * The name index the address resolver looks spans of words up in: every old and new unit under
 * the loose key of its bare name ("phuc xa"; the designation before it is read separately), plus
 * province aliases.
 */
import type { Unit } from "../data/records.ts";
import type { Lineage } from "../lineage/lineage.ts";
import type { UnitKind, UnitLevel } from "../units/kinds.ts";
import type { UnitRegistry } from "../units/registry.ts";
import { pushTo } from "../util/multimap.ts";
import { PROVINCE_ALIASES } from "./aliases.ts";
import { compactKey, exactWordsOf, type Token, tokenKey, type Word } from "./tokenize.ts";

/** Units of 2025-06-30 (old) and of the given date (new) sharing one key. */
export interface IndexEntry {
  units: IndexedUnit[];
  /** Provinces and districts of `units`. */
  upper: IndexedUnit[];
  /** Communes of `units` by the code of the new province they are (or went) in. */
  communesByProvince: Map<string, IndexedUnit[]>;
}

/**
 * A unit as the resolver scores it, with what it needs copied in: scoring touches this object only,
 * never the unit record or the lookup tables.
 */
export interface IndexedUnit {
  unit: Unit;
  /** "old": in force on 2025-06-30; "new": in force on the conversion date. */
  era: "old" | "new";
  level: UnitLevel;
  kind: UnitKind;
  /** The old province an old unit was in (its own code for a province); "" for a new unit. */
  oldProvince: string;
  /** The new province the unit is in or went into (its own code for a new province). */
  newProvince: string;
  /** For a commune, the old districts its territory was in (an old one's own district); otherwise empty. */
  oldDistricts: string[];
  /** For a commune, the old provinces its territory was in; otherwise empty. */
  oldProvinces: string[];
  /** Ids of the words of the name as written (tone-folded), to reward a span typed with the same diacritics. */
  exactIds?: number[];
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
  /** Ids of the loose words and of the exact words that occur in names. */
  private readonly looseIds = new Map<string, number>();
  private readonly exactIds = new Map<string, number>();
  /** First level of the trie, by word id. */
  private readonly roots: TrieNode[] = [];
  /** Old communes by district code and by province code; new communes by province code. */
  readonly oldCommunesOfDistrict = new Map<string, Unit[]>();
  readonly oldCommunesOfProvince = new Map<string, Unit[]>();
  readonly newCommunesOfProvince = new Map<string, Unit[]>();
  readonly oldDistrictsOfProvince = new Map<string, Unit[]>();
  readonly oldProvinces: Unit[];
  readonly newProvinces: Unit[];
  /** Old province code → new province code. */
  private readonly newProvinceOf = new Map<string, string>();
  /** New province code → the old province codes merged into it. */
  private readonly mergedInto = new Map<string, string[]>();
  private readonly newProvinceNames = new Map<string, string>();
  private readonly typoLists = new Map<string, unknown[]>();
  /** New commune code → the old districts its territory was in. */
  private readonly districtsBefore = new Map<string, string[]>();
  /** Old district code → old province code. */
  private readonly provinceOfDistrict = new Map<string, string>();

  constructor(registry: UnitRegistry, lineage: Lineage, date: string) {
    const old = registry.all({ date: LAST_OLD_DATE });
    const current = registry.all({ date });
    this.oldProvinces = old.filter((u) => u.level === "province");
    this.newProvinces = current.filter((u) => u.level === "province");
    for (const province of this.newProvinces) this.newProvinceNames.set(province.code, province.fullName);
    for (const province of this.oldProvinces) {
      const successor = lineage.successorsOf(province)[0]?.newCode;
      if (!successor) continue;
      this.newProvinceOf.set(province.code, successor);
      pushTo(this.mergedInto, successor, province.code);
    }
    for (const unit of old) {
      if (unit.level !== "district") continue;
      pushTo(this.oldDistrictsOfProvince, unit.parentCode, unit);
      this.provinceOfDistrict.set(unit.code, unit.parentCode);
    }
    for (const unit of old) {
      if (unit.level !== "commune") continue;
      pushTo(this.oldCommunesOfDistrict, unit.parentCode, unit);
      pushTo(this.oldCommunesOfProvince, this.provinceOfDistrict.get(unit.parentCode) ?? "", unit);
      for (const { unit: destination } of lineage.destinations(unit, date)) {
        const districts = this.districtsBefore.get(destination.code);
        if (!districts) this.districtsBefore.set(destination.code, [unit.parentCode]);
        else if (!districts.includes(unit.parentCode)) districts.push(unit.parentCode);
      }
    }
    for (const unit of current)
      if (unit.level === "commune") pushTo(this.newCommunesOfProvince, unit.parentCode, unit);
    this.buildTrie(this.namedUnits(old, current));
  }

  /** Every unit under the loose key of its bare name and of its aliases. */
  private namedUnits(old: Unit[], current: Unit[]): Map<string, IndexedUnit[]> {
    const named = new Map<string, IndexedUnit[]>();
    const add = (key: string, indexed: IndexedUnit) => {
      if (!key) return;
      const list = named.get(key);
      if (!list) named.set(key, [indexed]);
      else if (!list.some((u) => u.unit === indexed.unit)) list.push(indexed);
    };
    for (const [era, units] of [
      ["old", old],
      ["new", current],
    ] as const) {
      for (const unit of units) {
        add(tokenKey(unit.name), this.indexedUnit(unit, era, this.exactIdsOf(unit.name)));
        const compact = compactKey(unit.name);
        if (unit.level !== "commune" && compact.length >= 6)
          add(compact, this.indexedUnit(unit, era, undefined, true));
      }
    }
    for (const [alias, code] of Object.entries(PROVINCE_ALIASES)) {
      for (const unit of this.oldProvinces)
        if (unit.code === code) add(alias, this.indexedUnit(unit, "old", undefined, true));
      for (const unit of this.newProvinces)
        if (unit.code === code) add(alias, this.indexedUnit(unit, "new", undefined, true));
    }
    return named;
  }

  private buildTrie(named: Map<string, IndexedUnit[]>): void {
    for (const [key, units] of named) {
      let node: TrieNode | undefined;
      for (const word of key.split(" ")) {
        let id = this.looseIds.get(word);
        if (id === undefined) {
          id = this.looseIds.size;
          this.looseIds.set(word, id);
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
      if (!node) continue;
      const entry: IndexEntry = { units, upper: [], communesByProvince: new Map() };
      for (const indexed of units) {
        if (indexed.level !== "commune") entry.upper.push(indexed);
        else pushTo(entry.communesByProvince, indexed.newProvince, indexed);
      }
      node.entry = entry;
    }
  }

  /** Ids of the exact words of a name, numbering new words as they come. */
  private exactIdsOf(name: string): number[] {
    return exactWordsOf(name).map((word) => {
      let id = this.exactIds.get(word);
      if (id === undefined) {
        id = this.exactIds.size;
        this.exactIds.set(word, id);
      }
      return id;
    });
  }

  /** A unit as the resolver scores it; `viaAlias` when an alias rather than its name matched. */
  indexedUnit(unit: Unit, era: "old" | "new", exactIds?: number[], viaAlias = false): IndexedUnit {
    let oldProvince = "";
    let newProvince: string;
    if (era === "new") {
      newProvince = unit.level === "province" ? unit.code : unit.parentCode;
    } else {
      oldProvince =
        unit.level === "province"
          ? unit.code
          : unit.level === "district"
            ? unit.parentCode
            : (this.provinceOfDistrict.get(unit.parentCode) ?? "");
      newProvince = this.newProvinceOf.get(oldProvince) ?? oldProvince;
    }
    const oldDistricts =
      unit.level !== "commune"
        ? []
        : era === "old"
          ? [unit.parentCode]
          : (this.districtsBefore.get(unit.code) ?? []);
    return {
      unit,
      era,
      level: unit.level,
      kind: unit.kind,
      oldProvince,
      newProvince,
      oldDistricts,
      oldProvinces: [...new Set(oldDistricts.map((code) => this.provinceOfDistrict.get(code) ?? ""))],
      exactIds,
      viaAlias,
    };
  }

  /** The trie node reached from `node` (the root when undefined) through `word`. */
  step(node: TrieNode | undefined, word: Word): TrieNode | undefined {
    if (word.lookedUpBy !== this) this.lookUp(word);
    const id = word.looseId;
    if (id < 0) return undefined;
    return node ? node.next.get(id) : this.roots[id];
  }

  /** True when the words from `start` are written as the name with these exact-word ids. */
  writtenAs(tokens: Token[], start: number, exactIds: number[]): boolean {
    for (let w = 0; w < exactIds.length; w++) {
      const word = (tokens[start + w] as Token).word;
      if (word.lookedUpBy !== this) this.lookUp(word);
      if (word.exactId !== exactIds[w]) return false;
    }
    return true;
  }

  private lookUp(word: Word): void {
    word.looseId = this.looseIds.get(word.loose) ?? -1;
    word.exactId = this.exactIds.get(word.exact) ?? -1;
    word.lookedUpBy = this;
  }

  /** Full name of a province in force on the index's date; "" when there is none with that code. */
  newProvinceName(code: string): string {
    return this.newProvinceNames.get(code) ?? "";
  }

  /** A list of typo candidates, built once per key and index. */
  typoCandidates<T>(key: string, build: () => T[]): T[] {
    let list = this.typoLists.get(key) as T[] | undefined;
    if (!list) {
      list = build();
      this.typoLists.set(key, list);
    }
    return list;
  }

  /** Codes of the old provinces merged into a new one. */
  oldProvincesOf(newCode: string): string[] {
    return this.mergedInto.get(newCode) ?? [];
  }
}
