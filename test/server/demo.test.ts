/** The demo register on both databases: reported totals, figures of any day equal to the event history's, filters equal to core's rules. */
import {
  categoryOf,
  type DisposalOption,
  emptiedSeats,
  isOverdue,
  type Stage,
  statesAsOf,
  summarize,
  vietnamDay,
} from "@diagioi/core";
import { seedDemo } from "@diagioi/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, diagioi, type Harness, openHarness } from "./harness.ts";

describeEachDatabase("demo register", (kind) => {
  let h: Harness;
  let seeded: { facilities: number; events: number };

  beforeAll(async () => {
    h = await openHarness(kind);
    seeded = await seedDemo(h.database.db, diagioi());
  }, 180_000);
  afterAll(() => h.close());

  const stats = async (query: string) =>
    (await (await h.api("GET", `/api/stats?${query}`)).json()) as ReturnType<typeof summarize>;

  it("follows the reported national totals and backlogs", async () => {
    expect(seeded.facilities).toBe(31_509);
    const september = await stats("date=2025-09-30");
    expect([september.total, september.handled, september.pending]).toEqual([27_809, 14_050, 13_759]);
    const december = await stats("date=2025-12-26");
    expect([december.total, december.handled]).toEqual([25_143, 19_658]);
    const backlog = Object.fromEntries(
      ["51", "68", "82", "24"].map((p) => [p, december.by_province[p]?.pending]),
    );
    expect(backlog).toEqual({ "51": 791, "68": 514, "82": 440, "24": 413 });
    const others = Object.entries(december.by_province).filter(([p]) => !(p in backlog));
    expect(Math.max(...others.map(([, f]) => f.pending))).toBeLessThan(413);
    const january = await stats("date=2026-01-31");
    expect(Object.values(january.by_province).filter((f) => f.pending === 0)).toHaveLength(30);
    const meta = (await (await h.api("GET", "/api/meta")).json()) as {
      register: { synthetic: boolean; label: string };
    };
    expect(meta.register.synthetic).toBe(true);
    expect(meta.register.label).toMatch(/synthetic/);
  });

  it("stats of any day equal the figures recomputed from every event", async () => {
    const events = await h.database.db
      .selectFrom("events")
      .select(["facility_id", "version", "at", "province_code", "stage", "option", "deadline"])
      .execute();
    const typed = events.map((e) => ({
      ...e,
      stage: e.stage as Stage,
      option: e.option as DisposalOption | null,
    }));
    for (const date of ["2025-07-01", "2025-08-15", "2025-09-30", "2025-12-26", "2026-03-01", "2026-06-30"]) {
      expect(await stats(`date=${date}`)).toEqual(summarize(date, statesAsOf(typed, date)));
    }
    const series = (await (
      await h.api("GET", "/api/stats/series?from=2025-07-01&to=2026-06-30&province=01")
    ).json()) as {
      items: { date: string; total: number; handled: number; overdue: number }[];
    };
    expect(series.items).toHaveLength(53);
    // A range that is no whole number of weeks still ends on its last day.
    const short = (await (
      await h.api("GET", "/api/stats/series?from=2025-07-01&to=2025-07-20&province=01")
    ).json()) as { items: { date: string }[] };
    expect(short.items.map((i) => i.date)).toEqual(["2025-07-01", "2025-07-08", "2025-07-15", "2025-07-20"]);
    for (const point of [series.items[0], series.items[20], series.items[52]]) {
      const day = await stats(`date=${point?.date}&province=01`);
      expect(point).toMatchObject({ total: day.total, handled: day.handled, overdue: day.overdue });
    }
    const hanoi = summarize(
      "2025-11-11",
      statesAsOf(
        typed.filter((e) => e.province_code === "01"),
        "2025-11-11",
      ),
    );
    expect(await stats("date=2025-11-11&province=01")).toEqual(hanoi);
  });

  it("the overdue and category filters agree with core's rules", async () => {
    const all = await h.database.db
      .selectFrom("facilities")
      .select(["id", "stage", "option", "deadline"])
      .execute();
    const today = vietnamDay();
    const overdue = all.filter((f) => isOverdue(f.stage as Stage, f.deadline, today)).length;
    const listed = (await (await h.api("GET", "/api/points?overdue=1")).json()) as {
      id: number[];
      total: number;
      without_point: number;
    };
    expect(listed.id).toHaveLength(overdue);
    expect(listed.total).toBe(overdue + listed.without_point);
    // overdue=0 is the rest, with no facility in both.
    const rest = (await (await h.api("GET", "/api/points?overdue=0")).json()) as {
      id: number[];
      total: number;
    };
    expect(rest.total + listed.total).toBe(all.length);
    const late = new Set(listed.id);
    expect(rest.id.filter((id) => late.has(id))).toEqual([]);
    for (const category of ["pending", "land_fund_housing", "office", "other"]) {
      const expected = all.filter(
        (f) =>
          categoryOf(f.stage as Stage, f.option as DisposalOption | null) === category &&
          f.stage !== "withdrawn",
      ).length;
      const r = await h.api(
        "GET",
        `/api/points?category=${category}&stage=inventory,handed_over,plan_drafted,appraised,approved,decided,executing,done`,
      );
      expect(((await r.json()) as { id: number[] }).id.length, category).toBe(expected);
    }
  });

  it("lists the seats the merger emptied, those without a facility first", async () => {
    const r = (await (await h.api("GET", "/api/coverage")).json()) as {
      seats: {
        code: string;
        level: string;
        facility_count: number;
        facilities: { id: number; name: string; stage: string }[];
      }[];
      without_facility: number;
    };
    const seats = emptiedSeats(diagioi().units, diagioi().lineage);
    expect(r.seats).toHaveLength(seats.length);
    expect(r.without_facility).toBeGreaterThan(0);
    expect(r.seats.slice(0, r.without_facility).every((s) => s.facilities.length === 0)).toBe(true);
    expect(r.seats.slice(r.without_facility).every((s) => s.facilities.length > 0)).toBe(true);
    expect(r.seats.every((s) => s.facility_count === s.facilities.length)).toBe(true);
    // Each listed facility is registered for that seat.
    const seat = r.seats[r.without_facility] as (typeof r.seats)[number];
    const viewer = await h.user("coverage-viewer", "viewer", null);
    for (const listed of seat.facilities.slice(0, 3)) {
      const f = await (await h.api("GET", `/api/facilities/${listed.id}`, { as: viewer })).json();
      expect(f).toMatchObject({
        name: listed.name,
        stage: listed.stage,
        origin_unit_code: seat.code,
        origin_unit_level: seat.level,
      });
    }
    const quangNgai = (await (await h.api("GET", "/api/coverage?province=51")).json()) as {
      seats: { level: string }[];
    };
    expect(quangNgai.seats.filter((s) => s.level === "province")).toHaveLength(1); // Kon Tum lost its capital
  });

  it("exports what the filter selects, as CSV, XLSX and RFC 7946 GeoJSON", async () => {
    const filter = "province=51&stage=decided";
    const points = ((await (await h.api("GET", `/api/points?${filter}`)).json()) as { id: number[] }).id;
    const geo = (await (await h.api("GET", `/api/export.geojson?${filter}`)).json()) as {
      type: string;
      features: {
        id: number;
        geometry: { type: string; coordinates: number[] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(geo.type).toBe("FeatureCollection");
    expect(geo.features.map((f) => f.id)).toEqual(points);
    expect(
      geo.features.every((f) => f.properties.stage === "decided" && f.properties.province_code === "51"),
    ).toBe(true);
    const [lng, lat] = geo.features[0]?.geometry.coordinates ?? [];
    expect(lng).toBeGreaterThan(107);
    expect(lat).toBeLessThan(16);
    const csv = await (await h.api("GET", `/api/export.csv?${filter}`)).text();
    expect(csv.trim().split("\n")).toHaveLength(points.length + 1);
    const xlsx = await h.api("GET", `/api/export.xlsx?${filter}`);
    expect(xlsx.headers.get("content-type")).toMatch(/spreadsheetml/);
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it("says in every export which facilities are overdue, as the list's filter selects them", async () => {
    const overdue = (
      (await (await h.api("GET", "/api/points?province=51&overdue=1")).json()) as { id: number[] }
    ).id;
    expect(overdue.length).toBeGreaterThan(0);
    const geo = (await (await h.api("GET", "/api/export.geojson?province=51")).json()) as {
      features: { id: number; properties: Record<string, unknown> }[];
    };
    expect(geo.features.filter((f) => f.properties.overdue === true).map((f) => f.id)).toEqual(overdue);
    expect(geo.features.length).toBeGreaterThan(overdue.length);
    const [header, ...rows] = (await (await h.api("GET", "/api/export.csv?province=51")).text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(header?.split(",").at(-1)).toBe("overdue");
    expect(rows.filter((row) => row.endsWith(",yes"))).toHaveLength(overdue.length);
  });
});
