import type { Diagioi } from "@diagioi/core";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../db/database.ts";
import type { EventHistory } from "../history.ts";
import type { ExportBuilder } from "../io/build-export.ts";
import type { Register } from "../register.ts";
import type { User } from "../repo/users.ts";

/** What every handler can reach: the database, the dataset, the register, and who is asking. */
export interface AppEnv {
  Variables: {
    user: User | null;
    services: Services;
  };
}

export interface Services {
  db: Db;
  diagioi: Diagioi;
  register: Register;
  history: EventHistory;
  /** Whether cookies are marked Secure (behind HTTPS). */
  secureCookies: boolean;
  /**
   * False to serve anonymous callers without the per-address limits (behind a proxy that gives the
   * server one address for every visitor); default true.
   */
  anonymousLimits?: boolean;
  /** Builds export files off the request thread; without it they are built in-process. */
  exports?: ExportBuilder;
}

export type App = OpenAPIHono<AppEnv>;
