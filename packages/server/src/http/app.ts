/**
 * The HTTP application: security headers, body limits, who is asking, one error shape, the routes
 * and the OpenAPI document at /api/openapi.json.
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { deleteCookie, getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { ApiError, methodNotAllowed, noSuchEndpoint, notFound, requestFieldErrors } from "../errors.ts";
import { sessionUser, tokenUser } from "../repo/users.ts";
import { auditRoutes } from "../routes/audit.ts";
import { authRoutes, SESSION_COOKIE } from "../routes/auth.ts";
import { exportRoutes } from "../routes/exports.ts";
import { facilityRoutes, requireUser } from "../routes/facilities.ts";
import { importRoutes } from "../routes/imports.ts";
import { metaRoutes } from "../routes/meta.ts";
import { statsRoutes } from "../routes/stats.ts";
import { clientAddress } from "./caller.ts";
import type { AppEnv, Services } from "./context.ts";
import { RateLimit } from "./rate-limit.ts";
import { RESPONSE_SCHEMAS, SCHEMAS } from "./responses.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const OPEN_WRITES = new Set(["/api/login", "/api/logout"]);

/** Largest JSON body; imports have their own, larger limit. */
export const JSON_BODY_LIMIT = 256 * 1024;
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export function createApp(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      // A path that names no facility ("/api/facilities/abc") is one that is not there.
      if (!result.success && result.target === "param")
        throw notFound(`facility ${c.req.param("id")}`, `cơ sở ${c.req.param("id")}`);
      if (!result.success) {
        const fields = requestFieldErrors(result.error.issues, (field) =>
          result.target === "query" ? c.req.query(field) : undefined,
        );
        throw new ApiError(
          422,
          "validation_failed",
          `invalid request: ${fields.map((f) => f.message).join("; ")}`,
          `Yêu cầu không hợp lệ: ${fields.map((f) => f.message_vi).join("; ")}`,
          { fields },
        );
      }
    },
  });

  app.use("/api/*", secureHeaders());
  app.use("/api/*", compress());
  // Answers differ by caller (the public fields, or all): no shared cache may hand one caller's to another.
  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "private, no-cache");
    c.header("Vary", "Cookie, Authorization", { append: true });
  });
  const jsonLimit = limitBody(JSON_BODY_LIMIT);
  const importLimit = limitBody(IMPORT_BODY_LIMIT);
  app.use("/api/*", async (c, next) => {
    // A request that should have no body is checked by its header alone: asking for the body makes
    // the adapter build a full Request object, which costs a GET a fifth of its time.
    if (READS.has(c.req.method)) {
      if (Number(c.req.header("content-length") ?? 0) > JSON_BODY_LIMIT) throw tooLarge(JSON_BODY_LIMIT);
      return next();
    }
    return (bodyLimitFor(c.req.method, c.req.path) === IMPORT_BODY_LIMIT ? importLimit : jsonLimit)(c, next);
  });
  const methodsAt = servedMethods(app);
  const anonymousLimitFor = services.anonymousLimits === false ? () => undefined : anonymousLimits();
  app.use("/api/*", async (c, next) => {
    c.set("services", services);
    const cookie = getCookie(c, SESSION_COOKIE);
    const user = await whoIsAsking(services, c.req.header("authorization"), cookie);
    c.set("user", user);
    // A session that ended (expired, logged out elsewhere, account disabled) reads as anonymous:
    // its cookie is cleared, so that a client sees it is signed out rather than shown less.
    if (cookie && !user && !c.req.header("authorization")) deleteCookie(c, SESSION_COOKIE, { path: "/" });
    // Every write but signing in and out needs a user: an anonymous caller hears that first,
    // before anything about what it sent (a method the path does not take is a 405 all the same).
    const { method, path } = c.req;
    if (!user && !READS.has(method) && !OPEN_WRITES.has(path) && methodsAt(path).has(method))
      requireUser(null);
    const limit = user ? undefined : anonymousLimitFor(path);
    if (limit && !limit.allow(clientAddress(c))) {
      c.header("Retry-After", "60");
      throw new ApiError(
        429,
        "too_many_requests",
        `too many requests from this address: at most ${limit.perMinute} a minute without signing in`,
        `Quá nhiều yêu cầu từ địa chỉ này: tối đa ${limit.perMinute} mỗi phút khi chưa đăng nhập`,
      );
    }
    await next();
  });

  authRoutes(app);
  facilityRoutes(app);
  importRoutes(app);
  exportRoutes(app);
  statsRoutes(app);
  auditRoutes(app);
  metaRoutes(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "Set by POST /api/login; 12 hours.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "token", {
    type: "http",
    scheme: "bearer",
    description: "`tracker token create NAME`; valid 365 days unless --days says otherwise.",
  });
  let document: unknown;
  app.get("/api/openapi.json", (c) => {
    document ??= withCommonResponses(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "diagioi register",
          version: "0.1.0",
          description:
            "Register of surplus public houses and land (cơ sở nhà, đất dôi dư) left by Vietnam's 2025 unit merger.",
        },
        // Reads are open to anonymous callers ({}), with the public fields only.
        security: [{ session: [] }, { token: [] }, {}],
      }),
    );
    return c.json(document);
  });

  app.notFound(answerNoSuchEndpoint(app));
  app.onError((thrown, c) => {
    const err = thrown instanceof HTTPException ? fromFrameworkError(thrown) : thrown;
    if (err instanceof ApiError) {
      // The rest of a body too large is not read: the connection cannot carry another request.
      if (err.status === 413) c.header("Connection", "close");
      // HTTP's 401 names the way to authenticate (RFC 9110 §11.6.1): a bearer token or a session.
      if (err.status === 401) c.header("WWW-Authenticate", 'Bearer realm="diagioi"');
      return c.json(err.body, err.status);
    }
    if (isUniqueViolation(err)) {
      const e = new ApiError(
        409,
        "conflict",
        "this identifier is already used (external_id must be unique in a province)",
        "Mã này đã được dùng (external_id không được trùng trong một tỉnh)",
        { field: "external_id" },
      );
      return c.json(e.body, 409);
    }
    if (isMalformedJson(err)) {
      const e = new ApiError(
        400,
        "bad_request",
        "the body is not valid JSON",
        "Dữ liệu gửi lên không phải JSON hợp lệ",
      );
      return c.json(e.body, 400);
    }
    console.error(`${c.req.method} ${c.req.path}:`, err);
    const e = new ApiError(
      500,
      "internal",
      "something went wrong on the server; it has been logged",
      "Lỗi máy chủ; đã được ghi lại",
    );
    return c.json(e.body, 500);
  });
  return app;
}

async function whoIsAsking(
  services: Services,
  authorization: string | undefined,
  cookie: string | undefined,
) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (bearer) {
    const user = await tokenUser(services.db, bearer);
    if (!user)
      throw new ApiError(
        401,
        "unauthenticated",
        "unknown, expired or revoked token",
        "Mã truy cập không hợp lệ, đã hết hạn hoặc bị thu hồi",
      );
    return user;
  }
  if (cookie) return (await sessionUser(services.db, cookie)) ?? null;
  return null;
}

type DocumentedResponse = { description: string; content?: Record<string, { schema: unknown }> };
type Operation = {
  responses?: Record<string, DocumentedResponse>;
  parameters?: { in: string; name: string }[];
};

const ref = (name: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${name}` } } });

/**
 * Adds the answers every route of a kind may give, which the routes leave out: 400, 401, 413, 415
 * and 422 for a JSON write; 404 for a path with an id; 422 for a query that does not hold; 401 for a
 * filter or an order that is not public; 409 for a write that may take an external_id. Every error
 * answer gets the one error shape, and the contract's answers their shapes (RESPONSE_SCHEMAS).
 */
function withCommonResponses<T extends { paths?: object; components?: object }>(document: T): T {
  const json = (path: string, method: string) =>
    method !== "get" && path !== "/api/import" && path !== "/api/logout";
  const common: [(path: string, method: string, op: Operation) => boolean, string, string][] = [
    [json, "400", "The body is not valid JSON, or If-Match is malformed."],
    [(path, method) => method !== "get" && !OPEN_WRITES.has(path), "401", "Not signed in."],
    [
      (path, method, op) =>
        (method === "get" && op.parameters?.some((p) => p.name === "flag" || p.name === "sort")) ||
        path === "/api/audit",
      "401",
      "Not signed in: flags, and orders by deadline or change, are not public; the audit log needs an administrator.",
    ],
    [() => true, "401", "An unknown, expired or revoked bearer token (a read needs none)."],
    [
      (path) => anonymousLimitOf(path) !== undefined,
      "429",
      "Too many requests from this address without signing in (`Retry-After` says when to ask again).",
    ],
    [(_, method) => method !== "get", "413", "The body is larger than the limit."],
    [json, "415", "The body is not sent as JSON."],
    [json, "422", "A field of the body does not hold (`error.details.fields`)."],
    [(path) => path.includes("{id}"), "404", "No facility of that id."],
    [
      (_, __, op) => op.parameters?.some((p) => p.in === "query") ?? false,
      "422",
      "A query field does not hold (`error.details.fields`).",
    ],
    [
      (path, method) => (path === "/api/facilities" && method === "post") || method === "patch",
      "409",
      "The external_id is taken in the province.",
    ],
  ];
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      op.responses ??= {};
      for (const [applies, status, description] of common)
        if (applies(path, method, op)) op.responses[status] ??= { description };
      for (const [status, response] of Object.entries(op.responses)) {
        const shape = status.startsWith("2")
          ? RESPONSE_SCHEMAS[`${method} ${path}`]
          : path === "/api/import" && status === "422"
            ? "ImportRejected"
            : "Error";
        if (shape && !response.content) response.content = ref(shape);
      }
    }
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  components.schemas = { ...components.schemas, ...SCHEMAS };
  (document as { components?: object }).components = components;
  return document;
}

/** A unique constraint refused the write (SQLite or PostgreSQL): two writers raced for one identifier. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

function isMalformedJson(err: unknown): boolean {
  return (
    err instanceof SyntaxError ||
    (err instanceof Error && /JSON/i.test(err.message) && /parse|Malformed/i.test(err.message))
  );
}

/**
 * The answer to a request no route takes: 405 with `Allow` when the path is served under other
 * methods (`DELETE /api/facilities/1`), else 404.
 */
export function answerNoSuchEndpoint(api: Routed) {
  const methodsAt = servedMethods(api);
  return (c: Context): Response => {
    const path = c.req.path;
    const methods = methodsAt(path);
    if (methods.size === 0) return c.json(noSuchEndpoint(c.req.method, path).body, 404);
    if (methods.has("GET")) methods.add("HEAD");
    const allow = [...methods].sort().join(", ");
    c.header("Allow", allow);
    return c.json(methodNotAllowed(c.req.method, path, allow).body, 405);
  };
}

interface Routed {
  routes: { method: string; path: string }[];
}

/** The methods the API's routes take at a path (none: no such path). Read once the routes are in. */
function servedMethods(api: Routed): (path: string) => Set<string> {
  let served: { pattern: RegExp; method: string }[] | undefined;
  return (path) => {
    served ??= api.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({ method: r.method, pattern: routePattern(r.path) }));
    return new Set(served.filter((r) => r.pattern.test(path)).map((r) => r.method));
  };
}

/** A route's path ("/api/facilities/:id") as a pattern of the paths it serves. */
function routePattern(path: string): RegExp {
  const parts = path
    .split("/")
    .map((part) =>
      part.startsWith(":") ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
  // No trailing slash: the router serves "/api/facilities", not "/api/facilities/" (a 404 there).
  return new RegExp(`^${parts.join("/")}$`);
}

/**
 * An error the framework raised before a handler ran (a body that is not JSON, with the wrong
 * Content-Type), in the API's own shape.
 */
function fromFrameworkError(err: HTTPException): ApiError {
  if (err.status === 415)
    return new ApiError(
      415,
      "unsupported_media_type",
      "send the body as JSON, with Content-Type: application/json",
      "Hãy gửi dữ liệu dạng JSON, với Content-Type: application/json",
    );
  if (err.status === 413) return tooLarge(JSON_BODY_LIMIT);
  return new ApiError(
    400,
    "bad_request",
    err.message || "the request cannot be read",
    "Không đọc được yêu cầu",
  );
}

/** The largest body a request may send: an import's file, or JSON. */
export function bodyLimitFor(method: string, path: string): number {
  return !READS.has(method) && path.startsWith("/api/import") ? IMPORT_BODY_LIMIT : JSON_BODY_LIMIT;
}

function limitBody(limit: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: limit,
    onError: () => {
      throw tooLarge(limit);
    },
  });
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    "payload_too_large",
    `the body is larger than ${limit} bytes`,
    `Dữ liệu gửi lên vượt quá ${limit} byte`,
  );
}

/**
 * How often an anonymous address may ask for the public answers that cost the most when not cached
 * (figures over the event history, every point, export files), so that varying the question cannot
 * keep the server busy for long; ten times what a person at the map or the dashboard asks for.
 * Signed-in users are not limited.
 */
export const ANONYMOUS_FIGURES_PER_MINUTE = 600;
export const ANONYMOUS_EXPORTS_PER_MINUTE = 60;

/** The limits of an app: for a path, the one an anonymous caller is counted against, or none. */
function anonymousLimits(): (path: string) => RateLimit | undefined {
  const limits = {
    figures: new RateLimit(ANONYMOUS_FIGURES_PER_MINUTE),
    exports: new RateLimit(ANONYMOUS_EXPORTS_PER_MINUTE),
  };
  return (path) => {
    const kind = anonymousLimitOf(path);
    return kind && limits[kind];
  };
}

/** Which of the anonymous limits a path counts against, if any. */
function anonymousLimitOf(path: string): "figures" | "exports" | undefined {
  if (path.startsWith("/api/export.")) return "exports";
  if (path === "/api/points" || path === "/api/coverage" || path.startsWith("/api/stats")) return "figures";
  return undefined;
}
