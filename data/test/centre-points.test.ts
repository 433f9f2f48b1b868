import { describe, expect, it } from "vitest";
import { type CentreSourceRow, joinCentres, type NamedUnit } from "../build/centre-points.ts";

const units: NamedUnit[] = [
  { code: "62", level: "province", fullName: "Tỉnh Kon Tum", parentCode: "" },
  { code: "615", level: "district", fullName: "Huyện Đắk Hà", parentCode: "62" },
  { code: "23500", level: "commune", fullName: "Thị trấn Đắk Hà", parentCode: "615" },
  { code: "23503", level: "commune", fullName: "Xã Đắk PXi", parentCode: "615" },
  { code: "23510", level: "commune", fullName: "Xã Ngọc Tem", parentCode: "615" },
  { code: "23511", level: "commune", fullName: "Thị trấn NT Hà Mòn", parentCode: "615" },
  { code: "23512", level: "commune", fullName: "Xã Hòa Tú I", parentCode: "615" },
  { code: "23513", level: "commune", fullName: "Xã Hòa Tú II", parentCode: "615" },
  { code: "23514", level: "commune", fullName: "Xã Kon Tum", parentCode: "615" },
  { code: "23515", level: "commune", fullName: "Xã Kon Tun", parentCode: "615" },
];

const row = (address: string, line = 2): CentreSourceRow => ({
  line,
  address,
  geoAddress: "",
  lng: 0,
  lat: 0,
});

function join(addresses: string[]) {
  const { matched, unmatched } = joinCentres(
    addresses.map((a, i) => row(a, i + 2)),
    units,
    "commune",
  );
  return {
    matched: Object.fromEntries(matched.map((m) => [m.row.address, `${m.unit.code} ${m.pass}`])),
    unmatched: unmatched.map((r) => r.address),
  };
}

describe("joinCentres", () => {
  it("joins exactly up to case and tone-mark placement", () => {
    expect(join(["xã hòa tú ii, HUYỆN ĐẮK HÀ, Tỉnh Kon Tum"]).matched).toEqual({
      "xã hòa tú ii, HUYỆN ĐẮK HÀ, Tỉnh Kon Tum": "23513 exact",
    });
  });

  it("joins loosely without diacritics, spaces or punctuation, 'Nông trường' as NT and II as 2", () => {
    const { matched } = join([
      "Thị trấn Đăk Hà, Huyện Đăk Hà, Tỉnh Kon Tum",
      "Xã Đắk Pxi, Huyện Đăk Hà, Tỉnh Kon Tum",
      "Thị trấn Nông trường Hà Mòn, Huyện Đắk Hà, Tỉnh Kon Tum",
      "Xã Hòa Tú 2, Huyện Đắk Hà, Tỉnh Kon Tum",
    ]);
    expect(Object.values(matched)).toEqual(["23500 loose", "23503 loose", "23511 loose", "23513 loose"]);
  });

  it("joins a name two letters apart only when it is the one closest, both ways", () => {
    const { matched, unmatched } = join([
      "Xã Ngok Tem, Huyện Đắk Hà, Tỉnh Kon Tum",
      "Xã Kon Tu, Huyện Đắk Hà, Tỉnh Kon Tum",
      "Xã Ngọc Tem, Huyện Đắk Tô, Tỉnh Kon Tum",
    ]);
    expect(matched).toEqual({ "Xã Ngok Tem, Huyện Đắk Hà, Tỉnh Kon Tum": "23510 near" });
    // "Kon Tu" is one letter from both "Kon Tum" and "Kon Tun"; Đắk Tô is another district.
    expect(unmatched).toEqual([
      "Xã Kon Tu, Huyện Đắk Hà, Tỉnh Kon Tum",
      "Xã Ngọc Tem, Huyện Đắk Tô, Tỉnh Kon Tum",
    ]);
  });

  it("gives a unit to one row only", () => {
    const { matched, unmatched } = join([
      "Xã Ngọc Tem, Huyện Đắk Hà, Tỉnh Kon Tum",
      "Xã Ngọc Tem, Huyện Đắk Hà, Tỉnh Kon Tum",
    ]);
    expect(Object.keys(matched)).toHaveLength(0);
    expect(unmatched).toHaveLength(2);
  });
});
