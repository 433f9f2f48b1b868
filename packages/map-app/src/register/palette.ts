/** Colours of the facilities by stage and by Ministry of Finance category, in the order of core's sets. */
import { CATEGORIES, type Category, STAGES, type Stage } from "@diagioi/core";

const STAGE_COLOURS: Record<Stage, string> = {
  inventory: "#7f7f7f",
  handed_over: "#b07aa1",
  plan_drafted: "#f28e2b",
  appraised: "#edc948",
  approved: "#9c755f",
  decided: "#4e79a7",
  executing: "#76b7b2",
  done: "#2e7d32",
  withdrawn: "#d0d0d0",
};

const CATEGORY_COLOURS: Record<Category, string> = {
  office: "#4e79a7",
  public_service: "#76b7b2",
  official_housing: "#b07aa1",
  education: "#59a14f",
  health: "#ff9da7",
  culture_sport: "#edc948",
  other_public: "#9c755f",
  land_fund_housing: "#f28e2b",
  other: "#8c8c8c",
  pending: "#c62828",
};

/** Colour of each stage, by its index in STAGES.values. */
export const STAGE_PALETTE: readonly string[] = STAGES.values.map((s) => STAGE_COLOURS[s]);
/** Colour of each category, by its index in CATEGORIES.values, then of withdrawn facilities (in none). */
export const CATEGORY_PALETTE: readonly string[] = [
  ...CATEGORIES.values.map((c) => CATEGORY_COLOURS[c]),
  STAGE_COLOURS.withdrawn,
];
