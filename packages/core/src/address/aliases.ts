/**
 * Words that designate a unit's kind, as people write them, and common names of provinces.
 * Loose forms: lower case, no diacritics, one space between words.
 */
import type { UnitKind, UnitLevel } from "../units/kinds.ts";

export interface Designation {
  words: string[];
  levels: UnitLevel[];
  kinds: UnitKind[];
  /** Written with diacritics in full ("xã", "quận"): tells them from the syllables "xá", "quán". */
  exact?: string;
  /** `exact`, word by word. */
  exactWords?: string[];
  /** An English word, which may also follow the name ("Hoàn Kiếm District", "Hue City"). */
  english?: boolean;
  /**
   * A designation only before a number, the two alone in their part (", D5," is District 5; "D. Lê
   * Lợi" and "Đường D5" are streets, "Lô D12" a lot).
   */
  beforeNumber?: boolean;
}

export const DESIGNATIONS: Designation[] = [
  // "Phường số 9", "P. số 9": "số" (number) before a numbered ward's number (first: the longest match counts).
  { words: ["phuong", "so"], kinds: ["phuong"], levels: ["commune"], exact: "phường số" },
  { words: ["p", "so"], kinds: ["phuong"], levels: ["commune"] },
  { words: ["quan", "so"], kinds: ["quan"], levels: ["district"], exact: "quận số" },
  { words: ["phuong"], kinds: ["phuong"], levels: ["commune"], exact: "phường" },
  { words: ["p"], kinds: ["phuong"], levels: ["commune"] },
  { words: ["f"], kinds: ["phuong"], levels: ["commune"] },
  { words: ["ph"], kinds: ["phuong"], levels: ["commune"] },
  { words: ["xa"], kinds: ["xa"], levels: ["commune"], exact: "xã" },
  { words: ["x"], kinds: ["xa"], levels: ["commune"] },
  { words: ["thi", "tran"], kinds: ["thi_tran"], levels: ["commune"], exact: "thị trấn" },
  { words: ["tt"], kinds: ["thi_tran"], levels: ["commune"] },
  { words: ["dac", "khu"], kinds: ["dac_khu"], levels: ["commune"], exact: "đặc khu" },
  // A party committee's name ("Huyện ủy Yên Lập", "Tỉnh ủy Gia Lai") names its district or province.
  { words: ["quan", "uy"], kinds: ["quan"], levels: ["district"], exact: "quận ủy" },
  { words: ["huyen", "uy"], kinds: ["huyen"], levels: ["district"], exact: "huyện ủy" },
  { words: ["thi", "uy"], kinds: ["thi_xa"], levels: ["district"], exact: "thị ủy" },
  {
    words: ["thanh", "uy"],
    kinds: ["thanh_pho", "thanh_pho_tw"],
    levels: ["district", "province"],
    exact: "thành ủy",
  },
  { words: ["tinh", "uy"], kinds: ["tinh"], levels: ["province"], exact: "tỉnh ủy" },
  { words: ["quan"], kinds: ["quan"], levels: ["district"], exact: "quận" },
  { words: ["q"], kinds: ["quan"], levels: ["district"] },
  // Island districts are often written so: "Huyện đảo Lý Sơn" (before "huyện": the first match counts).
  { words: ["huyen", "dao"], kinds: ["huyen"], levels: ["district"], exact: "huyện đảo" },
  { words: ["huyen"], kinds: ["huyen"], levels: ["district"], exact: "huyện" },
  { words: ["h"], kinds: ["huyen"], levels: ["district"] },
  { words: ["thi", "xa"], kinds: ["thi_xa"], levels: ["district"], exact: "thị xã" },
  { words: ["tx"], kinds: ["thi_xa"], levels: ["district"] },
  {
    words: ["thanh", "pho"],
    kinds: ["thanh_pho", "thanh_pho_tw"],
    levels: ["district", "province"],
    exact: "thành phố",
  },
  { words: ["tp"], kinds: ["thanh_pho", "thanh_pho_tw"], levels: ["district", "province"] },
  { words: ["tinh"], kinds: ["tinh"], levels: ["province"], exact: "tỉnh" },
  // Dotted forms: "T.P Đồng Hới", "T.X Duy Tiên", "T.Phố Hồ Chí Minh" (before "t", tỉnh).
  { words: ["t", "p"], kinds: ["thanh_pho", "thanh_pho_tw"], levels: ["district", "province"] },
  { words: ["t", "pho"], kinds: ["thanh_pho", "thanh_pho_tw"], levels: ["district", "province"] },
  { words: ["t", "x"], kinds: ["thi_xa"], levels: ["district"] },
  { words: ["t"], kinds: ["tinh"], levels: ["province"] },
  // "Ward No. 17", "District No. 5", as banks and shops write them (before "ward": the first match counts).
  { words: ["ward", "no"], kinds: ["phuong"], levels: ["commune"], english: true },
  { words: ["ward"], kinds: ["phuong"], levels: ["commune"], english: true },
  // "W.14, Dist 6": the abbreviation of forms written in English.
  { words: ["w"], kinds: ["phuong"], levels: ["commune"] },
  { words: ["commune"], kinds: ["xa"], levels: ["commune"], english: true },
  { words: ["township"], kinds: ["thi_tran"], levels: ["commune"], english: true },
  { words: ["district", "no"], kinds: ["quan", "huyen"], levels: ["district"], english: true },
  { words: ["district"], kinds: ["quan", "huyen"], levels: ["district"], english: true },
  { words: ["dist"], kinds: ["quan", "huyen"], levels: ["district"], english: true },
  { words: ["d"], kinds: ["quan"], levels: ["district"], beforeNumber: true },
  { words: ["town"], kinds: ["thi_xa", "thi_tran"], levels: ["district", "commune"], english: true },
  { words: ["city"], kinds: ["thanh_pho", "thanh_pho_tw"], levels: ["district", "province"], english: true },
  { words: ["province"], kinds: ["tinh"], levels: ["province"], english: true },
];

for (const designation of DESIGNATIONS) designation.exactWords = designation.exact?.split(" ");

/** Other names of provinces (old and new codes share these), by loose key. */
export const PROVINCE_ALIASES: Record<string, string> = {
  tphcm: "79",
  hcm: "79",
  "tp hcm": "79",
  hcmc: "79",
  "sai gon": "79",
  saigon: "79",
  sg: "79",
  hn: "01",
  // "T.Hóa", "Th.Hóa": the one province name commonly cut so ("T." is otherwise tỉnh).
  "t hoa": "38",
  "th hoa": "38",
  hanoi: "01",
  "thu do ha noi": "01",
  brvt: "77",
  "br vt": "77",
  "ba ria vung tau": "77",
  hp: "31",
  haiphong: "31",
  "da nang": "48",
  danang: "48",
  "can tho": "92",
  hue: "46",
  "tt hue": "46",
  "thua thien hue": "46",
  daklak: "66",
  "dak lak": "66",
  daknong: "67",
  "dak nong": "67",
  // "Đắc Lắc", "Đắc Nông": the spellings with c of before the 2005 standard, still in use.
  "dac lac": "66",
  daclac: "66",
  "dak lac": "66",
  "dac lak": "66",
  "dac nong": "67",
  dacnong: "67",
};

/** Words naming the country, dropped from the end of an address. */
export const COUNTRY = new Set(["viet nam", "vietnam", "vn"]);
