/**
 * The dashboard's entry: it asks for the figures and the provinces' shapes and names at once, then loads the
 * charts (Chart.js takes a few hundred milliseconds to parse and run on a slow machine, which the
 * requests would otherwise wait for).
 */
import { api, type CoverageSeat, type Meta, type Stats } from "../register/api.ts";
import { type DashAsked, type DashState, readDash } from "./state.ts";

export interface EarlyRequests {
  state: DashState & { asked: DashAsked };
  stats: Promise<Stats>;
  /** Asked for once the figures came: a SQLite server answers one request at a time. */
  coverage: Promise<{ seats: CoverageSeat[] } | undefined>;
  meta: Promise<Meta | undefined>;
  provinces: Promise<ProvinceMap>;
}

/** The 34 provinces as SVG path data in a `width` × `height` box (made by scripts/prepare-data.ts). */
export interface ProvinceMap {
  width: number;
  height: number;
  /** `name` in Vietnamese, `nameEn` in English where the dataset has it. */
  provinces: { code: string; name: string; nameEn?: string; d: string }[];
  /** Codes of provinces that ended (Hà Nam, 35), each with the province of today it went into. */
  former?: { code: string; name: string; nameEn?: string; now: string }[];
}

function request(): EarlyRequests {
  const state = readDash();
  const stats = api.stats(state.date);
  const provinces = fetch("data/provinces-map.json").then((res) => res.json() as Promise<ProvinceMap>);
  return {
    state,
    stats,
    // Not for a code that is no province of today (an old link's Hà Nam, 35): the page asks for the
    // province it shows instead.
    coverage: Promise.all([stats, provinces]).then(
      ([, map]) =>
        state.province === undefined || map.provinces.some((p) => p.code === state.province)
          ? api.coverage(state.province).catch(() => undefined)
          : undefined,
      () => undefined,
    ),
    meta: api.meta().catch(() => undefined),
    provinces,
  };
}

// The charts' code is asked for first; the requests go out while it loads.
const main = import("./main.ts");
const early = request();
main
  .then(({ start }) => start(early))
  .catch((error: Error) => {
    const status = document.getElementById("dash-status");
    if (status) status.textContent = `Error: ${error.message}`;
    console.error(error);
  });
