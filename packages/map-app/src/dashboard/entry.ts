/**
 * The dashboard's entry: it asks for the figures and the provinces' shapes and names at once, then loads the
 * charts and the map (Chart.js and Leaflet take a few hundred milliseconds to parse and run on a slow
 * machine, which the requests would otherwise wait for).
 */
import type { Topology } from "topojson-specification";
import { api, type CoverageSeat, type Meta, type Stats } from "../register/api.ts";
import { type DashState, readDash } from "./state.ts";

export interface EarlyRequests {
  state: DashState;
  stats: Promise<Stats>;
  /** Asked for once the figures came: a SQLite server answers one request at a time. */
  coverage: Promise<{ seats: CoverageSeat[] } | undefined>;
  meta: Promise<Meta | undefined>;
  topology: Promise<Topology>;
}

function request(): EarlyRequests {
  const state = readDash();
  const stats = api.stats(state.date);
  return {
    state,
    stats,
    coverage: stats.then(
      () => api.coverage(state.province).catch(() => undefined),
      () => undefined,
    ),
    meta: api.meta().catch(() => undefined),
    topology: fetch("data/provinces.topo.json").then((res) => res.json() as Promise<Topology>),
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
