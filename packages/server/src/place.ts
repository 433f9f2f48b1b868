/**
 * Where a facility is, in today's units: the commune of its point (locator) and the conversion of
 * its address (address converter). A point and an address that disagree are a flag, not an error.
 */
import { type Diagioi, type Facility, type FieldError, type Unit, vietnamDay } from "@diagioi/core";

export type Place = Pick<Facility, "province_code" | "commune_code" | "address_new" | "address_commune_code">;

/** The fields a facility is placed from. */
export const PLACE_FIELDS: readonly string[] = ["lng", "lat", "address"];

/** The province of today (Vietnam time) with this code, if any. */
export function provinceOfToday(diagioi: Diagioi, code: string): Unit | undefined {
  return diagioi.units.byCode(code, { level: "province", date: vietnamDay() });
}

/** A province named for people: "Thành phố Hà Nội (01)"; the code alone when no province of today has it. */
export function provinceLabel(diagioi: Diagioi, code: string, lang: "vi" | "en" = "vi"): string {
  const unit = provinceOfToday(diagioi, code);
  if (!unit) return code;
  return `${lang === "en" && unit.fullNameEn ? unit.fullNameEn : unit.fullName} (${code})`;
}

/**
 * @example
 * placeOf(diagioi, { lng: 105.8524, lat: 21.0287, address: null });
 * // { place: { province_code: "01", commune_code: "00070", … }, errors: [] }
 */
export function placeOf(
  diagioi: Diagioi,
  record: Pick<Facility, "lng" | "lat" | "address">,
): { place?: Place; errors: FieldError[] } {
  const hasPoint = record.lng !== null && record.lat !== null;
  const located = hasPoint ? diagioi.locator?.locate(record.lng as number, record.lat as number) : undefined;
  if (hasPoint && !located) {
    return {
      errors: [
        {
          field: "lng",
          code: "invalid",
          message: `the point ${record.lng}, ${record.lat} is not in Vietnam (lng first, then lat)`,
          message_vi: `điểm ${record.lng}, ${record.lat} không nằm trong Việt Nam (kinh độ trước, vĩ độ sau)`,
        },
      ],
    };
  }
  const converted = record.address
    ? diagioi.convert(
        record.address,
        hasPoint ? { coords: [record.lng as number, record.lat as number] } : {},
      )
    : undefined;
  const addressCommune = converted?.status === "ok" ? (converted.new?.code ?? null) : null;
  if (located) {
    return {
      place: {
        province_code: located.province_code,
        commune_code: located.code,
        address_new: converted?.address ?? newUnitsAddress(diagioi, located.code, located.province_code),
        address_commune_code: addressCommune,
      },
      errors: [],
    };
  }
  if (converted?.status === "ok" && converted.new) {
    return {
      place: {
        province_code: converted.new.province_code,
        commune_code: converted.new.code,
        address_new: converted.address,
        address_commune_code: converted.new.code,
      },
      errors: [],
    };
  }
  const candidates = converted?.candidates.map((c) => c.full_name).join(", ");
  return {
    errors: [
      {
        field: "address",
        code: "invalid",
        message: candidates
          ? `the address could be in several communes (${candidates}): give lng and lat`
          : "the address names no commune that could be found: give lng and lat",
        message_vi: candidates
          ? `địa chỉ có thể thuộc nhiều xã (${candidates}): cần tọa độ`
          : "không xác định được xã từ địa chỉ: cần tọa độ",
      },
    ],
  };
}

/** "commune, province" in today's units: the address of a point whose written address could not be converted. */
function newUnitsAddress(diagioi: Diagioi, commune: string, province: string): string | null {
  const c = diagioi.units.byCode(commune, { level: "commune" });
  const p = diagioi.units.byCode(province, { level: "province" });
  return c && p ? `${c.fullName}, ${p.fullName}` : null;
}
