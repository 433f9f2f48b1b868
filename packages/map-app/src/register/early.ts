/** The register's first requests, started with the map's own files (kept apart so the map's bundle stays small). */
import type { FacilityFilters } from "../url-state.ts";
import { api, type Meta, type User } from "./api.ts";
import { ClusterClient } from "./cluster-client.ts";
import type { ColumnsReply } from "./cluster-protocol.ts";

export interface EarlyData {
  meta: Promise<Meta>;
  me: Promise<User | null>;
  clusters: ClusterClient;
  /** The first points, fetched and clustered by the worker. */
  points: Promise<ColumnsReply>;
}

/** Asks for the register's description, the session and the points; they reject when no register is served. */
export function fetchEarly(filters: FacilityFilters): EarlyData {
  const meta = api.meta();
  const me = api.me().catch(() => null);
  const clusters = new ClusterClient();
  // Flags are not public: a link filtering by them waits to know whether someone is signed in.
  const points =
    filters.flag.length > 0
      ? me.then((user) => clusters.load(user ? filters : { ...filters, flag: [] }))
      : clusters.load(filters);
  meta.catch(() => undefined);
  points.catch(() => undefined);
  return { meta, me, clusters, points };
}
