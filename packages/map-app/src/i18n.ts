/** Interface strings in Vietnamese and English. */
export type Lang = "vi" | "en";

const STRINGS = {
  search: {
    vi: "Tìm xã, phường, tỉnh (cũ hoặc mới) hoặc mã",
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
  other: { vi: "Không", en: "No" },
  commune: { vi: "xã/phường", en: "commune" },
  district: { vi: "huyện/quận", en: "district" },
  provinceLevel: { vi: "tỉnh", en: "province" },
  later: { vi: "Thay đổi sau", en: "Later changes" },
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
