/**
 * The `tracker` command: serve the register, manage users and tokens, import and export, seed the
 * demo, migrate. The database is DIAGIOI_DB (a file path → SQLite, postgres://… → PostgreSQL).
 */
import cluster from "node:cluster";
import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "@diagioi/core";
import { seedDemo } from "./demo/seed.ts";
import { ApiError } from "./errors.ts";
import { createApp } from "./http/app.ts";
import { nodeServer } from "./http/node-server.ts";
import { mapAppIsStale, withMapApp } from "./http/static.ts";
import { importFile } from "./imports.ts";
import { buildExport, isExportFormat } from "./io/build-export.ts";
import { exportThread } from "./io/export-thread.ts";
import { provinceOfToday } from "./place.ts";
import { appendAudit, verifyAudit } from "./repo/audit.ts";
import {
  addUser,
  createToken,
  listTokens,
  revokeToken,
  setDisabled,
  setRole,
  TOKEN_DAYS,
  userByName,
  userByNameAnyCase,
} from "./repo/users.ts";
import { seatsOf } from "./routes/stats.ts";
import { databaseUrl, openServices } from "./services.ts";

const HELP = `tracker — the register of surplus public houses and land (cơ sở nhà, đất dôi dư)

Usage: tracker COMMAND [options]        database: DIAGIOI_DB (file path → SQLite, postgres://… → PostgreSQL)

  serve [--demo-if-empty] [--workers N] the API under /api and the map app on PORT (5173) and HOST (127.0.0.1);
                                        N processes share the port (DIAGIOI_WORKERS; default 1)
  migrate                               create or update the tables
  user add NAME --role ROLE [--province CODE]
                                        add a user; the password is read from standard input
                                        roles: ${ROLES.values.join(", ")}; no --province = the whole country
  user set-role NAME --role ROLE [--province CODE]
                                        change a user's role or province
  user disable|enable NAME              a disabled user's sessions end and tokens stop working
  token create NAME [--label TEXT] [--days N]
                                        print a new API token for a user (Authorization: Bearer …),
                                        valid N days (365)
  token list [NAME]                     every token's id, user, label, creation and expiry
  token revoke ID                       revoke the token of that id
                                        (changes of users and tokens are in the audit log)
  import FILE --province CODE [--dry-run]
                                        import a CSV or XLSX file in the template's columns
  export [--format csv|xlsx|geojson] [--province CODE] [--output FILE]
  demo                                  seed the synthetic demo register and its demo users into an empty database
  audit verify                          check the audit log's hash chain

Exit status: 0 done, 1 unexpected error, 2 bad arguments or input.`;

/** Demo accounts: for the synthetic register only. */
const DEMO_USERS: { username: string; role: Role; province_code: string | null }[] = [
  { username: "admin", role: "admin", province_code: null },
  { username: "viewer", role: "viewer", province_code: null },
  ...["01", "51"].flatMap((p) =>
    (["editor", "appraiser", "approver"] as const).map((role) => ({
      username: `${role}-${p}`,
      role,
      province_code: p,
    })),
  ),
];

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`tracker token list | head -1`) ends the command quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    // An unknown option, or a value that looks like one ("--days -5"): one line, status 2.
    const message = (error as Error).message.replace(/\s*\n\s*/g, " ");
    console.error(`tracker: ${message} (tracker --help describes every command)`);
    return 2;
  }
  return run(parsed.values, parsed.positionals);
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      province: { type: "string" },
      label: { type: "string" },
      days: { type: "string" },
      format: { type: "string", default: "csv" },
      output: { type: "string" },
      "dry-run": { type: "boolean" },
      "demo-if-empty": { type: "boolean" },
      workers: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function run(
  values: ReturnType<typeof parseOptions>["values"],
  positionals: string[],
): Promise<number> {
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  // A refused command says why on one line; the help is one command away, not in the way.
  const usage = (message: string) => {
    console.error(`tracker: ${message} (tracker --help describes every command)`);
    return 2;
  };
  const refuse = (message: string) => {
    console.error(`tracker: ${message}`);
    return 2;
  };
  const services = await openServices();
  const { db } = services;
  try {
    switch (command) {
      case "migrate":
        console.log(`${services.database.kind} register at ${services.database.where} is up to date`);
        return 0;
      case "serve": {
        const workers = Number(values.workers ?? process.env.DIAGIOI_WORKERS ?? 1);
        if (!Number.isInteger(workers) || workers < 1 || workers > 64)
          return refuse("--workers takes a number from 1 to 64");
        if (cluster.isPrimary && values["demo-if-empty"]) await seedIfEmpty(services);
        if (cluster.isPrimary && workers > 1) {
          await services.database.close();
          return forkWorkers(workers);
        }
        return await serveForever(services);
      }
      case "demo": {
        await seedWithUsers(services);
        return 0;
      }
      case "user":
        return await userCommand(services, sub, arg, values, { usage, refuse });
      case "token":
        return await tokenCommand(services, sub, arg, values, { usage, refuse });
      case "import": {
        if (!sub || !values.province) return usage("import FILE --province CODE");
        const unknownProvince = problemWithProvince(services, values.province);
        if (unknownProvince) return refuse(unknownProvince);
        const summary = await importFile(
          services.register,
          { id: null, username: "tracker import" },
          values.province,
          readFileSync(sub),
          !!values["dry-run"],
        );
        console.log(JSON.stringify(summary));
        return 0;
      }
      case "export": {
        const format = values.format as string;
        if (!isExportFormat(format)) return refuse("--format is csv, xlsx or geojson");
        const unknownProvince = values.province && problemWithProvince(services, values.province);
        if (unknownProvince) return refuse(unknownProvince);
        const filter = { province: values.province ? [values.province] : undefined };
        const { body } = await buildExport(db, format, filter, true);
        if (values.output) writeFileSync(values.output, body);
        else process.stdout.write(body);
        return 0;
      }
      case "audit": {
        if (sub !== "verify") return usage("audit verify");
        const result = await verifyAudit(db);
        console.log(JSON.stringify(result));
        return result.ok ? 0 : 1;
      }
      default:
        return usage(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof ApiError) {
      console.error(`tracker: ${e.message}`);
      const rows = (e.extra.errors ?? []) as { row: number; column: string | null; message: string }[];
      for (const r of rows.slice(0, 50))
        console.error(`  row ${r.row}${r.column ? `, ${r.column}` : ""}: ${r.message}`);
      return 2;
    }
    throw e;
  } finally {
    if (command !== "serve") await services.database.close();
  }
}

type Opened = Awaited<ReturnType<typeof openServices>>;
type Options = { role?: string; province?: string; label?: string; days?: string };
type Say = { usage: (message: string) => number; refuse: (message: string) => number };

/** Who a command run on the server's machine is, in the audit log: "tracker (the OS user)". */
function commandActor(): string {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {}
  return `tracker (${name})`;
}

/** Appends an account or token change to the audit log, as done by this command. */
function auditChange(
  db: Opened["db"],
  action: string,
  entity: "user" | "token",
  id: string,
  payload: unknown,
) {
  return db.transaction().execute((trx) =>
    appendAudit(trx, {
      actor_id: null,
      actor_name: commandActor(),
      action,
      entity,
      entity_id: id,
      payload,
    }),
  );
}

const scopeText = (role: string, province: string | undefined | null) =>
  `${role}${province ? ` of province ${province}` : ", whole country"}`;

/** `tracker user add|set-role|disable|enable NAME`. */
async function userCommand(
  services: Opened,
  sub: string | undefined,
  name: string | undefined,
  values: Options,
  say: Say,
) {
  const { db } = services;
  if (!name || !["add", "set-role", "disable", "enable"].includes(sub ?? ""))
    return say.usage("user add|set-role NAME --role ROLE [--province CODE], or user disable|enable NAME");
  if (sub === "disable" || sub === "enable") {
    if (!(await setDisabled(db, name, sub === "disable"))) return say.refuse(`no user named ${name}`);
    await auditChange(db, `user_${sub}`, "user", name, {});
    console.log(
      `user ${name} ${sub === "disable" ? "disabled: their sessions ended and their tokens stopped working" : "enabled"}`,
    );
    return 0;
  }
  const role = values.role;
  if (!ROLES.has(role)) return say.refuse(`--role must be one of ${ROLES.values.join(", ")}`);
  const scopeProblem = problemWithScope(services, role, values.province);
  if (scopeProblem) return say.refuse(scopeProblem);
  const scope = { role, province_code: values.province ?? null };
  if (sub === "set-role") {
    const before = await userByName(db, name);
    if (!before || !(await setRole(db, name, role, scope.province_code)))
      return say.refuse(`no user named ${name}`);
    await auditChange(db, "user_set_role", "user", name, {
      before: { role: before.role, province_code: before.province_code },
      after: scope,
    });
    console.log(`user ${name} is now ${scopeText(role, values.province)}`);
    return 0;
  }
  if (!USERNAME.test(name))
    return say.refuse("a user name is 2 to 64 letters, digits, dots, hyphens or underscores");
  const namesake = await userByNameAnyCase(db, name);
  if (namesake)
    return say.refuse(
      `a user named ${namesake.username} already exists (names differing in case only would be mistaken for each other; tracker user set-role changes a role)`,
    );
  const password = readFileSync(0, "utf8").split(/\r?\n/)[0] ?? "";
  const weak = weakPassword(password, name);
  if (weak) return say.refuse(`the password (standard input) ${weak}`);
  const id = await addUser(db, { username: name, password, ...scope });
  await auditChange(db, "user_add", "user", name, scope);
  console.log(`user ${name} (#${id}) added: ${scopeText(role, values.province)}`);
  return 0;
}

/** `tracker token create NAME`, `token list [NAME]`, `token revoke ID`. */
async function tokenCommand(
  services: Opened,
  sub: string | undefined,
  arg: string | undefined,
  values: Options,
  say: Say,
) {
  const { db } = services;
  if (sub === "list") {
    for (const t of await listTokens(db, arg)) {
      const expired = t.expires_at !== null && t.expires_at <= new Date().toISOString();
      console.log(
        [
          t.id,
          t.username,
          t.label,
          t.created_at,
          `${t.expires_at ?? "never"}${expired ? " (expired)" : ""}`,
        ].join("\t"),
      );
    }
    return 0;
  }
  if (sub === "revoke") {
    if (!arg) return say.usage("token revoke ID");
    const revoked = await revokeToken(db, arg);
    if (!revoked) return say.refuse(`no token with the id ${arg} (tracker token list shows the ids)`);
    await auditChange(db, "token_revoke", "token", revoked.id, {
      user: revoked.username,
      label: revoked.label,
    });
    console.log(`token ${revoked.id} of ${revoked.username} revoked`);
    return 0;
  }
  if (sub !== "create" || !arg)
    return say.usage("token create NAME [--label TEXT] [--days N], token list [NAME], token revoke ID");
  const days = values.days === undefined ? TOKEN_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    return say.refuse("--days takes a number from 1 to 3650");
  const user = await userByName(db, arg);
  if (!user) return say.refuse(`no user named ${arg}`);
  const label = values.label ?? "script";
  const created = await createToken(db, user.id, label, days);
  await auditChange(db, "token_create", "token", created.id, {
    user: arg,
    label,
    expires_at: created.expires_at,
  });
  console.log(created.token);
  console.error(`token ${created.id} of ${arg}, valid until ${created.expires_at}`);
  return 0;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

/** Why a role cannot have this scope: an admin has none; a province must be one of today's. */
function problemWithScope(services: Opened, role: Role, province: string | undefined): string | undefined {
  if (province === undefined) return undefined;
  if (role === "admin") return "an admin is not scoped to a province: leave out --province";
  return problemWithProvince(services, province);
}

/** Why `--province` names no province of today (Hà Nam's old "35", a typo), or undefined. */
function problemWithProvince(services: Opened, province: string): string | undefined {
  const unit = /^\d{2}$/.test(province) ? provinceOfToday(services.register.diagioi, province) : undefined;
  return unit ? undefined : `--province ${province} is not the code of a province of today (01 … 96)`;
}

/**
 * Why a password is too weak, or undefined: at least 10 characters, not the user's name, and more
 * than a few distinct characters ("aaaaaaaaaa", "1212121212").
 */
function weakPassword(password: string, username: string): string | undefined {
  if (password.length < 10) return "must have at least 10 characters";
  if (password.toLowerCase().includes(username.toLowerCase())) return "must not contain the user name";
  if (new Set(password).size < 5) return "must use more than four different characters";
  return undefined;
}

async function seedIfEmpty(services: Opened): Promise<void> {
  const row = await services.db
    .selectFrom("facilities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(row.n) === 0) await seedWithUsers(services);
}

async function seedWithUsers(services: Opened): Promise<void> {
  const started = Date.now();
  console.error(`seeding the synthetic demo register into ${services.database.where} …`);
  const summary = await seedDemo(services.db, services.diagioi);
  const password = process.env.DIAGIOI_DEMO_PASSWORD || "diagioi-demo";
  for (const user of DEMO_USERS) {
    if (!(await userByName(services.db, user.username))) await addUser(services.db, { ...user, password });
  }
  console.error(
    `${summary.facilities} facilities, ${summary.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      `demo accounts (synthetic register only), password "${password}": ${DEMO_USERS.map((u) => u.username).join(", ")}`,
  );
}

/** Starts N server processes on one port; one that dies is replaced. */
function forkWorkers(count: number): Promise<number> {
  for (let i = 0; i < count; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`tracker: worker ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return new Promise<number>(() => {});
}

async function serveForever(services: Opened): Promise<number> {
  // Read the event history and the emptied seats before the first visitor asks for a figure.
  await services.history.refresh();
  seatsOf(services.diagioi);
  const root = withMapApp(createApp({ ...services, exports: exportThread(databaseUrl()) }));
  if (mapAppIsStale())
    console.error(
      "tracker: the map app was built before the latest change to its sources or to core: run `pnpm --filter @diagioi/map-app build`",
    );
  const port = Number(process.env.PORT ?? 5173);
  const hostname = process.env.HOST ?? "127.0.0.1";
  const server = nodeServer(root.fetch);
  server.listen(port, hostname, () => {
    // PORT=0 asks for any free port: the one given is the one to say.
    const { port: listening } = server.address() as AddressInfo;
    console.log(
      `diagioi tracker on http://${hostname}:${listening}/ (${services.database.kind}: ${services.database.where})`,
    );
  });
  const stop = () => {
    server.close();
    void services.database.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return new Promise<number>(() => {});
}
