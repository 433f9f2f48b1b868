/**
 * The register's map and dashboard in a real browser (Debian's chromium driven by playwright-core),
 * against the real server (`tracker serve`) on a fresh SQLite file seeded with the synthetic demo
 * register (about 31,500 facilities) and test users made with `tracker user add`. Screenshots and the
 * measured figures go to test/artifacts/ (register-metrics.json).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PUBLIC_FIELDS } from "@diagioi/core";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { buildMapApp } from "./build-app.ts";

const root = join(import.meta.dirname, "../..");
const tracker = join(root, "packages/server/bin/tracker.js");
const artifacts = join(root, "test/artifacts");
/** The workspace packages are run from their TypeScript source (as `pnpm tracker` does). */
const SOURCE = ["--conditions=source"];
const PASSWORD = "e2e-password-1";
/** Test users: [name, role, province]. */
const USERS: [string, string, string][] = [
  ["e2e-editor", "editor", "01"],
  ["e2e-editor-b", "editor", "01"],
  ["e2e-appraiser", "appraiser", "01"],
  ["e2e-approver", "approver", "01"],
  ["e2e-editor-51", "editor", "51"],
  ["e2e-admin", "admin", ""],
];
/** A point in Phường Hoàn Kiếm (Hà Nội). */
const HOAN_KIEM = { lat: 21.0287, lng: 105.8524 };

let dir = "";
let server: ChildProcess;
let base = "";
let browser: Browser;
const metrics: Record<string, unknown> = {};
/** The facility the editor creates, carried through the workflow by the later tests. */
let createdId = 0;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  // While developing: REGISTER_E2E_URL names a server already running (seeded, with the test users).
  if (process.env.REGISTER_E2E_URL) {
    base = process.env.REGISTER_E2E_URL;
    await buildMapApp();
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "diagioi-register-e2e-"));
  const env = { ...process.env, DIAGIOI_DB: join(dir, "register.sqlite") };
  await Promise.all([
    buildMapApp(),
    new Promise<void>((resolve, reject) => {
      const seed = spawn(process.execPath, [...SOURCE, tracker, "demo"], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let log = "";
      seed.stderr?.on("data", (c: Buffer) => {
        log += c.toString();
      });
      seed.on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`tracker demo exited with ${code}: ${log}`)),
      );
    }),
  ]);
  for (const [name, role, province] of USERS) {
    execFileSync(
      process.execPath,
      [
        ...SOURCE,
        tracker,
        "user",
        "add",
        name,
        "--role",
        role,
        ...(province ? ["--province", province] : []),
      ],
      {
        env,
        input: `${PASSWORD}\n`,
        stdio: ["pipe", "ignore", "inherit"],
      },
    );
  }
  server = spawn(process.execPath, [...SOURCE, tracker, "serve"], {
    env: { ...env, PORT: "0", HOST: "127.0.0.1" },
  });
  base = await new Promise<string>((resolve, reject) => {
    server.stdout?.on("data", (chunk: Buffer) => {
      const match = /http:\/\/[\d.:]+\//.exec(chunk.toString());
      if (match) resolve(match[0]);
    });
    server.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    server.on("exit", (code) => reject(new Error(`tracker serve exited with ${code}`)));
  });
}, 600_000);

afterAll(async () => {
  // The machine is shared: its load when the figures were taken says how far to trust them.
  metrics.loadAverage = loadavg().map((v) => Math.round(v * 100) / 100);
  writeFileSync(join(artifacts, "register-metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function context(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  ctx.on("page", (page) =>
    page.on("pageerror", (error) => {
      throw error;
    }),
  );
  return ctx;
}

async function open(ctx: BrowserContext, path = ""): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(base + path);
  await page.waitForSelector("body[data-facilities]", { timeout: 60_000 });
  return page;
}

async function login(page: Page, username: string): Promise<void> {
  await page.click("[data-testid=login] >> xpath=.. >> summary");
  await page.fill("[data-testid=login] input[name=username]", username);
  await page.fill("[data-testid=login] input[name=password]", PASSWORD);
  await page.click("[data-testid=login] button[type=submit]");
  await page.waitForSelector("[data-testid=who]");
  // Who is signed in, in words: the role's name and the province's, not their codes.
  const who = (await page.textContent("[data-testid=who]")) ?? "";
  expect(who).toMatch(/(Tỉnh|Thành phố|Province|City|toàn quốc|whole country)/);
  expect(who).not.toMatch(/· \d{2}$/);
  // The header may wrap onto another line: the map takes the height left to it.
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      return map.getSize().y === map.getContainer().clientHeight;
    },
    undefined,
    { timeout: 5_000 },
  );
}

/** The count a test id holds, read past its thousands separators. */
async function countIn(page: Page, testId: string): Promise<number> {
  return Number(((await page.textContent(`[data-testid=${testId}]`)) ?? "").replace(/\D/g, ""));
}

/** Page coordinates of a point on the map. */
async function pixel(page: Page, lat: number, lng: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([la, ln]) => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      const p = map.latLngToContainerPoint([la as number, ln as number]);
      const box = map.getContainer().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    [lat, lng],
  );
}

async function setView(page: Page, lat: number, lng: number, zoom: number): Promise<void> {
  await page.evaluate(
    ([la, ln, z]) => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      map.setView([la as number, ln as number], z as number, { animate: false });
    },
    [lat, lng, zoom],
  );
  await page.waitForTimeout(300);
}

async function takeStep(
  page: Page,
  action: string,
  fields: Record<string, string>,
  expected: string,
): Promise<void> {
  await page.click(`[data-testid=transition-${action}]`);
  for (const [name, value] of Object.entries(fields)) {
    const input = page.locator(`[data-testid=transition-form] [name=${name}]`);
    if ((await input.evaluate((e) => e.tagName)) === "SELECT") await input.selectOption(value);
    else await input.fill(value);
  }
  await page.click("[data-testid=transition-submit]");
  await page.waitForSelector(`[data-testid=facility-panel][data-stage=${expected}][data-state=ready]`);
}

describe("register on the map", () => {
  it("shows the facilities to an anonymous visitor quickly, and the public fields of one", async () => {
    // The first view, three times in fresh contexts (the first page of a fresh browser pays for its
    // start-up): the median is reported. Each load counts every response of the page and of its
    // worker as sent on the wire, and waits for the facilities polling every animation frame (a
    // selector wait polls with back-off, up to half a second late).
    const loads: { interactiveMs: number; bytes: number; marks: Record<string, number> }[] = [];
    let ctx!: BrowserContext;
    let page!: Page;
    const failures: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (ctx) await ctx.close();
      ctx = await context();
      page = await ctx.newPage();
      const sizes: Promise<number>[] = [];
      const count = (request: import("playwright-core").Request) =>
        sizes.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize));
      ctx.on("requestfinished", count);
      // A visitor's first view asks for nothing that fails (the browser's own /favicon.ico included).
      ctx.on("response", (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });
      const started = Date.now();
      await page.goto(base);
      await page.waitForFunction(() => document.body.dataset.facilities, null, {
        polling: "raf",
        timeout: 60_000,
      });
      const interactiveMs = Date.now() - started;
      ctx.off("requestfinished", count);
      // Where the time went: the map ready, the register mounted, the facilities drawn (ms from navigation).
      const marks = await page.evaluate(() =>
        Object.fromEntries(
          performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)]),
        ),
      );
      loads.push({ interactiveMs, bytes: (await Promise.all(sizes)).reduce((a, b) => a + b, 0), marks });
    }
    expect(failures).toEqual([]);
    const byTime = [...loads].sort((a, b) => a.interactiveMs - b.interactiveMs);
    const { interactiveMs, bytes: bytesBeforeInteraction, marks } = byTime[1] as (typeof loads)[number];
    const shown = Number(await page.getAttribute("body", "data-facilities"));
    expect(shown).toBeGreaterThan(30_000);
    // Written as the language writes a count: 31.509 in Vietnamese.
    await expect(page.textContent("[data-testid=facility-count]")).resolves.toBe(
      shown.toLocaleString("vi-VN"),
    );
    await expect(
      page.locator("[data-testid=facility-filters] [data-testid=synthetic]").isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: join(artifacts, "10-register-first-view.png") });
    // The whole country in view beside the filters and under the register's bar: Lũng Cú to Cà Mau.
    const country = await page.evaluate(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      const bounds = map.getBounds();
      return bounds.contains([23.36, 105.32]) && bounds.contains([8.6, 104.72]);
    });
    expect(country).toBe(true);
    // Coloured by category, "pending" is what the server counts as pending: withdrawn facilities apart.
    await page.selectOption("[data-testid=facility-colour]", "category");
    const legendCount = async (value: string) =>
      Number(
        ((await page.textContent(`[data-testid=facility-legend] [data-value=${value}] .n`)) ?? "").replace(
          /\D/g,
          "",
        ),
      );
    const served = await page.evaluate(async () => {
      const count = async (query: string) =>
        ((await (await fetch(`/api/points?${query}`)).json()) as { id: number[] }).id.length;
      return { pending: await count("category=pending"), withdrawn: await count("stage=withdrawn") };
    });
    expect(served.withdrawn).toBeGreaterThan(0);
    await expect(legendCount("pending")).resolves.toBe(served.pending);
    await expect(legendCount("withdrawn")).resolves.toBe(served.withdrawn);
    await page.selectOption("[data-testid=facility-colour]", "stage");

    Object.assign(metrics, {
      firstView: {
        interactiveMs,
        loadsMs: loads.map((l) => l.interactiveMs),
        bytesBeforeInteraction,
        facilities: shown,
        marks,
        loadAverage: loadavg()[0],
      },
    });
    console.log("register first view:", JSON.stringify(metrics.firstView));

    // Open one facility by clicking its point (every point is single at zoom 17).
    const target = await page.evaluate(async () => {
      const points = (await (await fetch("/api/points?province=01")).json()) as {
        id: number[];
        lng: number[];
        lat: number[];
      };
      return { id: points.id[10] as number, lng: points.lng[10] as number, lat: points.lat[10] as number };
    });
    await setView(page, target.lat, target.lng, 17);
    const at = await pixel(page, target.lat, target.lng);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector("[data-testid=facility-panel][data-state=ready]");
    expect(page.url()).toMatch(/facility=\d+/);
    const fields = await page
      .locator("[data-testid=facility-panel] dd[data-field]")
      .evaluateAll((dds) => dds.map((d) => d.getAttribute("data-field")));
    expect(fields.length).toBeGreaterThan(5);
    for (const field of fields) expect([...PUBLIC_FIELDS, "flags"]).toContain(field);
    expect(fields).not.toContain("external_id");
    expect(fields).not.toContain("decision_no");
    await expect(
      page.locator("[data-testid=facility-panel] [data-testid^=transition-]").count(),
    ).resolves.toBe(0);
    await expect(page.locator("[data-testid=facility-panel] [data-testid=edit]").count()).resolves.toBe(0);
    await expect(page.locator("[data-testid=history] li").count()).resolves.toBeGreaterThan(0);
    // Days as Vietnamese documents and the import write them (dd/mm/yyyy), the time in Vietnam's.
    const when = await page.locator("[data-testid=history] li time").first();
    const instant = new Date((await when.getAttribute("datetime")) as string);
    const local = new Date(instant.getTime() + 7 * 3_600_000);
    const two = (n: number) => String(n).padStart(2, "0");
    await expect(when.textContent()).resolves.toBe(
      `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`,
    );
    await page.screenshot({ path: join(artifacts, "12-anonymous-facility.png") });

    // Zoomed out, a cluster holds it: the open facility is still marked at its own point.
    await setView(page, target.lat, target.lng, 11);
    const mark = await page.evaluate(
      ([la, ln]) => {
        const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
        const canvas = document.querySelector("canvas.facility-canvas") as HTMLCanvasElement;
        const origin = canvas.getBoundingClientRect();
        const p = map.latLngToContainerPoint([la as number, ln as number]);
        const box = map.getContainer().getBoundingClientRect();
        const scale = canvas.width / origin.width;
        const x = Math.round((box.left + p.x - origin.left) * scale);
        const y = Math.round((box.top + p.y - origin.top) * scale);
        return [...(canvas.getContext("2d")?.getImageData(x, y, 1, 1).data ?? [])];
      },
      [target.lat, target.lng],
    );
    expect(mark.slice(0, 3)).toEqual([0xd8, 0x1b, 0x60]);
    await ctx.close();
  }, 120_000);

  it("fits a unit opened by its link beside the facilities' filters and the unit's panel", async () => {
    const ctx = await context();
    const page = await open(ctx, "?unit=00008");
    await page.waitForSelector("[data-testid=unit-panel]:not([hidden])");
    await page.waitForTimeout(800);
    const placed = await page.evaluate(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      const box = map.getContainer().getBoundingClientRect();
      let west = Number.POSITIVE_INFINITY;
      let east = Number.NEGATIVE_INFINITY;
      map.eachLayer((layer) => {
        const f = (layer as unknown as { feature?: { properties?: { code?: string } } }).feature;
        if (f?.properties?.code !== "00008" || !("getBounds" in layer)) return;
        const b = (layer as import("leaflet").Polygon).getBounds();
        west = Math.min(west, box.left + map.latLngToContainerPoint(b.getSouthWest()).x);
        east = Math.max(east, box.left + map.latLngToContainerPoint(b.getNorthEast()).x);
      });
      const filters = (document.getElementById("facility-filters") as HTMLElement).getBoundingClientRect();
      const panel = (document.getElementById("panel") as HTMLElement).getBoundingClientRect();
      return { west, east, filtersRight: filters.right, panelLeft: panel.left };
    });
    expect(placed.west).toBeGreaterThanOrEqual(placed.filtersRight);
    expect(placed.east).toBeLessThanOrEqual(placed.panelLeft);
    await ctx.close();
  }, 60_000);

  it("takes the facilities off the map and back, by the panel's box, the link and the browser's history", async () => {
    const ctx = await context();
    const page = await open(ctx);
    const canvases = () => page.locator(".facility-canvas").count();
    const box = page.locator("[data-testid=facility-shown]");
    expect(await canvases()).toBe(1);
    await box.uncheck();
    expect(await canvases()).toBe(0);
    expect(new URL(page.url()).searchParams.get("facilities")).toBe("0");
    // The counts and the list stay: only the drawing goes.
    await expect(page.textContent("[data-testid=facility-count]")).resolves.toMatch(/\d/);
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll(".facility-canvas").length === 1);
    expect(await box.isChecked()).toBe(true);
    await page.goto(`${base}?facilities=0`);
    await page.waitForSelector("body[data-facilities]", { timeout: 60_000 });
    expect(await canvases()).toBe(0);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    expect(await canvases()).toBe(1);
    expect(new URL(page.url()).searchParams.has("facilities")).toBe(false);
    await ctx.close();
  }, 90_000);

  it("keeps frames short while panning across a province with every point loaded", async () => {
    // Pan across Hà Nội at zoom 11, then Nghệ An at zoom 10, in a browser whose frames are not held
    // to the display's rate, so the time from one animation frame to the next is the frame's cost.
    // A second pass times each frame's own work on the main thread: the pan step's script, then from
    // the frame's start to the end of its rendering (a message posted from the frame's callback runs
    // once style, layout, paint and commit are done).
    const unthrottled = await launchChromium({ unthrottledFrames: true });
    try {
      const page = await (await unthrottled.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await page.goto(base);
      await page.waitForFunction(() => document.body.dataset.facilities, null, { timeout: 60_000 });
      const frames = await page.evaluate(async () => {
        const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
        const next = () => new Promise((r) => requestAnimationFrame(r));
        const rendered = () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame((frameStart) => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now() - frameStart);
              channel.port2.postMessage(0);
            }),
          );
        const times: number[] = [];
        const script: number[] = [];
        const work: number[] = [];
        for (const [lat, lng, zoom] of [
          [21.03, 105.45, 11],
          [19.2, 104.6, 10],
        ] as const) {
          map.setView([lat, lng], zoom, { animate: false });
          await new Promise((r) => setTimeout(r, 1500));
          await next();
          let last = performance.now();
          for (let i = 0; i < 40; i++) {
            const before = performance.now();
            map.panBy([12, 0], { animate: false });
            script.push(performance.now() - before);
            await next();
            const now = performance.now();
            times.push(now - last);
            last = now;
          }
          for (let i = 0; i < 40; i++) {
            const before = performance.now();
            map.panBy([-12, 0], { animate: false });
            const step = performance.now() - before;
            work.push(step + (await rendered()));
            await next();
          }
        }
        const median = (values: number[]) =>
          [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
        times.sort((a, b) => a - b);
        return {
          frames: times.length,
          median: median(times),
          p95: times[Math.floor(times.length * 0.95)],
          worst: times[times.length - 1],
          scriptPerPanMedian: median(script),
          workPerFrameMedian: median(work),
          workPerFrameP95: [...work].sort((a, b) => a - b)[Math.floor(work.length * 0.95)],
        };
      });
      metrics.panFrameMs = frames;
      console.log("register pan:", JSON.stringify(frames));
      expect(frames.frames).toBe(80);
      await page.screenshot({ path: join(artifacts, "11-register-pan-province.png") });
    } finally {
      await unthrottled.close();
    }
  }, 120_000);

  it("lets an editor create a facility by clicking the map and take it to plan_drafted", async () => {
    const ctx = await context();
    const page = await open(ctx, `?z=15&lat=${HOAN_KIEM.lat}&lng=${HOAN_KIEM.lng}`);
    await login(page, "e2e-editor");
    await page.click("[data-testid=create]");
    const at = await pixel(page, HOAN_KIEM.lat, HOAN_KIEM.lng);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector("[data-testid=create-form]");
    await expect(page.textContent("[data-testid=create-commune]")).resolves.toMatch(/Hoàn Kiếm/);
    // A mark shows where the facility will go, at the point clicked, and follows a point typed.
    const mark = page.locator(".draft-point");
    const centre = async () => {
      const box = await mark.boundingBox();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
    };
    const clicked = await centre();
    expect(Math.hypot((clicked?.x ?? 0) - at.x, (clicked?.y ?? 0) - at.y)).toBeLessThan(2);
    const lat = Number(await page.inputValue("[data-testid=create-form] [name=lat]"));
    await page.fill("[data-testid=create-form] [name=lat]", String(lat + 0.001));
    expect((await centre())?.y).toBeLessThan(at.y - 10);
    // A point typed in another province is named as such before saving, and the note follows it back.
    const lng = await page.inputValue("[data-testid=create-form] [name=lng]");
    await page.fill("[data-testid=create-form] [name=lng]", "106.6296");
    await page.fill("[data-testid=create-form] [name=lat]", "10.7769");
    await expect(page.textContent("[data-testid=create-commune]")).resolves.toMatch(
      /thuộc Thành phố Hồ Chí Minh: hãy chọn một điểm trong Thành phố Hà Nội/,
    );
    await page.fill("[data-testid=create-form] [name=lng]", lng);
    await page.fill("[data-testid=create-form] [name=lat]", String(lat));
    await expect(page.textContent("[data-testid=create-commune]")).resolves.toMatch(
      /Điểm thuộc: .*Hoàn Kiếm/,
    );
    // The server's message appears beside the field it is about.
    await page.fill("[data-testid=create-form] [name=external_id]", `E2E-HK-${Date.now()}`);
    await page.click("[data-testid=create-submit]");
    await page.waitForSelector("[data-testid=create-form] .field[data-field=name].invalid");
    await expect(
      page.textContent("[data-testid=create-form] .field[data-field=name] .field-error"),
    ).resolves.not.toBe("");
    await page.screenshot({ path: join(artifacts, "13-create-validation.png") });
    await page.fill("[data-testid=create-form] [name=name]", "Trụ sở UBND quận Hoàn Kiếm cũ (e2e)");
    // Numbers are read as the import reads them: "2.500" could be 2500 or 2.5 and is refused.
    await page.fill("[data-testid=create-form] [name=land_area_m2]", "2.500");
    await page.click("[data-testid=create-submit]");
    await page.waitForSelector("[data-testid=create-form] .field[data-field=land_area_m2].invalid");
    await expect(
      page.textContent("[data-testid=create-form] .field[data-field=land_area_m2] .field-error"),
    ).resolves.toMatch(/không rõ nghĩa/);
    await page.fill("[data-testid=create-form] [name=land_area_m2]", "2.500,5");
    await page.click("[data-testid=create-submit]");
    await page.waitForSelector("[data-testid=facility-panel][data-stage=inventory][data-state=ready]");
    await expect(mark.count()).resolves.toBe(0);
    // The new facility's link is in the address bar.
    await page.waitForURL(/facility=\d+/);
    createdId = Number(/facility=(\d+)/.exec(page.url())?.[1]);
    expect(createdId).toBeGreaterThan(0);
    await expect(
      page.textContent("[data-testid=facility-panel] dd[data-field=land_area_m2]"),
    ).resolves.toMatch(/2\.500,5/);
    await expect(
      page.textContent("[data-testid=facility-panel] dd[data-field=commune_code]"),
    ).resolves.toMatch(/Hoàn Kiếm/);
    // Sent without the fields it needs, the step is refused: each field says so by its label alone.
    await page.click("[data-testid=transition-hand_over]");
    await page.click("[data-testid=transition-submit]");
    await page.waitForSelector("[data-testid=transition-form] .field.invalid[data-field=minutes_no]");
    await expect(
      page.textContent("[data-testid=transition-form] .field[data-field=minutes_no] .field-error"),
    ).resolves.toBe("Bước này cần trường này");
    await expect(page.textContent("[data-testid=transition-form]")).resolves.not.toMatch(/minutes_no/);
    await takeStep(page, "hand_over", { minutes_no: "12/BB-E2E", minutes_date: "2025-07-03" }, "handed_over");
    // A step sets the deadline the plan gives, beside its own fields.
    await takeStep(page, "draft_plan", { option: "education", deadline: "2026-03-31" }, "plan_drafted");
    const drafted = (await (await page.request.get(`${base}api/facilities/${createdId}`)).json()) as {
      deadline: string | null;
      option: string;
    };
    expect([drafted.option, drafted.deadline]).toEqual(["education", "2026-03-31"]);
    await expect(page.locator("[data-testid=history] > li").count()).resolves.toBe(3);
    await page.screenshot({ path: join(artifacts, "14-editor-plan-drafted.png") });
    await ctx.close();
  }, 120_000);

  it("lets the appraiser and the approver finish the chain in their own sessions", async () => {
    expect(createdId).toBeGreaterThan(0);
    const appraiser = await context();
    const a = await open(appraiser, `?facility=${createdId}`);
    await login(a, "e2e-appraiser");
    await a.waitForSelector("[data-testid=transition-appraise]");
    await expect(a.locator("[data-testid=edit]").count()).resolves.toBe(0);
    await takeStep(a, "appraise", { note: "Đồng ý phương án (e2e)" }, "appraised");
    await a.screenshot({ path: join(artifacts, "15-appraised.png") });
    await appraiser.close();

    const approver = await context();
    const b = await open(approver, `?facility=${createdId}`);
    await login(b, "e2e-approver");
    await takeStep(b, "approve", {}, "approved");
    await takeStep(b, "decide", { decision_no: "123/QĐ-UBND", decision_date: "2025-09-15" }, "decided");
    await expect(b.textContent("[data-testid=history]")).resolves.toMatch(/123\/QĐ-UBND/);
    await b.locator("[data-testid=history]").scrollIntoViewIfNeeded();
    await b.screenshot({ path: join(artifacts, "16-decided-history.png") });
    await approver.close();
  }, 120_000);

  it("shows the second of two editors the conflict, and re-applies their edit on top", async () => {
    const first = await context();
    const second = await context();
    const a = await open(first, `?facility=${createdId}`);
    const b = await open(second, `?facility=${createdId}`);
    await login(a, "e2e-editor");
    await login(b, "e2e-editor-b");
    await a.click("[data-testid=edit]");
    await b.click("[data-testid=edit]");
    // Decided by now: its deadline moves with a step only, so the edit form does not offer it.
    await expect(a.locator("[data-testid=edit-form] [name=deadline]").count()).resolves.toBe(0);
    await expect(a.locator("[data-testid=edit-form] [name=current_use]").count()).resolves.toBe(1);
    await a.fill("[data-testid=edit-form] [name=name]", "Trụ sở cũ Hoàn Kiếm — tên mới (e2e)");
    await a.click("[data-testid=save]");
    await a.waitForSelector("[data-testid=facility-panel][data-mode=view][data-state=ready]");
    await b.fill("[data-testid=edit-form] [name=managing_unit]", "Trung tâm Phát triển quỹ đất Hà Nội");
    await b.click("[data-testid=save]");
    await b.waitForSelector("[data-testid=conflict]");
    await expect(b.locator("[data-testid=conflict] tr[data-field=name]").count()).resolves.toBe(1);
    await expect(b.locator("[data-testid=conflict] tr[data-field=managing_unit]").count()).resolves.toBe(1);
    await b.screenshot({ path: join(artifacts, "17-conflict.png") });
    await b.click("[data-testid=reapply]");
    await b.waitForSelector("[data-testid=facility-panel][data-mode=view][data-state=ready]");
    await expect(b.textContent("[data-testid=facility-name]")).resolves.toBe(
      "Trụ sở cũ Hoàn Kiếm — tên mới (e2e)",
    );
    await expect(b.textContent("dd[data-field=managing_unit]")).resolves.toBe(
      "Trung tâm Phát triển quỹ đất Hà Nội",
    );
    await first.close();
    await second.close();
  }, 120_000);

  it("says when the session has ended, keeps the edit, and saves it after a new login", async () => {
    const ctx = await context();
    const page = await open(ctx, `?facility=${createdId}`);
    await login(page, "e2e-editor");
    await page.click("[data-testid=edit]");
    const unit = `Ban quản lý dự án ${Date.now()} (e2e)`;
    await page.fill("[data-testid=edit-form] [name=managing_unit]", unit);
    // The session ends on the server while the page stays open (a logout in another tab).
    expect((await page.request.post(`${base}api/logout`)).status()).toBe(200);
    await page.click("[data-testid=save]");
    await page.waitForSelector("[data-testid=login]");
    await expect(page.locator("[data-testid=who]").count()).resolves.toBe(0);
    await expect(page.textContent(".login-box .error")).resolves.toMatch(/hết hạn/);
    await expect(page.inputValue("[data-testid=edit-form] [name=managing_unit]")).resolves.toBe(unit);
    await page.screenshot({ path: join(artifacts, "17b-session-ended.png") });
    await page.fill("[data-testid=login] input[name=username]", "e2e-editor");
    await page.fill("[data-testid=login] input[name=password]", PASSWORD);
    await page.click("[data-testid=login] button[type=submit]");
    await page.waitForSelector("[data-testid=who]");
    await page.click("[data-testid=save]");
    await page.waitForSelector("[data-testid=facility-panel][data-mode=view][data-state=ready]");
    await expect(page.textContent("dd[data-field=managing_unit]")).resolves.toBe(unit);
    await ctx.close();
  }, 120_000);

  it("gives an editor of another province no edit buttons, and the API refuses them", async () => {
    const ctx = await context();
    const page = await open(ctx, `?facility=${createdId}`);
    await login(page, "e2e-editor-51");
    await page.waitForSelector("[data-testid=facility-panel][data-state=ready]");
    await expect(page.locator("[data-testid=edit]").count()).resolves.toBe(0);
    await expect(page.locator("[data-testid^=transition-]").count()).resolves.toBe(0);
    await page.screenshot({ path: join(artifacts, "18-other-province-editor.png") });
    const version = await page.getAttribute("[data-testid=facility-panel]", "data-version");
    const patch = await page.request.patch(`${base}api/facilities/${createdId}`, {
      headers: { "if-match": `"${version}"` },
      data: { name: "not mine" },
    });
    expect(patch.status()).toBe(403);
    const step = await page.request.post(`${base}api/facilities/${createdId}/transitions`, {
      headers: { "if-match": `"${version}"` },
      data: { action: "execute" },
    });
    expect(step.status()).toBe(403);

    // A point in another province is refused where it is clicked, and placing goes on.
    await page.click("[data-testid=create]");
    const at = await pixel(page, HOAN_KIEM.lat + 0.001, HOAN_KIEM.lng - 0.002);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() =>
      /Quảng Ngãi/.test(document.getElementById("register-hint")?.textContent ?? ""),
    );
    await expect(page.textContent("#register-hint")).resolves.toMatch(/Điểm này thuộc Thành phố Hà Nội/);
    await expect(page.locator("[data-testid=create-form]").count()).resolves.toBe(0);
    await expect(page.locator(".placing").count()).resolves.toBe(1);
    await ctx.close();
  }, 60_000);

  it("holds a shared link's issue filter for an anonymous visitor, says so, and applies it after a login", async () => {
    const ctx = await context();
    const refused: string[] = [];
    ctx.on("response", (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    const page = await open(ctx, "?flag=disputed&province=01");
    await expect(page.textContent("[data-testid=held-flags]")).resolves.toMatch(/đăng nhập/);
    const all = (await (await page.request.get(`${base}api/points?province=01`)).json()) as { id: number[] };
    await expect(countIn(page, "facility-count")).resolves.toBe(all.id.length);
    expect(refused).toEqual([]);
    await login(page, "e2e-editor");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("flag") === "disputed");
    const disputed = (await (
      await page.request.get(`${base}api/points?province=01&flag=disputed`)
    ).json()) as {
      id: number[];
    };
    expect(disputed.id.length).toBeLessThan(all.id.length);
    await page.waitForFunction(
      (n) =>
        document.querySelector("[data-testid=facility-count]")?.textContent?.replace(/\D/g, "") === String(n),
      disputed.id.length,
    );
    await expect(page.locator("[data-testid=held-flags]").count()).resolves.toBe(0);
    // Signed in, the list sorts by deadline, as the API does, and each row says the commune and the stage.
    await page.click("[data-testid=facility-list] summary");
    await page.selectOption("[data-testid=list-sort]", "deadline");
    const served = (
      (await (
        await page.request.get(`${base}api/facilities?province=01&flag=disputed&sort=deadline&limit=50`)
      ).json()) as { items: { id: number }[] }
    ).items.map((f) => String(f.id));
    // The list shows the served order once its first row is the served first one.
    const listedFirst = () =>
      page.waitForFunction(
        (first) =>
          document.querySelector("[data-testid=facility-list] li button")?.getAttribute("data-id") === first,
        served[0],
      );
    await listedFirst();
    const listed = await page
      .locator("[data-testid=facility-list] li button.link")
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-id")));
    expect(listed).toEqual(served);
    await expect(
      page.locator("[data-testid=facility-list] li .facts").first().textContent(),
    ).resolves.toMatch(/Phường|Xã/);
    await page.locator("[data-testid=facility-list] li").nth(3).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "26-list-by-deadline.png") });
    // The order is in the page's link: the page loaded again lists in it.
    await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "deadline");
    await page.reload();
    await page.waitForSelector("[data-testid=who]");
    await page.click("[data-testid=facility-list] summary");
    await expect(page.inputValue("[data-testid=list-sort]")).resolves.toBe("deadline");
    await listedFirst();
    await ctx.close();
  }, 60_000);

  it("moves the map to the province or commune chosen in the filters, and to a linked province", async () => {
    const ctx = await context();
    const page = await open(ctx, "?z=6&lat=16&lng=106");
    await page.selectOption("[data-testid=filter-province]", "79");
    // Hồ Chí Minh City of today, out to Côn Đảo: its centre (Sài Gòn) and its islands in view, closer.
    await page.waitForFunction(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      const bounds = map.getBounds();
      return map.getZoom() >= 8 && bounds.contains([10.776, 106.7]) && bounds.contains([8.68, 106.6]);
    });
    await page.selectOption("[data-testid=filter-commune]", "26740"); // Phường Sài Gòn
    // The ward fills the map, once the flight is over.
    await page.waitForFunction(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      return map.getZoom() >= 13 && map.getBounds().contains([10.776, 106.7]);
    });
    await page.close();
    // Quảng Ngãi of today, with Kon Tum: both towns in view, closer than the country.
    const linked = await open(ctx, "?province=51");
    const shown = await linked.evaluate(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      const bounds = map.getBounds();
      return {
        zoom: map.getZoom(),
        both: bounds.contains([15.12, 108.8]) && bounds.contains([14.35, 108.0]),
      };
    });
    expect(shown).toEqual({ zoom: expect.any(Number), both: true });
    expect(shown.zoom).toBeGreaterThanOrEqual(7);
    // A link from before the merger: Hà Nam (35) is shown as Ninh Bình of today (37), and said so.
    const former = await open(ctx, "?province=35");
    await former.waitForSelector("[data-testid=former-province]");
    await expect(former.textContent("[data-testid=former-province]")).resolves.toMatch(/Hà Nam.*Ninh Bình/);
    expect(new URL(former.url()).searchParams.get("province")).toBe("37");
    await expect(former.inputValue("[data-testid=filter-province]")).resolves.toBe("37");
    await ctx.close();
  }, 60_000);

  it("exports rows that match the filter, and a drawn selection", async () => {
    const ctx = await context();
    const page = await open(ctx, "?z=11&lat=21.03&lng=105.8");
    await page.selectOption("[data-testid=filter-province]", "01");
    await page.click("details[data-group=stage] summary");
    await page.check("[data-testid=filter-stage-decided]");
    await page.waitForURL(/stage=decided/);
    await page.waitForFunction(
      () => !document.querySelector("[data-testid=facility-filters]")?.hasAttribute("data-loading"),
    );
    const count = await countIn(page, "facility-count");
    expect(count).toBeGreaterThan(0);
    const href = (await page.getAttribute("[data-testid=export-csv]", "href")) as string;
    expect(href).toMatch(/province=01/);
    const csv = await (await page.request.get(new URL(href, base).toString())).text();
    const rows = parseCsv(csv);
    const header = rows[0] as string[];
    const data = rows.slice(1).filter((r) => r.length > 1);
    expect(data.length).toBe(count);
    for (const row of data) {
      expect(row[header.indexOf("province_code")]).toBe("01");
      expect(row[header.indexOf("stage")]).toBe("decided");
    }
    const ids = new Set(data.map((r) => Number(r[header.indexOf("id")])));

    // A rectangle around central Hà Nội; its export has exactly the selected facilities.
    await setView(page, 21.03, 105.83, 12);
    await page.click("[data-testid=select-rectangle]");
    const from = await pixel(page, 21.06, 105.78);
    const to = await pixel(page, 21.0, 105.88);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector("[data-testid=selection-count]");
    const selected = await countIn(page, "selection-count");
    expect(selected).toBeGreaterThan(0);
    const download = page.waitForEvent("download");
    await page.click("[data-testid=export-selection-csv]");
    const file = await (await download).path();
    const { readFileSync } = await import("node:fs");
    const picked = parseCsv(readFileSync(file, "utf8"));
    const pickedRows = picked.slice(1).filter((r) => r.length > 1);
    expect(pickedRows.length).toBe(selected);
    for (const row of pickedRows) {
      const id = Number(row[(picked[0] as string[]).indexOf("id")]);
      expect(ids.has(id)).toBe(true);
      const lat = Number(row[(picked[0] as string[]).indexOf("lat")]);
      expect(lat).toBeGreaterThanOrEqual(20.99);
      expect(lat).toBeLessThanOrEqual(21.07);
    }
    await page.screenshot({ path: join(artifacts, "19-filter-and-selection.png") });

    // A polygon (a triangle over the same area), exported as GeoJSON: the features are the selection.
    await page.click("[data-testid=selection-clear]");
    await page.click("[data-testid=select-polygon]");
    const corners = [
      await pixel(page, 21.07, 105.77),
      await pixel(page, 21.07, 105.9),
      await pixel(page, 20.98, 105.84),
    ];
    for (const corner of corners.slice(0, 2)) await page.mouse.click(corner.x, corner.y);
    await page.mouse.dblclick((corners[2] as { x: number }).x, (corners[2] as { y: number }).y);
    await page.waitForSelector("[data-testid=selection-count]");
    const inPolygon = await countIn(page, "selection-count");
    expect(inPolygon).toBeGreaterThan(0);
    await expect(page.locator("[data-testid=unit-panel]").isVisible()).resolves.toBe(false);
    const geojsonDownload = page.waitForEvent("download");
    await page.click("[data-testid=export-selection-geojson]");
    const collection = JSON.parse(readFileSync(await (await geojsonDownload).path(), "utf8")) as {
      features: { properties: { stage: string; province_code: string } }[];
    };
    expect(collection.features.length).toBe(inPolygon);
    for (const f of collection.features)
      expect([f.properties.stage, f.properties.province_code]).toEqual(["decided", "01"]);
    await page.screenshot({ path: join(artifacts, "25-polygon-selection.png") });
    await ctx.close();
  }, 120_000);

  it("creates a facility from an address, converted to today's units, and shows a bad import's row errors", async () => {
    const ctx = await context();
    const page = await open(ctx);
    await login(page, "e2e-editor");
    await page.click("[data-testid=create-address]");
    // An address of a ward merged before 2025 reads once the units since 2004 are fetched.
    await page.fill("[data-testid=create-form] [name=address]", "Số 5 Lê Lợi, Phường 11, Quận 10, TP.HCM");
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid=address-preview]")?.textContent ===
        "→ Số 5 Lê Lợi, Phường Vườn Lài, Thành phố Hồ Chí Minh",
      null,
      { timeout: 15_000 },
    );
    await page.fill("[data-testid=create-form] [name=address]", "12 Hàng Bạc, P. Hàng Bạc, Q. Hoàn Kiếm, HN");
    await expect(page.textContent("[data-testid=address-preview]")).resolves.toBe(
      "→ 12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
    );
    await page.fill("[data-testid=create-form] [name=external_id]", `E2E-ADDR-${Date.now()}`);
    await page.fill("[data-testid=create-form] [name=name]", "Nhà văn hóa phường Hàng Bạc cũ (e2e)");
    await page.click("[data-testid=create-submit]");
    await page.waitForSelector("[data-testid=facility-panel][data-stage=inventory][data-state=ready]");
    await expect(page.textContent("dd[data-field=address_new]")).resolves.toMatch(
      /Phường Hoàn Kiếm, Thành phố Hà Nội/,
    );
    // It has no point: the count line says how many facilities are listed but cannot be drawn.
    await page.waitForSelector("[data-testid=facility-without-point]");
    const points = (await (await page.request.get(`${base}api/points`)).json()) as { without_point: number };
    expect(points.without_point).toBeGreaterThanOrEqual(1);
    await expect(page.textContent("[data-testid=facility-without-point]")).resolves.toBe(
      String(points.without_point),
    );
    // Its link opens the map on the commune its address names.
    const linked = await open(ctx, `?facility=${new URL(page.url()).searchParams.get("facility")}`);
    await linked.waitForSelector("[data-testid=facility-panel][data-state=ready]");
    await linked.waitForFunction(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      return map.getZoom() >= 13 && map.getBounds().contains([21.0285, 105.852]);
    });
    await linked.close();

    await page.click("[data-testid=import]");
    await page.waitForSelector("[data-testid=import-dialog]");
    const template = await (await page.request.get(`${base}api/import/template.csv`)).text();
    const header = (parseCsv(template)[0] as string[]).join(",");
    const width = header.split(",").length;
    const blank = (values: Record<number, string>) =>
      Array.from({ length: width }, (_, i) => `"${(values[i] ?? "").replace(/"/g, '""')}"`).join(",");
    const columns = header.split(",");
    const col = (name: string) => columns.indexOf(name);
    const bad = [
      header,
      blank({
        [col("external_id")]: "BAD-1",
        [col("name")]: "",
        [col("address")]: "Phường Phúc Xá, Ba Đình, Hà Nội",
      }),
      blank({
        [col("external_id")]: "BAD-2",
        [col("name")]: "Nhà văn hóa cũ",
        [col("lng")]: "105.85",
        [col("lat")]: "21.03",
        [col("land_area_m2")]: "lots",
      }),
    ].join("\n");
    await page.setInputFiles("[data-testid=import-file]", {
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(bad),
    });
    await page.click("[data-testid=import-submit]");
    await page.waitForSelector("[data-testid=import-errors] tbody tr");
    const errors = await page.locator("[data-testid=import-errors] tbody tr").evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("td"), (td) => td.textContent)
          .slice(0, 2)
          .join(" "),
      ),
    );
    expect(errors).toContain("2 name");
    expect(errors).toContain("3 land_area_m2");
    await page.screenshot({ path: join(artifacts, "20-import-errors.png") });
    await ctx.close();
  }, 60_000);

  it("works in English on a phone-sized screen, by keyboard", async () => {
    const ctx = await context({ width: 390, height: 844 });
    const page = await open(ctx, "?lang=en&province=01&overdue=1");
    await expect(page.locator("[data-testid=facility-filters]").isVisible()).resolves.toBe(true);
    await expect(page.textContent("[data-testid=count-line]")).resolves.toMatch(/facilities on the map/);
    await page.click("[data-testid=facility-list] summary");
    await page.waitForSelector("[data-testid=facility-list] li button");
    await page.focus("[data-testid=facility-list] li button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=facility-panel][data-state=ready]");
    // An overdue facility says why; a visitor does not see its deadline, so either reason may hold.
    await expect(page.textContent("[data-testid=overdue-why]")).resolves.toBe(
      "Overdue: past its own deadline, or no decision by 31/12/2025 (dispatch 213/CĐ-TTg)",
    );
    const box = await page.locator("[data-testid=facility-panel]").boundingBox();
    expect(box && box.width <= 390).toBe(true);
    // Its point shows in the part of the map above the bottom sheet.
    const id = new URL(page.url()).searchParams.get("facility");
    const facility = (await (await page.request.get(`${base}api/facilities/${id}`)).json()) as {
      lng: number;
      lat: number;
    };
    const at = await pixel(page, facility.lat, facility.lng);
    const map = await page.locator("#map").boundingBox();
    expect(at.y).toBeGreaterThan(map?.y ?? 0);
    expect(at.y).toBeLessThan(box?.y ?? 0);
    expect(at.x).toBeGreaterThan(0);
    expect(at.x).toBeLessThan(390);
    await page.screenshot({ path: join(artifacts, "21-phone-english.png") });
    await ctx.close();
  }, 60_000);

  it("shows an administrator the audit log, newest first, with the server's check of its hash chain", async () => {
    const ctx = await context();
    const page = await open(ctx);
    await expect(page.locator("[data-testid=audit-open]").count()).resolves.toBe(0);
    await login(page, "e2e-admin");
    await page.click("[data-testid=audit-open]");
    await page.waitForSelector("[data-testid=audit-verify][data-ok=true]");
    const check = (await (await page.request.get(`${base}api/audit/verify`)).json()) as { entries: number };
    const ids = async () =>
      page
        .locator("[data-testid=audit-table] tbody tr")
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-id"))));
    await page.waitForSelector("[data-testid=audit-table] tbody tr");
    const first = await ids();
    // The newest entry is the administrator's own sign-in, at the head of the chain.
    expect(first[0]).toBe(check.entries);
    expect(first).toEqual([...first].sort((a, b) => b - a));
    await expect(
      page.getAttribute("[data-testid=audit-table] tbody tr:first-child", "data-action"),
    ).resolves.toBe("login");
    await expect(page.textContent("[data-testid=audit-table] tbody tr:first-child")).resolves.toContain(
      "e2e-admin",
    );
    if (check.entries > first.length) {
      await page.click("[data-testid=audit-older]");
      await page.waitForFunction(
        (n) => document.querySelectorAll("[data-testid=audit-table] tbody tr").length > n,
        first.length,
      );
      const more = await ids();
      expect(more.slice(first.length)[0]).toBe((first.at(-1) as number) - 1);
    }
    await page.screenshot({ path: join(artifacts, "27-audit-log.png") });
    // Anyone else has no such button, and the API refuses them the log.
    expect((await page.request.get(`${base}api/audit`)).status()).toBe(200);
    const other = await context();
    const editor = await open(other);
    await login(editor, "e2e-editor");
    await expect(editor.locator("[data-testid=audit-open]").count()).resolves.toBe(0);
    expect((await editor.request.get(`${base}api/audit`)).status()).toBe(403);
    await other.close();
    await ctx.close();
  }, 60_000);

  it("on a phone, adding a facility closes the filters' sheet so that the map can be tapped", async () => {
    const ctx = await context({ width: 390, height: 844 });
    const page = await open(ctx, "?province=01");
    await login(page, "e2e-editor");
    const filters = page.locator("[data-testid=facility-filters]");
    if (!(await filters.isVisible())) await page.click("[data-testid=filters-toggle]");
    await page.click("[data-testid=create]");
    await expect(filters.isVisible()).resolves.toBe(false);
    await expect(page.locator("#register-hint").isVisible()).resolves.toBe(true);
    await ctx.close();
  }, 60_000);
});

describe("dashboard", () => {
  it("shows the figures of /api/stats for the same day, quickly", async () => {
    const ctx = await context({ width: 1280, height: 1800 });
    const page = await ctx.newPage();
    // The server reads the event history into memory on the first figures it is asked for.
    const warm = Date.now();
    await page.request.get(`${base}api/stats?date=2025-07-01`);
    const firstStatsMs = Date.now() - warm;
    const started = Date.now();
    await page.goto(`${base}dashboard?date=2025-12-26`);
    await page.waitForFunction(() => document.body.dataset.ready === "1", null, {
      polling: "raf",
      timeout: 60_000,
    });
    const renderMs = Date.now() - started;
    const stats = (await (await page.request.get(`${base}api/stats?date=2025-12-26`)).json()) as Record<
      string,
      unknown
    >;
    // Counts grouped and the share written as Vietnamese writes numbers ("31.509", "28,7 %").
    for (const key of ["total", "handled", "pending"]) {
      await expect(page.textContent(`[data-testid=stat-${key}]`)).resolves.toBe(
        Number(stats[key]).toLocaleString("vi-VN"),
      );
    }
    await expect(page.textContent("#stat-share")).resolves.toMatch(/^ \d+,\d\u00a0%$/);
    // The banner comes with /api/meta, which the figures do not wait for.
    await page.waitForSelector("[data-testid=dashboard] [data-testid=synthetic]", { state: "visible" });
    await expect(page.locator("[data-testid=province-table] tbody tr").count()).resolves.toBe(34);
    // The table sorts by a column on a click (and by keyboard: its headers are buttons).
    await page.click("[data-testid=province-table] button[data-sort=overdue]");
    const overdue = await page.locator("[data-testid=province-table] td[data-col=overdue]").allTextContents();
    const numbers = overdue.map((v) => Number(v.replace(/\D/g, "")));
    expect(numbers).toEqual([...numbers].sort((x, y) => y - x));
    // The ranked table downloads as CSV (and XLSX), row for row, the country's figures last, the
    // share rounded to a tenth.
    const csvDownload = page.waitForEvent("download");
    await page.click("[data-testid=table-csv]");
    const { readFileSync } = await import("node:fs");
    const table = parseCsv(readFileSync(await (await csvDownload).path(), "utf8")).filter(
      (r) => r.length > 1,
    );
    expect(table.length).toBe(36);
    expect(table.at(-1)?.slice(1, 3)).toEqual(["Cả nước", String(stats.total)]);
    for (const row of table.slice(1)) expect(row[6]).toMatch(/^\d+(\.\d)?$/);
    // What "overdue" counts, beside its figure: it may pass "pending".
    await expect(page.textContent("#h-overdue")).resolves.toMatch(/kể cả cơ sở đã có quyết định/);
    const inside = await page.evaluate(() => {
      const element = document.getElementById("h-overdue") as HTMLElement;
      const note = element.getBoundingClientRect();
      const card = (element.closest(".card") as HTMLElement).getBoundingClientRect();
      return note.top >= card.top && note.bottom <= card.bottom && note.left >= card.left;
    });
    expect(inside).toBe(true);
    const xlsxDownload = page.waitForEvent("download");
    await page.click("[data-testid=table-xlsx]");
    const xlsx = readFileSync(await (await xlsxDownload).path());
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    await page.waitForSelector("body[data-series='1']", { timeout: 120_000 });
    await page.screenshot({ path: join(artifacts, "22-dashboard.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(artifacts, "23-dashboard-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // One province, the same day.
    const province = await ctx.newPage();
    await province.goto(`${base}dashboard?date=2025-12-26&province=51`);
    await province.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
    const figures = (stats.by_province as Record<string, Record<string, number>>)["51"] as Record<
      string,
      number
    >;
    for (const key of ["total", "handled", "pending"]) {
      await expect(province.textContent(`[data-testid=stat-${key}]`)).resolves.toBe(
        Number(figures[key]).toLocaleString("vi-VN"),
      );
    }
    // A day that does not exist shows today's figures, and says which day they are of.
    for (const day of ["2025-09-31", "2025-13-45"]) {
      const impossible = await ctx.newPage();
      const errors: string[] = [];
      impossible.on("pageerror", (error) => errors.push(error.message));
      await impossible.goto(`${base}dashboard?date=${day}`);
      await impossible.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
      await expect(impossible.inputValue("#dash-date")).resolves.not.toBe(day);
      await expect(impossible.textContent("[data-testid=stat-total]")).resolves.toMatch(/\d/);
      await expect(impossible.textContent("#dash-status")).resolves.toContain(`Không có ngày ${day}`);
      expect(errors, day).toEqual([]);
      await impossible.close();
    }
    // An old province's code (Hà Nam, 35, from a bookmark) shows the province it went into, and says
    // so; a code that never was a province shows the country.
    const old = await ctx.newPage();
    const oldErrors: string[] = [];
    old.on("pageerror", (error) => oldErrors.push(error.message));
    old.on("console", (message) => {
      if (message.type() === "error") oldErrors.push(message.text());
    });
    // No request for the old code's figures (it answered 422).
    old.on("response", (response) => {
      if (response.status() >= 400) oldErrors.push(`${response.status()} ${response.url()}`);
    });
    await old.goto(`${base}dashboard?date=2025-12-26&province=35`);
    await old.waitForSelector("body[data-ready='1'][data-series='1']", { timeout: 60_000 });
    expect(new URL(old.url()).searchParams.get("province")).toBe("37");
    await expect(old.textContent("#dash-status")).resolves.toBe(
      "Mã 35 là của Tỉnh Hà Nam cũ, nay thuộc Tỉnh Ninh Bình: đang hiển thị Tỉnh Ninh Bình.",
    );
    const ninhBinh = (stats.by_province as Record<string, Record<string, number>>)["37"] as Record<
      string,
      number
    >;
    await expect(old.textContent("[data-testid=stat-total]")).resolves.toBe(
      Number(ninhBinh.total).toLocaleString("vi-VN"),
    );
    await expect(old.getAttribute("a.brand", "href")).resolves.toBe("./?province=37");
    await old.goto(`${base}dashboard?date=2025-12-26&province=35&lang=en`);
    await old.waitForSelector("body[data-ready='1'][data-series='1']", { timeout: 60_000 });
    await expect(old.textContent("#dash-status")).resolves.toBe(
      "Code 35 was Ha Nam Province, now part of Ninh Binh Province: showing Ninh Binh Province.",
    );
    await old.goto(`${base}dashboard?date=2025-12-26&province=99&lang=en`);
    await old.waitForSelector("body[data-ready='1'][data-series='1']", { timeout: 60_000 });
    await expect(old.textContent("#dash-status")).resolves.toMatch(/no province with code 99/);
    await expect(old.textContent("[data-testid=stat-total]")).resolves.toBe(
      Number(stats.total).toLocaleString("en-GB"),
    );
    expect(oldErrors).toEqual([]);
    await old.close();
    // English, on a phone.
    const phone = await context({ width: 390, height: 844 });
    const small = await phone.newPage();
    await small.goto(`${base}dashboard?date=2025-12-26&lang=en`);
    await small.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
    await expect(small.textContent("h1")).resolves.toMatch(/Progress/);
    // Province names in English too: the choice, the table and the map's tooltips, today's names as
    // the map gives them (the dataset's English name of Hà Nội changed with the 2026-07-25 edition).
    await expect(small.textContent("#dash-province option[value='01']")).resolves.toBe("Hanoi City");
    await expect(small.textContent("[data-testid=province-table]")).resolves.toMatch(/Lam Dong Province/);
    await expect(small.textContent("[data-testid=province-table]")).resolves.not.toMatch(/Tỉnh Lâm Đồng/);
    // The bars lie down on a phone, a line for each province's name.
    const barsHeight = await small.$eval("#bars", (c) => c.getBoundingClientRect().height);
    expect(barsHeight).toBeGreaterThan(34 * 18);
    await small.screenshot({ path: join(artifacts, "24-dashboard-phone-english.png"), fullPage: true });
    await phone.close();
    metrics.dashboard = {
      renderMs,
      readyAfterNavigationMs: Number(await page.getAttribute("body", "data-ready-at")),
      serverFirstStatsMs: firstStatsMs,
    };
    await ctx.close();
  }, 240_000);
});

/** CSV as the exports write it (quoted fields, an optional BOM), an empty line as one empty field. */
function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, record_delimiter: ["\r\n", "\n"] });
}
