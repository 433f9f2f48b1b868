/**
 * The map in a real browser (Debian's chromium driven by playwright-core): built, served with gzip,
 * and used as a person would. Screenshots and measured figures go to test/artifacts/.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMapApp } from "./build-app.ts";

const root = join(import.meta.dirname, "../..");
const app = join(root, "packages/map-app");
const artifacts = join(root, "test/artifacts");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

let server: ChildProcess;
let base = "";
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`no browser at ${chromiumPath}: install Debian's chromium or set CHROMIUM_PATH`);
  mkdirSync(artifacts, { recursive: true });
  await buildMapApp();
  server = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "scripts/serve.ts"], {
    cwd: app,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1" },
  });
  base = await new Promise<string>((resolve, reject) => {
    server.stdout?.on("data", (chunk: Buffer) => {
      const match = /http:\/\/\S+/.exec(chunk.toString());
      if (match) resolve(match[0]);
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

async function open(path = "", viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto(base + path);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
  return page;
}

async function searchAndChoose(page: Page, text: string, pick: RegExp): Promise<void> {
  await page.fill("[data-testid=search]", text);
  await page.locator("[data-testid=search-result]", { hasText: pick }).first().click();
  await page.waitForSelector("[data-testid=unit-panel]:not([hidden])");
}

describe("map app", () => {
  it("loads, and reports its first-view figures", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const client = await page.context().newCDPSession(page);
    await client.send("Network.enable");
    let transferred = 0;
    client.on("Network.loadingFinished", (event: { encodedDataLength: number }) => {
      transferred += event.encodedDataLength;
    });
    const started = Date.now();
    await page.goto(base);
    await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
    const interactiveMs = Date.now() - started;
    const bytesBeforeInteraction = transferred;
    await page.screenshot({ path: join(artifacts, "01-first-view.png") });

    // Pan across a whole province (Hà Nội at zoom 11) and time the frames.
    const frames = await page.evaluate(async () => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      map.setView([21.03, 105.55], 11, { animate: false });
      await new Promise((r) => setTimeout(r, 1500));
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 40; i++) {
        map.panBy([12, 0], { animate: false });
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { median: times[20], p95: times[38], worst: times[39] };
    });
    const metrics = { interactiveMs, bytesBeforeInteraction, panFrameMs: frames };
    writeFileSync(join(artifacts, "map-metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
    console.log("map figures:", JSON.stringify(metrics));
    expect(bytesBeforeInteraction).toBeGreaterThan(0);
    await page.close();
  }, 90_000);

  it("finds Phúc Xá and shows that it went into Phường Hồng Hà", async () => {
    const page = await open();
    await searchAndChoose(page, "Phúc Xá", /Phúc Xá/);
    const panel = page.locator("[data-testid=unit-panel]");
    await expect(panel.textContent()).resolves.toMatch(/Phường Hồng Hà/);
    await expect(panel.textContent()).resolves.toMatch(/1656\/NQ-UBTVQH15, Điều 1, khoản 14/);
    await page.screenshot({ path: join(artifacts, "02-search-phuc-xa.png") });
    await page.close();
  }, 60_000);

  it("shows every new commune of a split old ward", async () => {
    const page = await open();
    await searchAndChoose(page, "cong vi", /Cống Vị/);
    const names = await page.locator("[data-testid=unit-panel] .links button").allTextContents();
    expect(names.sort()).toEqual(["Phường Giảng Võ", "Phường Ngọc Hà"]);
    await page.screenshot({ path: join(artifacts, "03-split-cong-vi.png") });
    await page.close();
  }, 60_000);

  it("selects the commune under a click", async () => {
    const page = await open("?z=14&lat=21.0287&lng=105.8524");
    const point = await page.evaluate(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      const p = map.latLngToContainerPoint([21.0287, 105.8524]);
      const box = map.getContainer().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector("[data-testid=unit-panel]:not([hidden])");
    await expect(page.locator("[data-testid=unit-panel] h2").textContent()).resolves.toBe("Phường Hoàn Kiếm");
    expect(page.url()).toMatch(/unit=00070/);
    await page.screenshot({ path: join(artifacts, "04-click-hoan-kiem.png") });
    await page.close();
  }, 60_000);

  it("switches the old boundaries on and off", async () => {
    const page = await open("?z=9&lat=21.0&lng=105.8");
    const loaded = page.waitForResponse((r) => r.url().endsWith("pre2025.topo.json"));
    await page.check("[data-testid=old-overlay]");
    await loaded;
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/old=1/);
    await page.screenshot({ path: join(artifacts, "05-old-overlay-on.png") });
    await page.uncheck("[data-testid=old-overlay]");
    expect(page.url()).not.toMatch(/old=1/);
    await page.close();
  }, 60_000);

  it("switches the language", async () => {
    const page = await open("?unit=00097");
    await expect(page.locator("[data-testid=unit-panel]").textContent()).resolves.toMatch(/Hình thành từ/);
    await page.click("[data-testid=lang]");
    await expect(page.locator("[data-testid=unit-panel]").textContent()).resolves.toMatch(/Formed from/);
    await expect(page.getAttribute("[data-testid=search]", "placeholder")).resolves.toMatch(/Search/);
    expect(page.url()).toMatch(/lang=en/);
    await page.screenshot({ path: join(artifacts, "06-english.png") });
    await page.close();
  }, 60_000);

  it("restores the view and the selection from the URL, and back and forward work", async () => {
    const page = await open("?unit=00025&z=14&lat=21.02&lng=105.82&lang=en&color=split");
    await expect(page.locator("[data-testid=unit-panel] h2").textContent()).resolves.toBe("Phường Giảng Võ");
    await expect(page.inputValue("[data-testid=color-mode]")).resolves.toBe("split");
    const view = await page.evaluate(() => {
      const map = (window as unknown as { diagioiMap: import("leaflet").Map }).diagioiMap;
      return { zoom: map.getZoom(), ...map.getCenter() };
    });
    expect(view.zoom).toBe(14);
    expect(view.lat).toBeCloseTo(21.02, 2);
    await searchAndChoose(page, "Phúc Xá", /Phúc Xá/);
    await expect(page.locator("[data-testid=unit-panel] h2").textContent()).resolves.toBe("Phường Phúc Xá");
    await page.goBack();
    await page.waitForFunction(
      () => document.querySelector("[data-testid=unit-panel] h2")?.textContent === "Phường Giảng Võ",
    );
    await page.goForward();
    await page.waitForFunction(
      () => document.querySelector("[data-testid=unit-panel] h2")?.textContent === "Phường Phúc Xá",
    );
    await page.screenshot({ path: join(artifacts, "07-url-restored.png") });
    await page.close();
  }, 60_000);

  it("is usable by keyboard and on a phone-sized screen", async () => {
    const page = await open("", { width: 390, height: 844 });
    await page.focus("[data-testid=search]");
    await page.keyboard.type("hoan kiem");
    await page.waitForSelector("[data-testid=search-result]");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=unit-panel]:not([hidden])");
    const panel = await page.locator("[data-testid=unit-panel]").boundingBox();
    expect(panel && panel.width <= 390).toBe(true);
    await page.screenshot({ path: join(artifacts, "08-phone-keyboard.png") });
    await page.keyboard.press("Escape");
    await page.close();
  }, 60_000);
});

describe("address page", () => {
  it("converts addresses in the browser, fetching only the provinces they name", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    page.on("pageerror", (error) => {
      throw error;
    });
    const slices: string[] = [];
    page.on("request", (request) => {
      const match = /data\/slices\/(.+)$/.exec(request.url());
      if (match?.[1]) slices.push(match[1]);
    });
    await page.goto(`${base}convert.html`);
    await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
    expect(slices.sort()).toEqual(["provinces.lineage.csv", "provinces.units.csv"]);

    await page.fill("[data-testid=address]", "12 Hàng Bạc, P. Hàng Bạc, Q. Hoàn Kiếm, HN");
    await page.press("[data-testid=address]", "Enter");
    await page.waitForSelector("[data-testid=result][data-status]");
    expect(await page.textContent("[data-testid=result] [data-role=address]")).toBe(
      "12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
    );
    expect(slices.filter((f) => !f.startsWith("provinces")).sort()).toEqual([
      "01.lineage.csv",
      "01.units.csv",
    ]);

    // A split ward: every new ward it went into, and no other province fetched.
    await page.fill("[data-testid=address]", "Phường Cống Vị, Quận Ba Đình, Hà Nội");
    await page.press("[data-testid=address]", "Enter");
    await page.waitForSelector("[data-testid=result][data-status=ambiguous]");
    expect(await page.locator("[data-testid=result] [data-role=candidate]").count()).toBe(2);
    expect(slices).toHaveLength(4);
    expect(await page.textContent("[data-testid=loaded]")).toMatch(/1 \/ 34/);
    await page.screenshot({ path: join(artifacts, "09-convert-page.png") });
    await page.close();
  }, 60_000);
});
