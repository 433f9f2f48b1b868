/**
 * How an old unit went into a new one, as the sources state it.
 *
 * | kind | Vietnamese | meaning |
 * | --- | --- | --- |
 * | `whole` | *nhập toàn bộ* | all of the area and population |
 * | `part` | *nhập một phần* | part of the area and population |
 * | `part_area` | *nhập một phần diện tích* | part of the area only |
 * | `part_area_all_population` | *một phần diện tích, toàn bộ dân số* | part of the area, all of the population |
 * | `part_population` | *nhập một phần dân số* | part of the population only |
 * | `kept` | *giữ nguyên* | unchanged |
 * | `renamed` | *đổi tên* | same place, new name |
 * | `retyped` | *đổi loại hình* | same place, new kind (e.g. xã → phường, province → city) |
 * | `special_zone` | *sắp xếp toàn bộ huyện … thành đặc khu* | an island district re-formed as a special zone |
 * | `moved` | *điều chỉnh, chuyển* | same place and name, under another district or province (before 2025) |
 * | `recoded` | *điều chỉnh mã* | same place and name, listed under another code (before 2025) |
 */
export const CHANGE_KINDS = [
  "whole",
  "part",
  "part_area",
  "part_area_all_population",
  "part_population",
  "kept",
  "renamed",
  "retyped",
  "special_zone",
  "moved",
  "recoded",
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Kinds under which only a share of the old unit went into the new one. */
export const PARTIAL_KINDS: ReadonlySet<ChangeKind> = new Set([
  "part",
  "part_area",
  "part_area_all_population",
  "part_population",
]);

/**
 * True when `value` is one of {@link CHANGE_KINDS}.
 *
 * @example
 * isChangeKind("whole") // true
 */
export function isChangeKind(value: string): value is ChangeKind {
  return (CHANGE_KINDS as readonly string[]).includes(value);
}
