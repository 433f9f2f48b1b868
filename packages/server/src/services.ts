/** Opens the database and loads the dataset: everything a server process or a command needs. */
import { loadDiagioi } from "@diagioi/data";
import { type OpenedDatabase, openDatabase } from "./db/database.ts";
import { EventHistory } from "./history.ts";
import type { Services } from "./http/context.ts";
import { Register } from "./register.ts";

/** Where the register lives unless DIAGIOI_DB says otherwise: a SQLite file under the working directory. */
export const DEFAULT_DB = ".diagioi/register.sqlite";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DIAGIOI_DB || DEFAULT_DB;
}

export async function openServices(url = databaseUrl()): Promise<Services & { database: OpenedDatabase }> {
  const database = await openDatabase(url);
  const diagioi = loadDiagioi();
  return {
    database,
    db: database.db,
    diagioi,
    register: new Register(database.db, diagioi),
    history: new EventHistory(database.db),
    secureCookies: process.env.DIAGIOI_SECURE_COOKIES === "1",
    anonymousLimits: process.env.DIAGIOI_ANONYMOUS_LIMITS !== "off",
  };
}
