/** Users, sessions, API tokens and login throttling. Passwords are scrypt-hashed; tokens are stored hashed. */
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { Actor, Role } from "@diagioi/core";
import type { Executor } from "./facilities.ts";

const scryptAsync = promisify(scrypt) as (p: string, s: Buffer, len: number, o: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** How long a session lasts from login. */
export const SESSION_HOURS = 12;
/** How long an API token lasts unless `--days` says otherwise. */
export const TOKEN_DAYS = 365;
/** Characters of a token's hash that name it in `tracker token list` and `revoke`. */
export const TOKEN_ID_LENGTH = 12;
/**
 * Failed logins within the window before login is refused: for one user name from one address, for
 * one user name from every address together, and for one address.
 */
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_USER_ANYWHERE = 20;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const FAILURE_WINDOW_MINUTES = 15;

export interface User extends Actor {
  username: string;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

export async function addUser(
  db: Executor,
  user: { username: string; password: string; role: Role; province_code: string | null },
): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      username: user.username,
      password_hash: await hashPassword(user.password),
      role: user.role,
      province_code: user.province_code,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a user's role and scope (their past events keep their id: a drafter promoted to approver still may not approve their own plan). */
export async function setRole(
  db: Executor,
  username: string,
  role: Role,
  province_code: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ role, province_code })
    .where("username", "=", username)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function userByName(db: Executor, username: string) {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

/**
 * The user of a name written in any case (names are unique regardless of case): who signs in as
 * "Editor-01", and the namesake that refuses a new "Approver-01" beside "approver-01".
 */
export async function userByNameAnyCase(db: Executor, username: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
    .executeTakeFirst();
}

const asUser = (row: { id: number; username: string; role: string; province_code: string | null }): User => ({
  id: row.id,
  username: row.username,
  role: row.role as Role,
  province_code: row.province_code,
});

export async function createSession(db: Executor, userId: number): Promise<{ token: string; expires: Date }> {
  const token = newSecret("s");
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.deleteFrom("sessions").where("expires_at", "<", now.toISOString()).execute();
  await db
    .insertInto("sessions")
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
    })
    .execute();
  return { token, expires };
}

export async function endSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash(token)).execute();
}

/** The user of a live session, or undefined when unknown, expired or disabled. */
export async function sessionUser(db: Executor, token: string): Promise<User | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.username", "users.role", "users.province_code"])
    .where("sessions.token_hash", "=", tokenHash(token))
    .where("sessions.expires_at", ">", new Date().toISOString())
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? asUser(row) : undefined;
}

export interface TokenInfo {
  /** The first characters of the token's hash: how `tracker token revoke` names it. */
  id: string;
  username: string;
  label: string;
  created_at: string;
  expires_at: string | null;
}

export async function createToken(
  db: Executor,
  userId: number,
  label: string,
  days = TOKEN_DAYS,
): Promise<{ token: string; id: string; expires_at: string }> {
  const token = newSecret("dg");
  const now = new Date();
  const hash = tokenHash(token);
  const expires_at = new Date(now.getTime() + days * 86_400_000).toISOString();
  await db
    .insertInto("tokens")
    .values({ token_hash: hash, user_id: userId, label, created_at: now.toISOString(), expires_at })
    .execute();
  return { token, id: hash.slice(0, TOKEN_ID_LENGTH), expires_at };
}

/** The user of a token that has neither expired nor been revoked, unless the user is disabled. */
export async function tokenUser(db: Executor, token: string): Promise<User | undefined> {
  const row = await db
    .selectFrom("tokens")
    .innerJoin("users", "users.id", "tokens.user_id")
    .select(["users.id", "users.username", "users.role", "users.province_code"])
    .where("tokens.token_hash", "=", tokenHash(token))
    .where((eb) =>
      eb.or([eb("tokens.expires_at", "is", null), eb("tokens.expires_at", ">", new Date().toISOString())]),
    )
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? asUser(row) : undefined;
}

const tokenRows = (db: Executor) =>
  db
    .selectFrom("tokens")
    .innerJoin("users", "users.id", "tokens.user_id")
    .select(["tokens.token_hash", "users.username", "tokens.label", "tokens.created_at", "tokens.expires_at"])
    .orderBy("tokens.created_at");

const asTokenInfo = ({ token_hash, ...row }: { token_hash: string } & Omit<TokenInfo, "id">): TokenInfo => ({
  id: token_hash.slice(0, TOKEN_ID_LENGTH),
  ...row,
});

/** Tokens, of one user or of all, expired ones included, oldest first. */
export async function listTokens(db: Executor, username?: string): Promise<TokenInfo[]> {
  const query = tokenRows(db);
  const rows = await (username === undefined
    ? query
    : query.where("users.username", "=", username)
  ).execute();
  return rows.map(asTokenInfo);
}

/** Deletes the token named by its id; returns it, or undefined when no one token has that id. */
export async function revokeToken(db: Executor, id: string): Promise<TokenInfo | undefined> {
  if (!/^[0-9a-f]+$/.test(id) || id.length !== TOKEN_ID_LENGTH) return undefined;
  // Hashes are lowercase hex: those starting with the id sort from it to it followed by "g".
  const rows = await tokenRows(db)
    .where("tokens.token_hash", ">=", id)
    .where("tokens.token_hash", "<", `${id}g`)
    .execute();
  const [row] = rows;
  if (rows.length !== 1 || !row) return undefined;
  await db.deleteFrom("tokens").where("token_hash", "=", row.token_hash).execute();
  return asTokenInfo(row);
}

/**
 * Disables or enables an account: a disabled user's sessions end and their tokens stop working (they
 * work again when the account is enabled, unless expired). Returns false when there is no such user.
 */
export async function setDisabled(db: Executor, username: string, disabled: boolean): Promise<boolean> {
  const user = await userByName(db, username);
  if (!user) return false;
  await db
    .updateTable("users")
    .set({ disabled_at: disabled ? new Date().toISOString() : null })
    .where("id", "=", user.id)
    .execute();
  if (disabled) await db.deleteFrom("sessions").where("user_id", "=", user.id).execute();
  return true;
}

/**
 * Records a login attempt as failed before its password is checked, and returns its id: attempts sent
 * together then count against each other's limits, as they would one after another (checked first and
 * recorded after, 199 of 200 attempts sent at once were checked).
 */
export async function startLogin(db: Executor, username: string, ip: string): Promise<number> {
  const row = await db
    .insertInto("login_attempts")
    .values({ username, ip, at: new Date().toISOString(), ok: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Marks an attempt started by {@link startLogin} as a success. */
export async function loginSucceeded(db: Executor, attempt: number): Promise<void> {
  await db.updateTable("login_attempts").set({ ok: 1 }).where("id", "=", attempt).execute();
}

/** How long a user name's successful login from an address exempts it from that address's limit. */
export const KNOWN_ADDRESS_DAYS = 30;

/**
 * Whether a user name or an address has failed too often lately.
 * - A name from one address has {@link MAX_FAILURES_PER_USER} tries.
 * - A name from every address together has {@link MAX_FAILURES_PER_USER_ANYWHERE}, and an address
 *   for every name {@link MAX_FAILURES_PER_ADDRESS}. Neither applies to a name that has logged in
 *   from that address within {@link KNOWN_ADDRESS_DAYS}: a stranger's guesses, from elsewhere or
 *   from behind the same office NAT, must not lock out the people who work there.
 * The attempt being made is among the failures counted (see {@link startLogin}).
 */
export async function loginThrottled(db: Executor, username: string, ip: string): Promise<boolean> {
  const now = Date.now();
  const since = new Date(now - FAILURE_WINDOW_MINUTES * 60_000).toISOString();
  const failures = (by: { username?: string; ip?: string }) => {
    let query = db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ok", "=", 0)
      .where("at", ">", since);
    if (by.username !== undefined) query = query.where("username", "=", by.username);
    if (by.ip !== undefined) query = query.where("ip", "=", by.ip);
    return query.executeTakeFirstOrThrow().then((row) => Number(row.n));
  };
  const [here, anywhere, fromAddress] = await Promise.all([
    failures({ username, ip }),
    failures({ username }),
    failures({ ip }),
  ]);
  if (here > MAX_FAILURES_PER_USER) return true;
  if (anywhere <= MAX_FAILURES_PER_USER_ANYWHERE && fromAddress <= MAX_FAILURES_PER_ADDRESS) return false;
  const known = await db
    .selectFrom("login_attempts")
    .select("id")
    .where("ok", "=", 1)
    .where("username", "=", username)
    .where("ip", "=", ip)
    .where("at", ">", new Date(now - KNOWN_ADDRESS_DAYS * 86_400_000).toISOString())
    .limit(1)
    .executeTakeFirst();
  return !known;
}
