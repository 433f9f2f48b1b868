/** The import template: its columns, and a sample row a newcomer can copy. */
import type { FieldName } from "@diagioi/core";

/** Columns of the template, in order; `note` is recorded with the row's event. */
export const TEMPLATE_COLUMNS = [
  "external_id",
  "name",
  "address",
  "lng",
  "lat",
  "origin_unit_code",
  "origin_unit_level",
  "owner",
  "level",
  "asset_type",
  "land_area_m2",
  "floor_area_m2",
  "year_built",
  "condition",
  "land_certificate",
  "disputed",
  "encroached",
  "over_norm",
  "current_use",
  "managing_unit",
  "option",
  "stage",
  "minutes_no",
  "minutes_date",
  "decision_no",
  "decision_date",
  "deadline",
  "completed_date",
  "note",
] as const;

/** Accepted besides the template's columns. */
export const EXTRA_COLUMNS = ["misused", "origin_unit_date"] as const;

/**
 * Columns of an export that the server derives (identity, place in today's units, bookkeeping): an
 * exported file edited and sent back is read with them, and they are ignored.
 */
export const DERIVED_COLUMNS = [
  "id",
  "province_code",
  "commune_code",
  "address_new",
  "address_commune_code",
  "version",
  "created_at",
  "updated_at",
  "flags",
  "overdue",
] as const;

export type ImportColumn = (typeof TEMPLATE_COLUMNS)[number] | (typeof EXTRA_COLUMNS)[number];
export type ImportField = Exclude<ImportColumn, "note"> & FieldName;

export const REQUIRED_COLUMNS = ["external_id", "name"] as const;

export const SAMPLE_ROWS: Record<string, string>[] = [
  {
    external_id: "HN-QBD-001",
    name: "Trụ sở UBND quận Ba Đình (cũ)",
    address: "25 Liễu Giai, Phường Ngọc Khánh, Quận Ba Đình, Hà Nội",
    lng: "105.8148",
    lat: "21.0335",
    origin_unit_code: "001",
    origin_unit_level: "district",
    owner: "local",
    level: "district",
    asset_type: "office_building",
    land_area_m2: "4.520,5",
    floor_area_m2: "6200",
    year_built: "1998",
    condition: "fair",
    land_certificate: "có",
    disputed: "không",
    encroached: "no",
    over_norm: "0",
    current_use: "Bỏ trống từ 01/07/2025",
    managing_unit: "UBND Phường Ngọc Hà",
    option: "health",
    stage: "plan_drafted",
    minutes_no: "15/BB-BG",
    minutes_date: "05/07/2025",
    deadline: "31/12/2025",
    note: "Đề xuất chuyển đổi công năng sang y tế",
  },
];
