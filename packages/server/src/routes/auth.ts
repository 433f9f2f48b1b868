/** Logging in and out; who am I. */

import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../errors.ts";
import { clientAddress } from "../http/caller.ts";
import type { App } from "../http/context.ts";
import { appendAudit } from "../repo/audit.ts";
import {
  checkPassword,
  createSession,
  endSession,
  FAILURE_WINDOW_MINUTES,
  loginSucceeded,
  loginThrottled,
  startLogin,
  userByNameAnyCase,
} from "../repo/users.ts";

export const SESSION_COOKIE = "diagioi_session";

/** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

const login = createRoute({
  method: "post",
  path: "/api/login",
  tags: ["auth"],
  request: {
    body: {
      content: {
        "application/json": {
          schema: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: "Logged in; the session cookie is set (HttpOnly, SameSite=Strict)." },
    401: { description: "Wrong user name or password." },
    403: { description: "The account is disabled." },
    429: { description: "Too many failed attempts." },
  },
});

export function authRoutes(app: App): void {
  app.openapi(login, async (c) => {
    const { db, secureCookies } = c.get("services");
    const { username: written, password } = c.req.valid("json");
    // A name is unique regardless of case, so "Editor-01" signs in as editor-01, and the throttle
    // counts the failures of every spelling together.
    const username = written.toLowerCase();
    const ip = clientAddress(c);
    const attempt = await startLogin(db, username, ip);
    if (await loginThrottled(db, username, ip)) {
      c.header("Retry-After", String(FAILURE_WINDOW_MINUTES * 60));
      throw new ApiError(
        429,
        "too_many_attempts",
        `too many failed logins: try again in ${FAILURE_WINDOW_MINUTES} minutes`,
        `Đăng nhập sai quá nhiều lần: thử lại sau ${FAILURE_WINDOW_MINUTES} phút`,
      );
    }
    const user = await userByNameAnyCase(db, username);
    const ok = await checkPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (ok && user) await loginSucceeded(db, attempt);
    if (!user || !ok) {
      throw new ApiError(
        401,
        "unauthenticated",
        "wrong user name or password",
        "Sai tên đăng nhập hoặc mật khẩu",
      );
    }
    if (user.disabled_at !== null)
      throw new ApiError(
        403,
        "forbidden",
        "this account is disabled: ask the register's administrator",
        "Tài khoản đã bị khóa: liên hệ quản trị viên",
      );
    const session = await createSession(db, user.id);
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actor_id: user.id,
        actor_name: user.username,
        action: "login",
        entity: "session",
        entity_id: null,
        payload: { ip },
      }),
    );
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: secureCookies,
      path: "/",
      expires: session.expires,
    });
    return c.json(
      {
        user: { id: user.id, username: user.username, role: user.role, province_code: user.province_code },
        expires: session.expires.toISOString(),
      },
      200,
    );
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/logout",
      tags: ["auth"],
      responses: { 200: { description: "Logged out." } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const { db } = c.get("services");
      const user = c.get("user");
      if (token) await endSession(db, token);
      // A session's end is on the record beside its start (failed logins are kept apart, for the
      // throttle: any caller can make those, and the chain is for what signed-in users did).
      if (token && user)
        await db.transaction().execute((trx) =>
          appendAudit(trx, {
            actor_id: user.id,
            actor_name: user.username,
            action: "logout",
            entity: "session",
            entity_id: null,
            payload: { ip: clientAddress(c) },
          }),
        );
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/me",
      tags: ["auth"],
      responses: { 200: { description: "The signed-in user, or null." } },
    }),
    (c) => c.json({ user: c.get("user") }, 200),
  );
}
