/**
 * The packages as a developer gets them: built, packed with pnpm, installed with npm into a project
 * outside the workspace, and used from plain Node, from a strict TypeScript project (nodenext and
 * bundler resolution, libraries checked), from a Vite build in a browser, and as the `diagioi`
 * command. Sizes go to test/artifacts/packages.json.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../e2e/browser.ts";

const root = join(import.meta.dirname, "../..");
const packages = [
  { name: "@diagioi/core", dir: join(root, "packages/core") },
  { name: "@diagioi/data", dir: join(root, "data") },
  { name: "@diagioi/cli", dir: join(root, "packages/cli") },
];
const work = mkdtempSync(join(tmpdir(), "diagioi-install-"));
const project = join(work, "app");
const tarballs: string[] = [];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tsc = join(root, "node_modules/typescript/bin/tsc");

/** Newest modification time of the files under a folder. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return time;
}

function run(command: string, args: string[], cwd: string, input?: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

beforeAll(() => {
  // `pnpm test` builds first; a lone run of this file builds when a build is missing or stale.
  const stale = packages.some(({ dir }) => {
    const out = dir.endsWith("data") ? join(dir, "lib") : join(dir, "dist");
    const sources = Math.max(newest(join(dir, "src")), newest(join(root, "packages/core/src")));
    return newest(out) < sources;
  });
  if (stale) run("pnpm", ["run", "build"], root);
  const packs = join(work, "packs");
  mkdirSync(packs);
  for (const { dir } of packages) {
    const out = run("pnpm", ["pack", "--pack-destination", packs], dir);
    tarballs.push(out.trim().split("\n").pop() as string);
  }
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "app", private: true, type: "module" }),
  );
  run(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], project);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed packages", () => {
  it("have built files, types first, and no workspace: or catalog: left", () => {
    const sizes: Record<string, { packed: number; unpacked: number; files: number }> = {};
    for (const [i, { name }] of packages.entries()) {
      const manifest = readFileSync(join(project, "node_modules", name, "package.json"), "utf8");
      expect(manifest).not.toMatch(/workspace:|catalog:/);
      const json = JSON.parse(manifest);
      expect(Object.keys(json.exports["."])[0]).toBe("types");
      expect(json.exports["."].types).toMatch(/^\.\/(dist|lib)\/.*\.d\.ts$/);
      expect(JSON.stringify(json.exports)).not.toMatch(/"source"|(?<!\.d)\.ts"/);
      expect(Object.keys(json.dependencies ?? {})).not.toContain("tsx");
      const listing = run("tar", ["tzvf", tarballs[i] as string], work)
        .trim()
        .split("\n");
      expect(listing.some((line) => /package\/src\//.test(line))).toBe(false);
      let unpacked = 0;
      for (const line of listing) unpacked += Number(line.split(/\s+/)[2]);
      sizes[name] = { packed: statSync(tarballs[i] as string).size, unpacked, files: listing.length };
    }
    mkdirSync(join(root, "test/artifacts"), { recursive: true });
    writeFileSync(join(root, "test/artifacts/packages.json"), `${JSON.stringify(sizes, null, 2)}\n`);
  });

  it("convert an address and locate a point from a plain Node ES module", () => {
    writeFileSync(
      join(project, "app.mjs"),
      `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createDiagioi } from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";

const diagioi = loadDiagioi();
const units = readFileSync(fileURLToPath(import.meta.resolve("@diagioi/data/units.csv")), "utf8");
const lineage = readFileSync(fileURLToPath(import.meta.resolve("@diagioi/data/lineage.csv")), "utf8");
console.log(JSON.stringify({
  address: diagioi.convert("12 Hàng Bạc, P. Hàng Bạc, Q. Hoàn Kiếm, HN").address,
  located: diagioi.locator?.locate(105.8524, 21.0287)?.code,
  fromFiles: createDiagioi({ units, lineage }).convert("P1 Q3 TPHCM").new?.code,
}));
`,
    );
    expect(JSON.parse(run("node", ["app.mjs"], project))).toEqual({
      address: "12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
      located: "00070",
      fromFiles: "27154",
    });
  });

  it("typecheck in a strict TypeScript project, with nodenext and with bundler resolution", () => {
    mkdirSync(join(project, "src"), { recursive: true });
    writeFileSync(
      join(project, "src/app.ts"),
      `import { type AddressResult, createDiagioi, type Diagioi, type Unit } from "@diagioi/core";
import { dataFile, loadDiagioi, loadForAddresses } from "@diagioi/data";

const diagioi: Diagioi = loadDiagioi({ boundaries: false });
const result: AddressResult = diagioi.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội", { date: "2026-01-01" });
const name: string | undefined = result.new?.full_name;
const unit: Unit | undefined = diagioi.units.byCode("00001", { date: "2025-01-01" });
const few = loadForAddresses(["P1 Q3 TPHCM"]).convert("P1 Q3 TPHCM");
const path: string = dataFile("units.csv");
export const summary = [name, unit?.fullName, few.status, path, typeof createDiagioi];
`,
    );
    const base = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
      target: "ES2022",
      lib: ["ES2023"],
      types: [],
    };
    for (const [file, options] of [
      ["tsconfig.nodenext.json", { module: "nodenext", moduleResolution: "nodenext" }],
      ["tsconfig.bundler.json", { module: "esnext", moduleResolution: "bundler" }],
    ] as const) {
      writeFileSync(
        join(project, file),
        JSON.stringify({ compilerOptions: { ...base, ...options }, include: ["src"] }),
      );
      const out = (() => {
        try {
          return run("node", [tsc, "-p", file], project);
        } catch (error) {
          return `${(error as { stdout?: string }).stdout ?? error}`;
        }
      })();
      expect(out, file).toBe("");
    }
  });

  it("run the diagioi command from node_modules/.bin", () => {
    const bin = join(project, "node_modules/.bin/diagioi");
    expect(run(bin, ["--version"], project)).toMatch(
      /^diagioi 0\.1\.0 \(@diagioi\/data 20260725\.0\.1: data edition 2026-07-25/,
    );
    const out = run(bin, ["convert"], project, "P1 Q3 TPHCM\n");
    expect(JSON.parse(out).new.code).toBe("27154");
    const csv = run(
      bin,
      ["convert", "--format", "csv"],
      project,
      "id;địa chỉ\n1;Phường Phúc Xá, Ba Đình, Hà Nội\n",
    );
    expect(csv.split("\n")[1]).toMatch(/^1,"Phường Phúc Xá, Ba Đình, Hà Nội",ok,00097,/);
  });
});

describe("a Vite build for the browser", () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it("loads the dataset files and converts an address", async () => {
    const web = join(project, "web");
    mkdirSync(web, { recursive: true });
    writeFileSync(
      join(web, "index.html"),
      `<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>`,
    );
    writeFileSync(
      join(web, "main.js"),
      `import { createDiagioi } from "@diagioi/core";
import unitsUrl from "@diagioi/data/units.csv?url";
import lineageUrl from "@diagioi/data/lineage.csv?url";

const [units, lineage] = await Promise.all([unitsUrl, lineageUrl].map((url) => fetch(url).then((r) => r.text())));
const diagioi = createDiagioi({ units, lineage });
document.body.dataset.address = diagioi.convert("Phường Phúc Xá, Quận Ba Đình, Hà Nội").address ?? "none";
`,
    );
    await build({
      root: web,
      configFile: false,
      logLevel: "warn",
      base: "./",
      build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
    });
    const dist = join(web, "dist");
    const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
    server = createServer((request, response) => {
      const path = join(dist, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
      const file = existsSync(path) && statSync(path).isFile() ? path : join(dist, "index.html");
      response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      response.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector("body[data-address]", { state: "attached", timeout: 30_000 });
      expect(errors).toEqual([]);
      expect(await page.getAttribute("body", "data-address")).toBe("Phường Hồng Hà, Thành phố Hà Nội");
    } finally {
      await browser.close();
    }
  }, 120_000);
});
