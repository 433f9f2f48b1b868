/**
 * Runs the register's suites against a real SQLite file and a real PostgreSQL server: each suite
 * gets a fresh database built by the migrations. PostgreSQL comes from DIAGIOI_TEST_PG (a URL of
 * a role that may create databases; `.ci/run` starts one); without it, outside CI, the PostgreSQL
 * half is skipped with a note, and in CI its absence fails.
 */
import type { Diagioi, Role } from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";
import {
  addUser,
  createApp,
  createToken,
  EventHistory,
  type OpenedDatabase,
  openDatabase,
  Register,
} from "@diagioi/server";
import { describe } from "vitest";
import { freshDatabase as fresh, type Kind } from "./processes.ts";

export type { Kind };

const PG_URL = process.env.DIAGIOI_TEST_PG;
if (!PG_URL && process.env.CI)
  throw new Error("CI must provide PostgreSQL: set DIAGIOI_TEST_PG (see .ci/run)");
export const KINDS: Kind[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
if (!PG_URL) console.warn("DIAGIOI_TEST_PG is not set: the register's PostgreSQL suites are skipped");

let dataset: Diagioi | undefined;
export function diagioi(): Diagioi {
  dataset ??= loadDiagioi();
  return dataset;
}

/** A fresh database of the kind (migrated when opened). */
export function freshDatabase(kind: Kind) {
  return fresh(kind, PG_URL);
}

export interface TestUser {
  id: number;
  username: string;
  token: string;
}

export interface Harness {
  kind: Kind;
  url: string;
  database: OpenedDatabase;
  register: Register;
  /** The API application itself (to mount beside the map app, as `tracker serve` does). */
  app: ReturnType<typeof createApp>;
  /** Calls the API in-process, as `user` (a bearer token) or anonymously. */
  api(
    method: string,
    path: string,
    options?: { as?: TestUser | null; body?: unknown; headers?: Record<string, string>; raw?: BodyInit },
  ): Promise<Response>;
  user(username: string, role: Role, province: string | null): Promise<TestUser>;
  close(): Promise<void>;
}

export async function openHarness(kind: Kind): Promise<Harness> {
  const { url, drop } = await freshDatabase(kind);
  const database = await openDatabase(url);
  const register = new Register(database.db, diagioi());
  const app = createApp({
    db: database.db,
    diagioi: diagioi(),
    register,
    history: new EventHistory(database.db),
    secureCookies: false,
  });
  return {
    kind,
    url,
    database,
    register,
    app,
    api: (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.as) headers.authorization = `Bearer ${options.as.token}`;
      let body: BodyInit | undefined = options.raw;
      if (options.body !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(options.body);
      }
      return Promise.resolve(app.request(path, { method, headers, body }));
    },
    user: async (username, role, province) => {
      const id = await addUser(database.db, {
        username,
        password: `${username}-password`,
        role,
        province_code: province,
      });
      return { id, username, token: (await createToken(database.db, id, "test")).token };
    },
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** `describe` once per database kind. */
export function describeEachDatabase(name: string, body: (kind: Kind) => void): void {
  for (const kind of KINDS) describe(`${name} [${kind}]`, () => body(kind));
}

/** A point in Phường Hoàn Kiếm, Hà Nội (province 01), and one in Quảng Ngãi (51). */
export const HANOI = { lng: 105.8524, lat: 21.0287 };
export const QUANG_NGAI = { lng: 108.8004, lat: 15.1214 };
