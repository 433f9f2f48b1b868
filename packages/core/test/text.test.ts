import { foldToneMarks, looseKey, nameKey, removeDiacritics, splitFullName } from "@diagioi/core";
import { describe, expect, it } from "vitest";

describe("text", () => {
  it("folds tone-mark placement on oa, oe and uy", () => {
    expect(foldToneMarks("Thanh Hoá")).toBe("Thanh Hóa");
    expect(foldToneMarks("Thuỷ Nguyên")).toBe("Thủy Nguyên");
    expect(foldToneMarks("khoẻ")).toBe("khỏe");
    expect(foldToneMarks("Hoàn Kiếm")).toBe("Hoàn Kiếm");
    expect(foldToneMarks("Quý")).toBe("Quý");
  });

  it("gives one key to NFC, NFD, case and spacing variants", () => {
    const variants = [
      "Phường Yên Hòa",
      "phường  yên hoà",
      "PHƯỜNG YÊN HÒA".normalize("NFD"),
      " Phường Yên Hoà ",
    ];
    expect(new Set(variants.map(nameKey)).size).toBe(1);
    expect(nameKey("Văn Miếu-Quốc Tử Giám")).toBe(nameKey("Văn Miếu - Quốc Tử Giám"));
  });

  it("removes diacritics including đ", () => {
    expect(removeDiacritics("Đống Đa")).toBe("Dong Da");
    expect(looseKey("Phường Đống Đa")).toBe("phuong dong da");
  });

  it("splits a full name into kind and name", () => {
    expect(splitFullName("Thị trấn Ba Chẽ", "commune")).toEqual({ kind: "thi_tran", name: "Ba Chẽ" });
    expect(splitFullName("Thành phố Hà Nội", "province")).toEqual({ kind: "thanh_pho_tw", name: "Hà Nội" });
    expect(splitFullName("Thị xã Sơn Tây", "district")).toEqual({ kind: "thi_xa", name: "Sơn Tây" });
    expect(splitFullName("Phường", "commune")).toBeUndefined();
  });
});
