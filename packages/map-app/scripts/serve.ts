/**
 * Serves the built app (dist-app) with gzip, so what a browser transfers is what the budget
 * counts. PORT and HOST are respected (defaults 5173 and 127.0.0.1).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../dist-app/", import.meta.url));
if (!existsSync(join(root, "index.html"))) {
  console.error(`no build in ${root}: run pnpm --filter @diagioi/map-app build first`);
  process.exit(2);
}
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};
const cache = new Map<string, { body: Buffer; gzip: Buffer }>();

const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    response.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, "index.html");
  let entry = cache.get(file);
  if (!entry) {
    const body = readFileSync(file);
    entry = { body, gzip: gzipSync(body, { level: 9 }) };
    cache.set(file, entry);
  }
  const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  response.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "cache-control": "no-cache",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  response.end(gzip ? entry.gzip : entry.body);
});

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? "127.0.0.1";
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  console.log(`diagioi map on http://${host}:${actual}/`);
});
