/** Colour modes of the map and their legends. */
import type { Lang } from "./i18n.ts";

const PROVINCE_PALETTE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
  "#393b79",
  "#637939",
  "#8c6d31",
  "#843c39",
  "#7b4173",
  "#3182bd",
  "#e6550d",
  "#31a354",
  "#756bb1",
  "#636363",
  "#6baed6",
  "#fd8d3c",
  "#74c476",
  "#9e9ac8",
  "#969696",
  "#9ecae1",
  "#fdae6b",
  "#a1d99b",
  "#bcbddc",
  "#bdbdbd",
  "#5254a3",
  "#8ca252",
  "#bd9e39",
  "#ad494a",
];

/** Colour of a province, stable for its code: the palette's, lightened so that names read on it. */
export function provinceColour(provinceCodes: string[], code: string): string {
  const index = provinceCodes.indexOf(code);
  return tint(PROVINCE_PALETTE[Math.max(0, index) % PROVINCE_PALETTE.length] as string, 0.5);
}

/** Mixes a colour with paper white: `amount` 0 keeps it, 1 gives white. */
export function tint(hex: string, amount: number): string {
  const paper = [251, 250, 246];
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `#${rgb
    .map((c, i) =>
      Math.round(c + ((paper[i] as number) - c) * amount)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

export const PREDECESSOR_CLASSES: { min: number; max: number; colour: string }[] = [
  { min: 1, max: 1, colour: "#fee5d9" },
  { min: 2, max: 2, colour: "#fcbba1" },
  { min: 3, max: 4, colour: "#fc9272" },
  { min: 5, max: 7, colour: "#fb6a4a" },
  { min: 8, max: 99, colour: "#cb181d" },
];

export function predecessorColour(count: number): string {
  return (PREDECESSOR_CLASSES.find((c) => count >= c.min && count <= c.max) ?? PREDECESSOR_CLASSES[0])
    ?.colour as string;
}

export const SPLIT_COLOUR = "#e6550d";
export const UNSPLIT_COLOUR = "#d9d9d9";

/** The swatches of a colour mode: [colour, label]. */
export function legendItems(
  mode: "province" | "predecessors" | "split",
  lang: Lang,
  provinceCodes: string[] = [],
): [string, string][] {
  if (mode === "predecessors") {
    return PREDECESSOR_CLASSES.map((c) => [
      c.colour,
      c.min === c.max ? String(c.min) : c.max > 50 ? `≥ ${c.min}` : `${c.min}–${c.max}`,
    ]);
  }
  if (mode === "split") {
    return [
      [SPLIT_COLOUR, lang === "vi" ? "Nhận một phần đơn vị cũ bị chia" : "Received part of a split old unit"],
      [UNSPLIT_COLOUR, lang === "vi" ? "Chỉ nhận đơn vị cũ nguyên vẹn" : "Only whole old units"],
    ];
  }
  // One row of a few province colours: the colours only tell neighbours apart.
  const sample = provinceCodes.slice(0, 6).map((code) => provinceColour(provinceCodes, code));
  return sample.length > 0
    ? [[sample.join(","), lang === "vi" ? "Mỗi tỉnh, thành phố một màu" : "One colour per province or city"]]
    : [];
}
