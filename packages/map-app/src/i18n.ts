/** Interface strings in Vietnamese and English, and unit names in the chosen language. */
import type { Unit } from "@diagioi/core";

export type Lang = "vi" | "en";

const STRINGS = {
  search: {
    vi: "Tìm xã, phường, tỉnh (cũ hoặc mới) hoặc mã",
    en: "Search a commune, ward or province (old or new) or a code",
  },
  /** The box's placeholder: the Vietnamese fits the box at 1366 pixels; the label says it all. */
  searchPlaceholder: {
    vi: "Tìm xã, phường, tỉnh cũ hoặc mới",
    en: "Search a commune, ward or province (old or new) or a code",
  },
  colour: { vi: "Tô màu", en: "Colour" },
  byProvince: { vi: "Theo tỉnh", en: "By province" },
  byPredecessors: { vi: "Số đơn vị cũ hợp thành", en: "Number of predecessors" },
  splits: { vi: "Nhận một phần xã bị chia", en: "Received part of a split commune" },
  oldOverlay: { vi: "Ranh giới cũ (tỉnh, huyện)", en: "Old boundaries (provinces, districts)" },
  language: { vi: "English", en: "Tiếng Việt" },
  newUnit: { vi: "đơn vị mới", en: "new unit" },
  oldUnit: { vi: "đơn vị cũ (đến 30/6/2025)", en: "old unit (until 30 June 2025)" },
  province: { vi: "Tỉnh/thành phố", en: "Province" },
  area: { vi: "Diện tích", en: "Area" },
  formedFrom: { vi: "Hình thành từ", en: "Formed from" },
  wentInto: { vi: "Đã nhập vào", en: "Went into" },
  law: { vi: "Căn cứ", en: "Legal basis" },
  close: { vi: "Đóng", en: "Close" },
  loading: { vi: "Đang tải dữ liệu…", en: "Loading data…" },
  noResult: { vi: "Không tìm thấy", en: "No match" },
  closeSpellings: {
    vi: "Không có đơn vị nào tên như vậy; các tên khác một chữ cái:",
    en: "No unit has this name; names one letter away:",
  },
  other: { vi: "Không", en: "No" },
  commune: { vi: "xã/phường", en: "commune" },
  district: { vi: "huyện/quận", en: "district" },
  provinceLevel: { vi: "tỉnh", en: "province" },
  later: { vi: "Thay đổi sau", en: "Later changes" },
  copyLink: { vi: "Sao chép liên kết", en: "Copy link" },
  copied: { vi: "Đã sao chép liên kết", en: "Link copied" },
  copyFailed: { vi: "Không sao chép được; liên kết:", en: "Could not copy; the link:" },
  converter: { vi: "Đổi địa chỉ", en: "Convert an address" },
  moreResults: { vi: "Xem thêm", en: "Show more" },
  resultCount: { vi: "kết quả", en: "results" },
  notRead: { vi: "Không nhận ra:", en: "Not recognised:" },
  noneIn: { vi: "Không có", en: "No" },
  inUnit: { vi: "trong", en: "in" },
  missingHint: {
    vi: "trong danh sách ngày 30/6/2025 (có thể đã nhập vào phường khác trước đó).",
    en: "in the list of 30 June 2025 (it may have been merged earlier).",
  },
  sameName: {
    vi: "đơn vị cùng tên — thêm quận/huyện hoặc tỉnh để thu hẹp, ví dụ",
    en: "units share this name — add the district or province to narrow, e.g.",
  },
  addressResult: { vi: "Địa chỉ mới", en: "New address" },
  addressAmbiguous: { vi: "Có thể thuộc", en: "May now be in" },
  openConverter: { vi: "mở trang đổi địa chỉ", en: "open the converter" },
  groupNewCommunes: { vi: "Xã, phường mới (từ 1/7/2025)", en: "New communes and wards (from 1 July 2025)" },
  groupOldCommunes: {
    vi: "Xã, phường cũ (đến 30/6/2025)",
    en: "Old communes and wards (until 30 June 2025)",
  },
  groupOldDistricts: { vi: "Quận, huyện cũ (đã bãi bỏ)", en: "Old districts (abolished)" },
  groupNewProvinces: { vi: "Tỉnh, thành phố mới", en: "New provinces and cities" },
  groupOldProvinces: { vi: "Tỉnh, thành phố cũ", en: "Old provinces and cities" },
  newShort: { vi: "mới", en: "new" },
  oldShort: { vi: "cũ", en: "old" },
  becameShort: { vi: "→ nay:", en: "→ now:" },
  until: { vi: "đến", en: "until" },
  wentIntoIt: { vi: "đã nhập vào đây", en: "went into it" },
  glossary: {
    vi: "",
    en: "The resolutions' terms: “toàn bộ” = whole (all of the old unit's area and population went in); “một phần” = part (only some of it); “Điều” = article, “khoản” = clause.",
  },
  legend: { vi: "Chú giải", en: "Legend" },
  legendPredecessors: { vi: "Số đơn vị cũ hợp thành", en: "Old units merged into it" },
  lineCountry: { vi: "Biên giới, bờ biển", en: "National border, coast" },
  lineProvince: { vi: "Ranh giới tỉnh (mới)", en: "Province border (new)" },
  lineCommune: { vi: "Ranh giới xã, phường (mới)", en: "Commune border (new)" },
  lineOldProvince: {
    vi: "Ranh giới tỉnh cũ (đến 30/6/2025)",
    en: "Old province border (until 30 June 2025)",
  },
  lineOldDistrict: { vi: "Ranh giới huyện cũ (đã bãi bỏ)", en: "Old district border (abolished)" },
  oldNames: { vi: "Tên nghiêng: đơn vị cũ", en: "Names in italics: old units" },
  selected: { vi: "Đơn vị đang chọn", en: "Selected unit" },
  dataCredit: {
    vi: "Dữ liệu: Cục Thống kê (mã, bảng chuyển đổi); Nghị quyết 202/2025/QH15, 1654–1687/NQ-UBTVQH15",
    en: "Data: Statistics Office (codes, conversion table); Resolutions 202/2025/QH15, 1654–1687/NQ-UBTVQH15",
  },
  boundaryCredit: { vi: "ranh giới", en: "boundaries" },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}

/** Vietnamese names of change kinds, with English. */
export const KIND_LABELS: Record<string, Record<Lang, string>> = {
  whole: { vi: "toàn bộ", en: "whole" },
  part: { vi: "một phần", en: "part" },
  part_area: { vi: "một phần diện tích", en: "part of the area" },
  part_area_all_population: {
    vi: "một phần diện tích, toàn bộ dân số",
    en: "part of the area, all the population",
  },
  part_population: { vi: "một phần dân số", en: "part of the population" },
  kept: { vi: "giữ nguyên", en: "kept" },
  renamed: { vi: "đổi tên", en: "renamed" },
  retyped: { vi: "đổi loại hình", en: "retyped" },
  special_zone: { vi: "thành đặc khu", en: "made a special zone" },
};

/** A unit's full name in the language: `full_name_en` in English where the dataset has it. */
export function unitName(unit: Pick<Unit, "fullName" | "fullNameEn">, lang: Lang): string {
  return lang === "en" && unit.fullNameEn ? unit.fullNameEn : unit.fullName;
}

/** What a unit that ended before 2025-06-30 became, as a search found it: "Tỉnh Hà Tây (đến 2008) đã nhập vào đây". */
export function throughText(past: Pick<Unit, "fullName" | "fullNameEn" | "validTo">, lang: Lang): string {
  return `${unitName(past, lang)} (${t("until", lang)} ${past.validTo.slice(0, 4)}) ${t("wentIntoIt", lang)}`;
}

/** A unit's bare name ("Hoàn Kiếm", "Hoan Kiem") for map labels. */
export function bareName(
  unit: Pick<Unit, "name" | "nameEn" | "fullName" | "fullNameEn">,
  lang: Lang,
): string {
  const name = lang === "en" && unit.nameEn ? unit.nameEn : unit.name;
  // Numbered wards keep their designation: "11" alone names nothing.
  return /^\d/.test(name) ? unitName(unit, lang) : name;
}

/** A clause reference in the language: "Điều 1, khoản 14" → "Article 1, clause 14". */
export function clauseText(clause: string, lang: Lang): string {
  return lang === "en"
    ? clause.replace(/Điều/g, "Article").replace(/khoản/g, "clause").replace(/điểm/g, "point")
    : clause;
}
