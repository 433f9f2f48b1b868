/** Tier of a unit. Districts exist only before 2025-07-01. */
export type UnitLevel = "province" | "district" | "commune";

/**
 * Kind of a unit, by its Vietnamese designation:
 * - province level: `tinh` (province), `thanh_pho_tw` (centrally-run city, *thành phố trực thuộc trung ương*);
 * - district level: `quan` (urban district), `huyen` (rural district), `thi_xa` (town),
 *   `thanh_pho` (provincial city);
 * - commune level: `phuong` (ward), `xa` (commune), `thi_tran` (township), `dac_khu` (special zone).
 */
export type UnitKind =
  | "tinh"
  | "thanh_pho_tw"
  | "quan"
  | "huyen"
  | "thi_xa"
  | "thanh_pho"
  | "phuong"
  | "xa"
  | "thi_tran"
  | "dac_khu";

/** The designation that starts a unit's full name, per kind. */
export const UNIT_KIND_PREFIX: Readonly<Record<UnitKind, string>> = {
  tinh: "Tỉnh",
  thanh_pho_tw: "Thành phố",
  quan: "Quận",
  huyen: "Huyện",
  thi_xa: "Thị xã",
  thanh_pho: "Thành phố",
  phuong: "Phường",
  xa: "Xã",
  thi_tran: "Thị trấn",
  dac_khu: "Đặc khu",
};

const KINDS_BY_LEVEL: Readonly<Record<UnitLevel, readonly UnitKind[]>> = {
  province: ["tinh", "thanh_pho_tw"],
  district: ["quan", "huyen", "thi_xa", "thanh_pho"],
  commune: ["phuong", "xa", "thi_tran", "dac_khu"],
};

const UNIT_LEVELS: readonly UnitLevel[] = ["province", "district", "commune"];
const UNIT_KINDS = Object.keys(UNIT_KIND_PREFIX) as UnitKind[];

/**
 * The level a string names, as the shared constant (comparing it with another is then a pointer
 * comparison), or undefined when it names none.
 */
export function unitLevelOf(value: string): UnitLevel | undefined {
  return UNIT_LEVELS.find((level) => level === value);
}

/** The kind a string names, as the shared constant, or undefined when it names none. */
export function unitKindOf(value: string): UnitKind | undefined {
  return UNIT_KINDS.find((kind) => kind === value);
}

/**
 * Splits a full name such as "Thị trấn Ba Chẽ" into its kind and bare name, matching the
 * designation case- and tone-insensitively. Returns undefined when the full name does not
 * start with a designation of that level.
 *
 * @example
 * splitFullName("Thị trấn Ba Chẽ", "commune") // { kind: "thi_tran", name: "Ba Chẽ" }
 */
export function splitFullName(
  fullName: string,
  level: UnitLevel,
): { kind: UnitKind; name: string } | undefined {
  const text = fullName.normalize("NFC").trim();
  for (const kind of KINDS_BY_LEVEL[level]) {
    const prefix = UNIT_KIND_PREFIX[kind];
    if (text.length > prefix.length && text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()) {
      const rest = text.slice(prefix.length);
      if (/^\s/.test(rest)) return { kind, name: rest.trim() };
    }
  }
  return undefined;
}
