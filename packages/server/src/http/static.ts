/**
 * Serves the built map app (packages/map-app/dist-app) beside the API, gzipped when the browser
 * accepts it; `/dashboard` is the dashboard page; any other path without a file outside /api is sent to
 * the map (`/dashboard/` to the dashboard), its query kept.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Context, Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { answerNoSuchEndpoint } from "./app.ts";
import type { App } from "./context.ts";

export const APP_DIR = fileURLToPath(new URL("../../../map-app/dist-app/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".pack": "application/octet-stream",
};

/** Sources the built map app is made from, when run from a checkout (none in an installed package). */
const APP_SOURCES = ["../../../map-app/src/", "../../../core/src/"].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

/**
 * True when the built map app is older than a source it is made from: the browser would then read
 * addresses with an older reader than the server's (a checkout updated, the app not rebuilt).
 */
export function mapAppIsStale(root = APP_DIR): boolean {
  const built = statSync(join(root, "index.html"), { throwIfNoEntry: false })?.mtimeMs;
  return built !== undefined && APP_SOURCES.some((dir) => newestIn(dir) > built);
}

function newestIn(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return stat?.mtimeMs ?? 0;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

/**
 * The API beside the map app, as `tracker serve` runs them: the API's routes first, then the app's
 * files; a path under /api that no route serves is the API's JSON 404, never the map's page.
 */
export function withMapApp(api: App, root = APP_DIR): Hono {
  const app = new Hono();
  app.route("/", api as never);
  serveApp(app, root, answerNoSuchEndpoint(api));
  return app;
}

function serveApp(app: Hono, root: string, answerNoSuchEndpoint: (c: Context) => Response): void {
  const cache = new Map<string, { body: Buffer; gzip: Buffer; mtimeMs: number; size: number }>();
  const pageFor = (path: string) => {
    if (path === "/") return "index.html";
    if (path === "/dashboard") return "dashboard.html";
    // Clients that ask for the conventional icon get the pages' own.
    if (path === "/favicon.ico") return "favicon.svg";
    return path;
  };
  app.notFound(answerNoSuchEndpoint);
  // The pages may not be framed by another site (clickjacking a planner's session) nor their files
  // read as another type; a tile server (VITE_TILE_URL) still learns which site asks, as some require.
  const pageHeaders = secureHeaders({
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    contentSecurityPolicy: { frameAncestors: ["'none'"] },
  });
  app.use("*", (c, next) => (c.req.path.startsWith("/api") ? next() : pageHeaders(c, next)));
  app.get("*", (c) => {
    // The API's unknown paths answer as the API does, not with the map's page.
    if (c.req.path === "/api" || c.req.path.startsWith("/api/")) return answerNoSuchEndpoint(c);
    if (!existsSync(join(root, "index.html"))) {
      return c.text("The map app is not built: run `pnpm --filter @diagioi/map-app build`.", 503);
    }
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text("Bad request", 400);
    }
    // No file name holds a NUL: the file system would throw on it.
    if (path.includes("\0")) return c.text("Bad request", 400);
    const file = normalize(join(root, pageFor(path)));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return c.text("Forbidden", 403);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) {
      // A missing file (an asset of an earlier build) is a 404: the page in its place would be
      // taken for a script and fail with a MIME error.
      if (extname(path) !== "") return c.text("Not found", 404);
      // Another path is the map's, or the dashboard's with a slash after it. The pages name their
      // files relative to themselves (so that they can be served under a folder too): served at
      // "/a/b", the map would look for its files under "/a/". Sent to the page, with the query.
      const search = new URL(c.req.url).search;
      return c.redirect(`${path.replace(/\/+$/, "") === "/dashboard" ? "/dashboard" : "/"}${search}`, 301);
    }
    let entry = cache.get(file);
    // A rebuild under a running server replaces the files: read a file again when it changed.
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      const body = readFileSync(file);
      entry = { body, gzip: gzipSync(body, { level: 9 }), mtimeMs: stat.mtimeMs, size: stat.size };
      cache.set(file, entry);
    }
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    c.header("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
    c.header("Cache-Control", "no-cache");
    c.header("Vary", "Accept-Encoding");
    if (gzip) c.header("Content-Encoding", "gzip");
    return c.body(new Uint8Array(gzip ? entry.gzip : entry.body));
  });
}
