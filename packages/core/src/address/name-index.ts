/**
 * The name index the address resolver looks spans of words up in: every old and new unit under
 * the loose key of its bare name ("phuc xa"; the designation before it is read separately), plus
 * province aliases. Old units are those of 2025-06-30 and, when the registry holds the versions since
 * 2004, the earlier versions a reader can tell from later ones (see past-versions.ts).
 */
import { LAST_OLD_DAY } from "../data/history.ts";
import type { Unit } from "../data/records.ts";
import type { Lineage } from "../lineage/lineage.ts";
import type { UnitKind, UnitLevel } from "../units/kinds.ts";
import type { UnitRegistry } from "../units/registry.ts";
import { pushTo } from "../util/multimap.ts";
import { PROVINCE_ALIASES } from "./aliases.ts";
import { type PastVersions, pastVersions, restoredPastVersions } from "./past-versions.ts";
import {
  compactKey,
  exactWordsOf,
  otherIOrY,
  otherNumeral,
  type Token,
  tokenKey,
  type Word,
} from "./tokenize.ts";

/** Units before 2025-07-01 (old) and of the given date (new) sharing one key. */
export interface IndexEntry {
  units: IndexedUnit[];
  /** Provinces and districts of `units`. */
  upper: IndexedUnit[];
  /**
   * Communes of `units` in groups by the new province they are (or went) in: `groupProvinces[g]` is
   * the {@link IndexedUnit.newProvinceId} of `communeGroups[g]`.
   */
  groupProvinces: number[];
  communeGroups: IndexedUnit[][];
  /** The key names communes, all ended before 2025-06-30: none later bears their name. */
  onlyPast: boolean;
}

/**
 * A unit as the resolver scores it, with what it needs copied in: scoring touches this object only,
 * never the unit record or the lookup tables.
 */
export interface IndexedUnit {
  unit: Unit;
  /** "old": in force on 2025-06-30 or before; "new": in force on the conversion date. */
  era: "old" | "new";
  level: UnitLevel;
  kind: UnitKind;
  /** Other kinds over its run of versions (a phường that was a xã); empty for most. */
  earlierKinds: readonly UnitKind[];
  /**
   * First and last day in force ("" when open), over the run of versions that read the same
   * ("Phường Thảo Điền" of Quận 2 and of Thành phố Thủ Đức; a xã that became a phường): for `asOf`.
   */
  from: string;
  to: string;
  /** An old unit that ended before 2025-06-30. */
  past: boolean;
  /** The old province an old unit was in (its own code for a province); "" for a new unit. */
  oldProvince: string;
  /** The new province the unit is in or went into (its own code for a new province). */
  newProvince: string;
  /** A number for `newProvince`, the same for every unit of the index that names it. */
  newProvinceId: number;
  /**
   * For a commune, the old districts its territory was in (an old one's own district, or districts
   * over its run of versions); otherwise empty.
   */
  oldDistricts: string[];
  /** For a commune, the old provinces its territory was in; otherwise empty. */
  oldProvinces: string[];
  /** Ids of the words of the name as written (tone-folded), to reward a span typed with the same diacritics. */
  exactIds?: number[];
  /** Matched through an alias ("tphcm"). */
  viaAlias: boolean;
  /**
   * Matched through initials: a district's ("bt" for Bình Thạnh), which count only after a
   * designation, or a province's first word's ("b tre").
   */
  viaInitials: boolean;
}

export const LAST_OLD_DATE = LAST_OLD_DAY;

const NO_KINDS: readonly UnitKind[] = [];

/**
 * A word trie: the resolver walks it word by word and stops as soon as no name continues. Edges
 * are keyed by word ids, which are cheaper to hash and compare than strings.
 */
export interface TrieNode {
  /** A number for the node, unique in its trie. */
  id: number;
  entry?: IndexEntry & { order: number };
}

/**
 * The edges of a trie below its first level, by (node id, word id), in one open-addressing table:
 * a step of the walk reads two typed arrays, and the trie's nodes need no Map each (tens of thousands
 * of them, made at every load).
 */
class TrieEdges {
  private parents = new Int32Array(1024).fill(-1);
  private words = new Int32Array(1024);
  private children = new Array<TrieNode | undefined>(1024);
  private mask = 1023;
  private count = 0;

  private slotOf(parent: number, word: number): number {
    return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(word, 0x85ebca77)) & this.mask;
  }

  child(parent: number, word: number): TrieNode | undefined {
    for (let slot = this.slotOf(parent, word); ; slot = (slot + 1) & this.mask) {
      const found = this.parents[slot];
      if (found === -1) return undefined;
      if (found === parent && this.words[slot] === word) return this.children[slot];
    }
  }

  /** Adds an edge that is not there yet. */
  add(parent: number, word: number, child: TrieNode): void {
    if (this.count * 2 >= this.parents.length) this.grow();
    let slot = this.slotOf(parent, word);
    while (this.parents[slot] !== -1) slot = (slot + 1) & this.mask;
    this.parents[slot] = parent;
    this.words[slot] = word;
    this.children[slot] = child;
    this.count++;
  }

  /** Every edge: parent node id, word id, child. */
  *all(): Generator<[number, number, TrieNode]> {
    for (let slot = 0; slot < this.parents.length; slot++)
      if (this.parents[slot] !== -1)
        yield [this.parents[slot] as number, this.words[slot] as number, this.children[slot] as TrieNode];
  }

  private grow(): void {
    const edges = [...this.all()];
    const size = this.parents.length * 2;
    this.parents = new Int32Array(size).fill(-1);
    this.words = new Int32Array(size);
    this.children = new Array<TrieNode | undefined>(size);
    this.mask = size - 1;
    this.count = 0;
    for (const [parent, word, child] of edges) this.add(parent, word, child);
  }
}

/**
 * The part of an {@link AddressIndex} that is slow to compute (the words of every name, and which
 * old districts each new commune's territory was in), as plain JSON, so that a loader can restore
 * the index in a few milliseconds instead of building it. Valid for the dates in [from, until).
 */
export interface PreparedIndex {
  /** First day the index holds for. */
  from: string;
  /** First day it no longer holds for; "" when open. */
  until: string;
  /** Exact words of names, by id. */
  exactWords: string[];
  /** New commune code → the old districts its territory was in. */
  districtsBefore: [string, string[]][];
  /**
   * Loose keys and what each names: per unit, `[unit index in the registry, flags, ...exact word ids]`
   * (flags: 1 new era, 2 through an alias, 4 exact word ids follow, 8 through initials).
   */
  names: [string, number[][]][];
  /** Compact key of each unit's name ("tanlap"), by unit index; 0 where not needed. */
  compactKeys: (string | 0)[];
  /** What each old commune became: `[unit index, ...indexes of the new units]`. */
  destinations: number[][];
  /** Old province code → the new province it went into. */
  newProvinceOf: [string, string][];
  /** The versions indexed that ended before 2025-06-30: `[unit index, code of its province then]`. */
  past?: [number, string][];
  /** The districts of a commune's run of versions, where more than its own: `[unit index, ...codes]`. */
  runDistricts?: [number, ...string[]][];
  /** The first day of a unit's run of like versions, where earlier than its own: `[unit index, day]`. */
  firstDays?: [number, string][];
  /** The other kinds of a unit's run of versions: `[unit index, ...kinds]`. */
  runKinds?: [number, ...UnitKind[]][];
}

export class AddressIndex {
  /** Ids of the loose words and of the exact words that occur in names. */
  private readonly looseIds = new Map<string, number>();
  private readonly exactIds = new Map<string, number>();
  /** First level of the trie, by word id. */
  private readonly roots: TrieNode[] = [];
  /** The trie's other levels (see {@link TrieEdges}). */
  private readonly edges = new TrieEdges();
  /**
   * Old communes of 2025-06-30 by district code and by province code (the typo search looks among
   * them: among the earlier ones too it took a tenth longer); new communes by province code.
   */
  readonly oldCommunesOfDistrict = new Map<string, Unit[]>();
  /**
   * Communes ended before 2025-06-30 by each district they were in, and communes of 2025-06-30 by the
   * districts they had left: a district's list is short.
   */
  readonly pastCommunesOfDistrict = new Map<string, Unit[]>();
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
  /** Numbers for new province codes ({@link IndexedUnit.newProvinceId}). */
  private readonly provinceIds = new Map<string, number>();
  /** District in force on the index's date → its province (none from 2025-07-01, when districts ended). */
  private readonly provinceOfCurrentDistrict = new Map<string, string>();
  /** Typo candidate lists by the unit they are for (none: the provinces) and what they hold. */
  private readonly typoLists = new Map<Unit | undefined, Map<string, unknown[]>>();
  /** New commune code → the old districts its territory was in. */
  private readonly districtsBefore = new Map<string, string[]>();
  /** Old district code → old province code. */
  private readonly provinceOfDistrict = new Map<string, string>();
  /** Compact keys of names, for the typo check. */
  private readonly compactKeys = new Map<Unit, string>();
  /** The earlier versions indexed, and the runs of versions each unit stands for. */
  private readonly past: PastVersions;
  /** The units in force on the index's dates that an old unit became. */
  private readonly destinationsOfUnit = new Map<Unit, Unit[]>();
  private readonly lineage: Lineage;
  private readonly date: string;

  constructor(registry: UnitRegistry, lineage: Lineage, date: string, prepared?: PreparedIndex) {
    this.lineage = lineage;
    this.date = date;
    const last = registry.all({ date: LAST_OLD_DATE });
    const current = registry.all({ date });
    for (const unit of last)
      if (unit.level === "district") this.provinceOfDistrict.set(unit.code, unit.parentCode);
    this.past = prepared
      ? restoredPastVersions(registry, prepared)
      : pastVersions(registry, last, this.provinceOfDistrict);
    const past = [...this.past.provinceOf.keys()];
    const old = [...past, ...last];
    this.oldProvinces = old.filter((u) => u.level === "province");
    this.newProvinces = current.filter((u) => u.level === "province");
    for (const unit of current)
      if (unit.level === "district") this.provinceOfCurrentDistrict.set(unit.code, unit.parentCode);
    for (const province of this.newProvinces) this.newProvinceNames.set(province.code, province.fullName);
    // Provinces of 2025-06-30 first: an earlier one (Hà Tây) went into one of them.
    for (const province of [...last, ...past]) {
      if (province.level !== "province" || this.newProvinceOf.has(province.code)) continue;
      const successor = prepared
        ? prepared.newProvinceOf.find(([code]) => code === province.code)?.[1]
        : lineage.successorsOf(province)[0]?.newCode;
      if (!successor) continue;
      const newCode =
        province.validTo < LAST_OLD_DATE ? (this.newProvinceOf.get(successor) ?? successor) : successor;
      this.newProvinceOf.set(province.code, newCode);
      pushTo(this.mergedInto, newCode, province.code);
    }
    for (const unit of old)
      if (unit.level === "district" && !this.past.provinceOf.has(unit))
        pushTo(this.oldDistrictsOfProvince, unit.parentCode, unit);
    if (prepared) this.restoreCaches(registry, prepared);
    for (const unit of old) {
      if (unit.level !== "commune") continue;
      if (!this.past.provinceOf.has(unit)) {
        pushTo(this.oldCommunesOfDistrict, unit.parentCode, unit);
        pushTo(this.oldCommunesOfProvince, this.oldProvinceOf(unit), unit);
        // Moved in from a district it was in before (Khánh Thạnh Tân, of Mỏ Cày until 2009): a
        // misspelling of it beside that district's name is looked for among that district's communes.
        for (const district of this.past.runDistricts.get(unit) ?? [])
          if (district !== unit.parentCode) pushTo(this.pastCommunesOfDistrict, district, unit);
      } else
        for (const district of this.past.runDistricts.get(unit) ?? [unit.parentCode])
          pushTo(this.pastCommunesOfDistrict, district, unit);
      if (prepared) continue;
      for (const destination of this.destinationsOf(unit)) {
        const districts = this.districtsBefore.get(destination.code);
        if (!districts) this.districtsBefore.set(destination.code, [unit.parentCode]);
        else if (!districts.includes(unit.parentCode)) districts.push(unit.parentCode);
      }
    }
    for (const unit of current)
      if (unit.level === "commune") pushTo(this.newCommunesOfProvince, unit.parentCode, unit);
    this.buildTrie(prepared ? this.restoredNames(registry, prepared) : this.namedUnits(old, current));
  }

  /** The old province an old unit was in (its own code for a province). */
  private oldProvinceOf(unit: Unit): string {
    if (unit.level === "province") return unit.code;
    return (
      this.past.provinceOf.get(unit) ??
      (unit.level === "district" ? unit.parentCode : (this.provinceOfDistrict.get(unit.parentCode) ?? ""))
    );
  }

  /** The units in force on the index's dates that an old unit became (itself when still in force). */
  destinationsOf(unit: Unit): Unit[] {
    let found = this.destinationsOfUnit.get(unit);
    if (!found) {
      found = this.lineage.destinations(unit, this.date).map((d) => d.unit);
      this.destinationsOfUnit.set(unit, found);
    }
    return found;
  }

  /** The compact key of a unit's name ("tanlap"). */
  compactKeyOf(unit: Unit): string {
    let key = this.compactKeys.get(unit);
    if (key === undefined) {
      key = compactKey(unit.name);
      this.compactKeys.set(unit, key);
    }
    return key;
  }

  private restoreCaches(registry: UnitRegistry, prepared: PreparedIndex): void {
    for (const [code, districts] of prepared.districtsBefore) this.districtsBefore.set(code, districts);
    const units = registry.units;
    prepared.compactKeys.forEach((key, i) => {
      if (key !== 0) this.compactKeys.set(units[i] as Unit, key);
    });
    for (const [at, ...destinations] of prepared.destinations)
      this.destinationsOfUnit.set(
        units[at as number] as Unit,
        destinations.map((i) => units[i] as Unit),
      );
  }

  /** The slow part of the index as JSON, for {@link PreparedIndex}; `period` is the dates it holds for. */
  prepare(registry: UnitRegistry, period: { from: string; until: string }): PreparedIndex {
    const position = new Map(registry.units.map((unit, i) => [unit, i]));
    const names: [string, number[][]][] = [];
    const entries = [...this.namedEntries()];
    // Districts and provinces too (a district written alone converts to the one commune it all went
    // into): a prepared index then never needs the links, whose parsing took a tenth of a second.
    for (const [, units] of entries) for (const u of units) if (u.era === "old") this.destinationsOf(u.unit);
    for (const [key, units] of entries) {
      names.push([
        key,
        units.map((u) => [
          position.get(u.unit) as number,
          (u.era === "new" ? 1 : 0) | (u.viaAlias ? 2 : 0) | (u.exactIds ? 4 : 0) | (u.viaInitials ? 8 : 0),
          ...(u.exactIds ?? []),
        ]),
      ]);
    }
    const compactKeys: (string | 0)[] = registry.units.map(() => 0);
    for (const units of [
      this.oldProvinces,
      this.newProvinces,
      ...this.oldDistrictsOfProvince.values(),
      ...this.oldCommunesOfProvince.values(),
      ...this.newCommunesOfProvince.values(),
    ])
      for (const unit of units) compactKeys[position.get(unit) as number] = this.compactKeyOf(unit);
    const destinations: number[][] = [];
    for (const [unit, found] of this.destinationsOfUnit)
      destinations.push([position.get(unit) as number, ...found.map((u) => position.get(u) as number)]);
    return {
      from: period.from,
      until: period.until,
      exactWords: [...this.exactIds.keys()],
      districtsBefore: [...this.districtsBefore],
      names,
      compactKeys,
      destinations,
      newProvinceOf: [...this.newProvinceOf],
      past: [...this.past.provinceOf].map(([unit, code]) => [position.get(unit) as number, code]),
      firstDays: [...this.past.firstDayOf].map(([unit, day]) => [position.get(unit) as number, day]),
      runDistricts: [...this.past.runDistricts].map(([unit, codes]) => [
        position.get(unit) as number,
        ...codes,
      ]),
      runKinds: [...this.past.runKinds].map(([unit, kinds]) => [position.get(unit) as number, ...kinds]),
    };
  }

  /** Every key of the trie with the units it names, in the order the trie was built. */
  private *namedEntries(): Generator<[string, IndexedUnit[]]> {
    const words = [...this.looseIds.keys()];
    const childrenOf = new Map<number, [number, TrieNode][]>();
    for (const [parent, word, child] of this.edges.all()) pushTo(childrenOf, parent, [word, child]);
    const walk = function* (node: TrieNode, key: string): Generator<[string, IndexedUnit[], number]> {
      if (node.entry) yield [key, node.entry.units, node.entry.order];
      for (const [id, child] of childrenOf.get(node.id) ?? []) yield* walk(child, `${key} ${words[id]}`);
    };
    const all: [string, IndexedUnit[], number][] = [];
    this.roots.forEach((root, id) => {
      for (const found of walk(root, words[id] as string)) all.push(found);
    });
    all.sort((a, b) => a[2] - b[2]);
    for (const [key, units] of all) yield [key, units];
  }

  private restoredNames(registry: UnitRegistry, prepared: PreparedIndex): Map<string, IndexedUnit[]> {
    prepared.exactWords.forEach((word, id) => {
      this.exactIds.set(word, id);
    });
    const named = new Map<string, IndexedUnit[]>();
    for (const [key, entries] of prepared.names) {
      named.set(
        key,
        entries.map((entry) => {
          const unit = registry.units[entry[0] as number] as Unit;
          const flags = entry[1] as number;
          return this.indexedUnit(
            unit,
            flags & 1 ? "new" : "old",
            flags & 4 ? entry.slice(2) : undefined,
            (flags & 2) !== 0,
            (flags & 8) !== 0,
          );
        }),
      );
    }
    return named;
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
        const key = tokenKey(unit.name);
        add(key, this.indexedUnit(unit, era, this.exactIdsOf(unit.name)));
        const otherSpelling = otherIOrY(key);
        if (otherSpelling !== key)
          add(otherSpelling, this.indexedUnit(unit, era, this.exactIdsOf(unit.name)));
        const numeral = otherNumeral(unit.name);
        if (numeral !== undefined)
          add(tokenKey(numeral), this.indexedUnit(unit, era, this.exactIdsOf(numeral)));
        const compact = compactKey(unit.name);
        if (unit.level !== "commune" && compact.length >= 6)
          add(compact, this.indexedUnit(unit, era, undefined, true));
        // A ward "Lâm Viên - Đà Lạt" is written "Phường Lâm Viên" as often as in full (a province
        // "Bà Rịa - Vũng Tàu" is not: Bà Rịa was a town of it).
        const first = unit.name.split(" - ")[0] as string;
        if (unit.level === "commune" && first !== unit.name)
          add(tokenKey(first), this.indexedUnit(unit, era, this.exactIdsOf(first)));
        // An English name of its own ("Spratly" for Đặc khu Trường Sa, "Paracel" for Hoàng Sa).
        const english = tokenKey(unit.nameEn);
        if (english !== key && english !== compact)
          add(english, this.indexedUnit(unit, era, undefined, true));
      }
    }
    const words = new Set<string>();
    for (const key of named.keys()) for (const word of key.split(" ")) words.add(word);
    for (const [era, units] of [
      ["old", old],
      ["new", current],
    ] as const)
      for (const unit of units) {
        if (unit.level === "commune" || (era === "new" && unit.level !== "province")) continue;
        for (const key of initialsOf(tokenKey(unit.name), words, unit.level === "province"))
          add(key, this.indexedUnit(unit, era, undefined, false, true));
      }
    for (const [alias, code] of Object.entries(PROVINCE_ALIASES)) {
      for (const unit of this.oldProvinces)
        if (unit.code === code && !this.past.provinceOf.has(unit))
          add(alias, this.indexedUnit(unit, "old", undefined, true));
      for (const unit of this.newProvinces)
        if (unit.code === code) add(alias, this.indexedUnit(unit, "new", undefined, true));
    }
    return named;
  }

  private buildTrie(named: Map<string, IndexedUnit[]>): void {
    let order = 0;
    let nodes = 0;
    for (const [key, units] of named) {
      let node: TrieNode | undefined;
      for (const word of key.split(" ")) {
        let id = this.looseIds.get(word);
        if (id === undefined) {
          id = this.looseIds.size;
          this.looseIds.set(word, id);
          this.roots.push({ id: nodes++ });
        }
        if (!node) {
          node = this.roots[id] as TrieNode;
          continue;
        }
        let child = this.edges.child(node.id, id);
        if (!child) {
          child = { id: nodes++ };
          this.edges.add(node.id, id, child);
        }
        node = child;
      }
      if (!node) continue;
      const entry = {
        units,
        upper: [] as IndexedUnit[],
        groupProvinces: [] as number[],
        communeGroups: [] as IndexedUnit[][],
        onlyPast: false,
        order: order++,
      };
      for (const indexed of units) {
        if (indexed.level !== "commune") {
          entry.upper.push(indexed);
          continue;
        }
        const group = entry.groupProvinces.indexOf(indexed.newProvinceId);
        if (group >= 0) (entry.communeGroups[group] as IndexedUnit[]).push(indexed);
        else {
          entry.groupProvinces.push(indexed.newProvinceId);
          entry.communeGroups.push([indexed]);
        }
      }
      entry.onlyPast =
        entry.communeGroups.length > 0 && entry.communeGroups.every((group) => group.every((u) => u.past));
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

  /** A unit as the resolver scores it; `viaAlias` or `viaInitials` when its name did not match. */
  indexedUnit(
    unit: Unit,
    era: "old" | "new",
    exactIds?: number[],
    viaAlias = false,
    viaInitials = false,
  ): IndexedUnit {
    let oldProvince = "";
    let newProvince: string;
    if (era === "new") {
      newProvince = unit.level === "province" ? unit.code : unit.parentCode;
    } else {
      oldProvince = this.oldProvinceOf(unit);
      newProvince = this.newProvinceOf.get(oldProvince) ?? oldProvince;
    }
    const oldDistricts =
      unit.level !== "commune"
        ? []
        : era === "old"
          ? (this.past.runDistricts.get(unit) ?? [unit.parentCode])
          : (this.districtsBefore.get(unit.code) ?? []);
    return {
      unit,
      era,
      level: unit.level,
      kind: unit.kind,
      earlierKinds: this.past.runKinds.get(unit) ?? NO_KINDS,
      from: this.past.firstDayOf.get(unit) ?? unit.validFrom,
      to: unit.validTo,
      past: era === "old" && unit.validTo < LAST_OLD_DATE,
      oldProvince,
      newProvince,
      newProvinceId: this.provinceIdOf(newProvince),
      oldDistricts,
      oldProvinces: this.provincesOfDistricts(oldDistricts),
      exactIds,
      viaAlias,
      viaInitials,
    };
  }

  /** The provinces of some districts, each once (a loop: a Set per unit cost a noticeable part of a load). */
  private provincesOfDistricts(districts: string[]): string[] {
    const provinces: string[] = [];
    for (const code of districts) {
      const province = this.provinceOfDistrict.get(code) ?? "";
      if (!provinces.includes(province)) provinces.push(province);
    }
    return provinces;
  }

  private provinceIdOf(code: string): number {
    let id = this.provinceIds.get(code);
    if (id === undefined) {
      id = this.provinceIds.size;
      this.provinceIds.set(code, id);
    }
    return id;
  }

  /** The trie node reached from `node` (the root when undefined) through `word`. */
  step(node: TrieNode | undefined, word: Word): TrieNode | undefined {
    if (word.lookedUpBy !== this) this.lookUp(word);
    const id = word.looseId;
    if (id < 0) return undefined;
    return node ? this.edges.child(node.id, id) : this.roots[id];
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

  /** The province a unit in force on the index's date is in: its parent, or its district's. */
  provinceCodeOf(unit: Unit): string {
    return this.provinceOfCurrentDistrict.get(unit.parentCode) ?? unit.parentCode;
  }

  /** Full name of a new province; "" when there is none with that code. */
  newProvinceName(code: string): string {
    return this.newProvinceNames.get(code) ?? "";
  }

  /**
   * A list of typo candidates, built once per unit, kind and index (units and kinds rather than one
   * text key: making and hashing that text cost more than the search it saved).
   */
  typoCandidates<T>(unit: Unit | undefined, kind: string, build: () => T[]): T[] {
    let lists = this.typoLists.get(unit);
    if (!lists) {
      lists = new Map();
      this.typoLists.set(unit, lists);
    }
    let list = lists.get(kind) as T[] | undefined;
    if (!list) {
      list = build();
      lists.set(kind, list);
    }
    return list;
  }

  /** Codes of the old provinces merged into a new one. */
  oldProvincesOf(newCode: string): string[] {
    return this.mergedInto.get(newCode) ?? [];
  }
}

/**
 * Keys of a district's name of two or more words written by initials, as Hồ Chí Minh City's are
 * ("Q.BT", "Q.HBT"), or by the first word's initial ("Q.BThạnh", "Q.T.Bình"); of a province's name of
 * two words, by the first word's initial only ("B.Tre", "C. Thơ"). Not a one-word key that is a word
 * of some name ("an" for An Nhơn, "thai" for Tiền Hải), which would read "H. An Lão" or "Huyện Thái
 * Thụy" as that unit.
 */
function initialsOf(key: string, words: ReadonlySet<string>, province: boolean): string[] {
  const parts = key.split(" ");
  if (parts.length < 2 || (province && parts.length > 2) || parts.some((part) => /\d/.test(part))) return [];
  const first = (parts[0] as string)[0] as string;
  const rest = parts.slice(1);
  const keys = [`${first} ${rest.join(" ")}`];
  const joined = [first + rest.join("")];
  if (!province) joined.push(parts.map((part) => part[0]).join(""));
  for (const word of joined) if (!words.has(word)) keys.push(word);
  return keys;
}
