/**
 * The facility record (*cơ sở nhà, đất dôi dư*, a surplus public house or land plot) and the
 * description of each of its fields. The field table drives validation, import, export, the
 * database columns and what anonymous visitors may read.
 */
import {
  ASSET_TYPES,
  type AssetType,
  CONDITIONS,
  type Condition,
  type DisposalOption,
  FACILITY_LEVELS,
  type FacilityLevel,
  type Labelled,
  OPTIONS,
  OWNERS,
  type Owner,
  STAGES,
  type Stage,
} from "./sets.ts";

export interface Facility {
  id: number;
  /** New province (2-digit code) the facility lies in. */
  province_code: string;
  /** The province's own identifier, unique within the province. */
  external_id: string;
  name: string;
  /** The address as written (any era). */
  address: string | null;
  /** The address rewritten in today's units, when it could be converted. */
  address_new: string | null;
  /** New commune containing the point (or, without a point, named by the address). */
  commune_code: string | null;
  /** New commune the address names; differs from `commune_code` when point and address disagree. */
  address_commune_code: string | null;
  lng: number | null;
  lat: number | null;
  /** The old unit that owned it (province, district or commune code) and the day its code is read on. */
  origin_unit_code: string | null;
  origin_unit_level: "province" | "district" | "commune" | null;
  origin_unit_date: string | null;
  level: FacilityLevel | null;
  owner: Owner | null;
  asset_type: AssetType | null;
  land_area_m2: number | null;
  floor_area_m2: number | null;
  year_built: number | null;
  condition: Condition | null;
  /** Whether the land-use right certificate exists; null when unknown. */
  land_certificate: boolean | null;
  disputed: boolean;
  encroached: boolean;
  over_norm: boolean;
  misused: boolean;
  current_use: string | null;
  managing_unit: string | null;
  option: DisposalOption | null;
  minutes_no: string | null;
  minutes_date: string | null;
  decision_no: string | null;
  decision_date: string | null;
  deadline: string | null;
  completed_date: string | null;
  stage: Stage;
  version: number;
  created_at: string;
  updated_at: string;
}

export type FieldName = keyof Facility;

/** How a field's value is written and read. */
export type FieldType =
  | { kind: "text"; max: number }
  | { kind: "number"; min: number; max: number }
  | { kind: "integer"; min: number; max: number }
  | { kind: "date" }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[]; labels?: readonly Labelled<string>[] };

export interface FieldSpec {
  type: FieldType;
  /** Readable without a login. */
  public?: boolean;
  /** Set by the planner on create and PATCH; other fields change only through the workflow or the server. */
  editable?: boolean;
}

const text = (max = 500): FieldType => ({ kind: "text", max });
const date: FieldType = { kind: "date" };
const bool: FieldType = { kind: "boolean" };
const enumOf = (values: readonly string[]): FieldType => ({ kind: "enum", values });
/** A closed set's values, with their labels (an import may write "Tốt" for `good`). */
const labelledEnum = (set: {
  values: readonly string[];
  entries: readonly Labelled<string>[];
}): FieldType => ({
  kind: "enum",
  values: set.values,
  labels: set.entries,
});
const AREA: FieldType = { kind: "number", min: 0, max: 100_000_000 };

/** Every field of a facility, in the order of the import template and exports. */
export const FIELDS: Readonly<Record<FieldName, FieldSpec>> = {
  id: { type: { kind: "integer", min: 1, max: Number.MAX_SAFE_INTEGER }, public: true },
  province_code: { type: text(2), public: true },
  external_id: { type: text(64), editable: true },
  name: { type: text(300), public: true, editable: true },
  address: { type: text(500), editable: true },
  address_new: { type: text(500), public: true },
  commune_code: { type: text(5), public: true },
  address_commune_code: { type: text(5) },
  lng: { type: { kind: "number", min: -180, max: 180 }, public: true, editable: true },
  lat: { type: { kind: "number", min: -90, max: 90 }, public: true, editable: true },
  origin_unit_code: { type: text(5), editable: true },
  origin_unit_level: { type: enumOf(["province", "district", "commune"]), editable: true },
  origin_unit_date: { type: date, editable: true },
  level: { type: labelledEnum(FACILITY_LEVELS), editable: true },
  owner: { type: labelledEnum(OWNERS), editable: true },
  asset_type: { type: labelledEnum(ASSET_TYPES), editable: true },
  land_area_m2: { type: AREA, public: true, editable: true },
  floor_area_m2: { type: AREA, public: true, editable: true },
  year_built: { type: { kind: "integer", min: 1800, max: 2100 }, editable: true },
  condition: { type: labelledEnum(CONDITIONS), editable: true },
  land_certificate: { type: bool, editable: true },
  disputed: { type: bool, editable: true },
  encroached: { type: bool, editable: true },
  over_norm: { type: bool, editable: true },
  misused: { type: bool, editable: true },
  current_use: { type: text(500), editable: true },
  managing_unit: { type: text(300), editable: true },
  option: { type: labelledEnum(OPTIONS), public: true },
  minutes_no: { type: text(64) },
  minutes_date: { type: date },
  decision_no: { type: text(64) },
  decision_date: { type: date },
  deadline: { type: date, editable: true },
  completed_date: { type: date },
  stage: { type: labelledEnum(STAGES), public: true },
  version: { type: { kind: "integer", min: 1, max: Number.MAX_SAFE_INTEGER }, public: true },
  created_at: { type: text(40) },
  updated_at: { type: text(40) },
};

export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
export const PUBLIC_FIELDS = FIELD_NAMES.filter((f) => FIELDS[f].public);
export const EDITABLE_FIELDS = FIELD_NAMES.filter((f) => FIELDS[f].editable);
export const BOOLEAN_FIELDS = FIELD_NAMES.filter((f) => FIELDS[f].type.kind === "boolean");

/**
 * What an anonymous visitor may read of a facility.
 *
 * @example
 * publicView(facility); // { id, province_code, name, address_new, commune_code, lng, lat, … }
 */
export function publicView(facility: Facility): Partial<Facility> {
  const out: Partial<Record<FieldName, unknown>> = {};
  for (const field of PUBLIC_FIELDS) out[field] = facility[field];
  return out as Partial<Facility>;
}

/** The facility's flags that are set, as listed in {@link FLAGS}. */
export function flagsOf(facility: Facility): string[] {
  const flags: string[] = [];
  if (facility.disputed) flags.push("disputed");
  if (facility.encroached) flags.push("encroached");
  if (facility.land_certificate === false) flags.push("no_certificate");
  if (facility.over_norm) flags.push("over_norm");
  if (facility.misused) flags.push("misused");
  if (isLocationMismatch(facility)) flags.push("location_mismatch");
  return flags;
}

/** Point and address name different new communes: a flag for the planner, not an error. */
export function isLocationMismatch(f: Pick<Facility, "commune_code" | "address_commune_code">): boolean {
  return (
    f.commune_code !== null && f.address_commune_code !== null && f.commune_code !== f.address_commune_code
  );
}
