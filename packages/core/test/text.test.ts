import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  decodeTyping,
  foldToneMarks,
  looseKey,
  nameKey,
  parseUnitsCsv,
  removeDiacritics,
  repairMojibake,
  splitFullName,
  splitRunTogether,
} from "@diagioi/core";
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

  it("decodes UTF-8 read as Windows-1252 or Latin-1, and leaves right text as it is", () => {
    const CP1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
    const misread = (text: string, asCp1252: boolean) =>
      [...new TextEncoder().encode(text)]
        .map((b) => (asCp1252 && b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80] : String.fromCharCode(b)))
        .join("");
    const units = parseUnitsCsv(
      readFileSync(join(import.meta.dirname, "../../../data/dist/units.csv"), "utf8"),
    );
    const wrong: string[] = [];
    for (const [i, unit] of units.entries()) {
      const text = `${unit.fullName}, Việt Nam`;
      for (const right of [text, text.toUpperCase()])
        if (repairMojibake(right) !== right) wrong.push(`changed: ${right}`);
      const read = misread(text, i % 2 === 0);
      // The no-break space inside "à" (C3 A0) lost on the way, as it often is.
      for (const variant of [read, read.replaceAll("\u00a0", " ")])
        if (repairMojibake(variant) !== text) wrong.push(`${variant} → ${repairMojibake(variant)}`);
    }
    expect(units.length).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
    expect(repairMojibake("XÃ£ Thanh TÃ¹ng, Huyá»‡n Thanh Miá»‡n")).toBe("Xã Thanh Tùng, Huyện Thanh Miện");
  });

  it("splits words run together with their capitals, and leaves names written joined", () => {
    expect(splitRunTogether("thonTrung,XaPhuNhuan,HuyenLucNgan,TinhBacGiang,QDongDa")).toBe(
      "thon Trung,Xa Phu Nhuan,Huyen Luc Ngan,Tinh Bac Giang,Q Dong Da",
    );
    // Nor is text typed in random case split ("pHƯỚC", "PhƯờNG").
    for (const text of [
      "Xã EaBar, Huyện Sông Hinh",
      "Xã KỳBắc",
      "TPHCM",
      "DakLak",
      "xÃ pHƯỚC kiM, PhƯờNG 11",
    ])
      expect(splitRunTogether(text)).toBe(text);
  });

  it("reads VNI's digits and Telex's letters as the marks they stand for", () => {
    expect(decodeTyping("Xa4 Na6m5 Ha2ng, Huye6n5 Na6m5 Nhun2")).toBe("Xã Nậm Hàng, Huyện Nậm Nhùn");
    expect(decodeTyping("Xax Maauj Dduwcs, Huyeenj Con Cuoong")).toBe("Xã Mậu Đức, Huyện Con Cuông");
    expect(decodeTyping("Dduwowngf Quowis, Xax Nooong Heor")).toBe("Đường Quới, Xã Noong Hẻo");
    expect(decodeTyping("HUYE6N5 KIE6N1 XU7O7NG, TINH3 THAI1 BINH2")).toBe(
      "HUYỆN KIẾN XƯƠNG, TỈNH THÁI BÌNH",
    );
    for (const text of ["Xa Tan Lap, Huyen Dan Phuong", "Lô A2, Xa4", "Lo A2, Khu B3", "Room 5, Town"])
      expect(decodeTyping(text)).toBe(text);
  });

  it("removes diacritics including đ", () => {
    expect(removeDiacritics("Đống Đa")).toBe("Dong Da");
    // The eth that stands for Đ in text read with the wrong code page.
    expect(removeDiacritics("Ðống Ða")).toBe("Dong Da");
    expect(looseKey("Phường Đống Đa")).toBe("phuong dong da");
  });

  it("splits a full name into kind and name", () => {
    expect(splitFullName("Thị trấn Ba Chẽ", "commune")).toEqual({ kind: "thi_tran", name: "Ba Chẽ" });
    expect(splitFullName("Thành phố Hà Nội", "province")).toEqual({ kind: "thanh_pho_tw", name: "Hà Nội" });
    expect(splitFullName("Thị xã Sơn Tây", "district")).toEqual({ kind: "thi_xa", name: "Sơn Tây" });
    expect(splitFullName("Phường", "commune")).toBeUndefined();
  });
});
