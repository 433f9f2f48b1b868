/** The register's rules, without a database: reading values, the workflow table, figures of a day, emptied seats. */
import {
  addDays,
  availableTransitions,
  categoryOf,
  checkTransition,
  emptiedSeats,
  endOfDay,
  FIELDS,
  type FieldName,
  fieldsRequiredAt,
  HistoryIndex,
  isOverdue,
  OPTION_CATEGORY,
  OPTIONS,
  parseBoolean,
  parseDate,
  parseFieldText,
  parseNumber,
  random,
  STAGES,
  statesAsOf,
  summarize,
  validateRecord,
  WORKFLOW,
} from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";
import { describe, expect, it } from "vitest";

describe("reading values written by people", () => {
  it("reads numbers in Vietnamese and English writing, and rejects what could be either", () => {
    const read = (s: string) => {
      const r = parseNumber(s);
      return r.ok ? r.value : "rejected";
    };
    expect(
      ["1.234,5", "1,234.5", "12,5", "12.5", "1.234.567", "1,234,567", "4520", "-3,25", "0,125"].map(read),
    ).toEqual([1234.5, 1234.5, 12.5, 12.5, 1234567, 1234567, 4520, -3.25, 0.125]);
    expect(["1.234", "1,234", "12.34.5", "1,2,3", "abc", "1.234,5,6", ""].map(read)).toEqual(
      Array(7).fill("rejected"),
    );
    // Below a small maximum the grouped reading is impossible: a longitude of 105.831 degrees.
    const degrees = (s: string) => {
      const r = parseNumber(s, 180);
      return r.ok ? r.value : "rejected";
    };
    expect(["105.831", "-105,831", "21.028", "1.234", "1.234,5"].map(degrees)).toEqual([
      105.831, -105.831, 21.028, 1.234, 1234.5,
    ]);
  });

  it("reads dates as YYYY-MM-DD or DD/MM/YYYY, and only days of the calendar", () => {
    expect(parseDate("05/07/2025")).toEqual({ ok: true, value: "2025-07-05" });
    expect(parseDate("5-7-2025")).toEqual({ ok: true, value: "2025-07-05" });
    expect(parseDate("2025-12-31")).toEqual({ ok: true, value: "2025-12-31" });
    for (const bad of ["31/02/2025", "2025-13-01", "07/2025", "tomorrow", "29/02/2025"])
      expect(parseDate(bad).ok, bad).toBe(false);
    expect(parseDate("29/02/2024").ok).toBe(true);
  });

  it("reads yes and no in English and Vietnamese, with or without diacritics", () => {
    for (const yes of ["yes", "Có", "co", "TRUE", "1", "x"])
      expect(parseBoolean(yes)).toEqual({ ok: true, value: true });
    for (const no of ["no", "không", "khong", "false", "0"])
      expect(parseBoolean(no)).toEqual({ ok: true, value: false });
    expect(parseBoolean("maybe").ok).toBe(false);
  });
});

describe("closed sets written by their labels", () => {
  it("reads every value of a labelled field from its code, its Vietnamese or its English label, in any case", () => {
    let labelled = 0;
    for (const [field, spec] of Object.entries(FIELDS)) {
      if (spec.type.kind !== "enum" || !spec.type.labels) continue;
      labelled++;
      for (const { value, vi, en } of spec.type.labels)
        for (const written of [value, vi, en, vi.toLocaleUpperCase("vi"), ` ${en.toLowerCase()} `])
          expect(parseFieldText(field as FieldName, written), `${field}: ${written}`).toEqual({
            ok: true,
            value,
          });
    }
    // Level, owner, asset type, condition, option and stage.
    expect(labelled).toBe(6);
    const refused = parseFieldText("condition", "Rất tốt");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message_vi).toContain("good (Tốt)");
  });
});

describe("the workflow table", () => {
  const editor = { id: 1, role: "editor" as const, province_code: "01" };
  const approver = { id: 2, role: "approver" as const, province_code: "01" };
  const otherApprover = { id: 3, role: "approver" as const, province_code: "51" };

  it("has one row per (from, action, role), only roles that act, and stages of the closed set", () => {
    const keys = WORKFLOW.map((t) => `${t.from}:${t.action}:${t.role}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of WORKFLOW) {
      expect(STAGES.has(t.from) && STAGES.has(t.to)).toBe(true);
      expect(["editor", "appraiser", "approver"]).toContain(t.role);
    }
    expect(WORKFLOW.filter((t) => t.from === "done" || t.from === "withdrawn")).toEqual([]);
  });

  it("refuses by stage (422), by role or province (403), by missing fields (422)", () => {
    const f = { stage: "approved" as const, province_code: "01" };
    expect(checkTransition(f, { action: "hand_over", fields: {} }, editor, null)).toMatchObject({
      ok: false,
      refusal: { status: 422, code: "transition_not_allowed" },
    });
    expect(checkTransition(f, { action: "decide", fields: {} }, editor, null)).toMatchObject({
      ok: false,
      refusal: { status: 403 },
    });
    expect(checkTransition(f, { action: "decide", fields: {} }, otherApprover, null)).toMatchObject({
      ok: false,
      refusal: { status: 403 },
    });
    expect(
      checkTransition(f, { action: "decide", fields: { decision_no: "1" } }, approver, null),
    ).toMatchObject({
      ok: false,
      refusal: { status: 422, code: "missing_fields", fields: ["decision_date"] },
    });
    expect(
      checkTransition(
        f,
        { action: "decide", fields: { decision_no: "1", decision_date: "2025-09-01" } },
        approver,
        null,
      ),
    ).toMatchObject({ ok: true, transition: { to: "decided" } });
    expect(
      checkTransition(
        f,
        { action: "decide", fields: { decision_no: "1", decision_date: "2025-09-01" } },
        approver,
        approver.id,
      ),
    ).toMatchObject({ ok: false, refusal: { status: 403 } });
    expect(availableTransitions(f, approver, approver.id).map((t) => t.action)).toEqual([
      "send_back",
      "withdraw",
    ]);
  });

  it("requires at each stage the fields of every step on the way", () => {
    expect(fieldsRequiredAt("inventory")).toEqual([]);
    expect(fieldsRequiredAt("plan_drafted")).toEqual(["minutes_no", "minutes_date", "option"]);
    expect(fieldsRequiredAt("done")).toEqual([
      "minutes_no",
      "minutes_date",
      "option",
      "decision_no",
      "decision_date",
      "completed_date",
    ]);
    expect(
      validateRecord({ external_id: "a", name: "b", lng: 105, lat: 21, stage: "decided" }).map(
        (e) => e.field,
      ),
    ).toEqual(["minutes_no", "minutes_date", "option", "decision_no", "decision_date"]);
    expect(validateRecord({ external_id: "a", name: "b", lng: 105 }).map((e) => e.field)).toEqual(["lat"]);
  });
});

describe("figures of a day", () => {
  it("maps every option to one Ministry of Finance category, and counts as handled only decided facilities", () => {
    for (const option of OPTIONS.values) expect(OPTION_CATEGORY[option]).toBeTruthy();
    expect(categoryOf("approved", "health")).toBe("pending");
    expect(categoryOf("decided", "health")).toBe("health");
    expect(categoryOf("done", "land_fund")).toBe("land_fund_housing");
    expect(categoryOf("executing", "commune_police")).toBe("other_public");
  });

  it("ends a day at midnight in Vietnam, and finds overdue facilities by their own or the national deadline", () => {
    expect(endOfDay("2025-12-26")).toBe("2025-12-26T17:00:00.000Z");
    expect(isOverdue("plan_drafted", null, "2025-12-31")).toBe(false);
    expect(isOverdue("plan_drafted", null, "2026-01-01")).toBe(true);
    expect(isOverdue("decided", null, "2026-06-01")).toBe(false);
    expect(isOverdue("executing", "2026-03-01", "2026-03-02")).toBe(true);
    expect(isOverdue("done", "2026-03-01", "2026-06-01")).toBe(false);
    // Its own later deadline does not lift the national one from a facility without a decision.
    expect(isOverdue("handed_over", "2026-12-31", "2026-01-02")).toBe(true);
    expect(isOverdue("handed_over", "2026-12-31", "2025-12-30")).toBe(false);
    expect(isOverdue("decided", "2026-12-31", "2026-01-02")).toBe(false);
  });

  it("takes each facility's last event before the end of the day, and leaves withdrawn ones out", () => {
    const e = (
      facility_id: number,
      version: number,
      at: string,
      stage: string,
      option: string | null = null,
    ) =>
      ({
        facility_id,
        version,
        at,
        province_code: facility_id < 3 ? "01" : "51",
        stage,
        option,
        deadline: null,
      }) as Parameters<typeof statesAsOf>[0] extends Iterable<infer T> ? T : never;
    const events = [
      e(1, 1, "2025-07-01T02:00:00.000Z", "inventory"),
      e(1, 2, "2025-09-30T16:59:00.000Z", "decided", "sale"),
      e(2, 1, "2025-07-01T02:00:00.000Z", "inventory"),
      e(2, 2, "2025-09-30T17:00:00.000Z", "decided", "health"),
      e(3, 1, "2025-07-01T02:00:00.000Z", "inventory"),
      e(3, 2, "2025-08-01T02:00:00.000Z", "withdrawn"),
    ];
    const stats = summarize("2025-09-30", statesAsOf(events, "2025-09-30"));
    expect(stats).toMatchObject({ total: 2, handled: 1, pending: 1, by_category: { other: 1, pending: 1 } });
    expect(Object.keys(stats.by_province)).toEqual(["01"]);
  });
});

describe("the compact history", () => {
  it("gives the same states of a day as the plain pass over the events, for the country and one province", () => {
    const next = random(42);
    const events: Parameters<typeof statesAsOf>[0] extends Iterable<infer T> ? T[] : never = [];
    for (let f = 1; f <= 2000; f++) {
      const steps = 1 + Math.floor(next() * 6);
      let day = Date.parse("2025-07-01T02:00:00Z") + Math.floor(next() * 60) * 86_400_000;
      for (let v = 1; v <= steps; v++) {
        day += Math.floor(next() * 40) * 86_400_000 + 60_000;
        const stage = STAGES.values[
          Math.min(v - 1 + Math.floor(next() * 2), STAGES.values.length - 1)
        ] as (typeof STAGES.values)[number];
        events.push({
          facility_id: f,
          version: v,
          at: new Date(day).toISOString(),
          province_code: f % 3 === 0 ? "01" : f % 3 === 1 ? "51" : "79",
          stage,
          option:
            v > 2
              ? (OPTIONS.values[
                  Math.floor(next() * OPTIONS.values.length)
                ] as (typeof OPTIONS.values)[number])
              : null,
          deadline: next() < 0.5 ? new Date(day + 90 * 86_400_000).toISOString().slice(0, 10) : null,
        });
      }
    }
    const index = new HistoryIndex();
    index.add([...events].reverse());
    const sorted = (rows: ReturnType<typeof statesAsOf>) => summarize("x", rows);
    for (const date of ["2025-07-15", "2025-09-30", "2025-12-31", "2026-02-01", "2026-12-31"]) {
      expect(sorted(index.statesAsOf(date))).toEqual(sorted(statesAsOf(events, date)));
      expect(sorted(index.statesAsOf(date, "51"))).toEqual(
        sorted(
          statesAsOf(
            events.filter((e) => e.province_code === "51"),
            date,
          ),
        ),
      );
    }
    expect(index.statesAsOf("2025-09-30", "99")).toEqual([]);
    const days = ["2026-02-01", "2025-07-15", "2025-12-31"];
    const many = index.statesAsOfMany(days, "79");
    for (const [k, day] of days.entries()) {
      expect(sorted(many[k] ?? [])).toEqual(sorted(index.statesAsOf(day, "79")));
    }
    // A weekly series of the country, across the national decision deadline and the facilities' own.
    const weeks = Array.from({ length: 60 }, (_, w) => addDays("2025-07-01", 7 * w));
    const series = index.statesAsOfMany(weeks);
    for (const [k, day] of weeks.entries()) {
      expect(sorted(series[k] ?? []), day).toEqual(sorted(statesAsOf(events, day)));
    }
    expect(series.some((rows) => rows.some((r) => r.overdue))).toBe(true);
  });
});

describe("the seats the merger emptied", () => {
  it("lists 29 provinces that lost their capital, every abolished district, and every commune whose code no new commune took", () => {
    const { units, lineage } = loadDiagioi({ boundaries: false });
    const seats = emptiedSeats(units, lineage);
    const count = (level: string) => seats.filter((s) => s.level === level).length;
    expect(count("province")).toBe(63 - 34);
    expect(count("district")).toBe(696);
    const communes = seats.filter((s) => s.level === "commune");
    for (const seat of communes) {
      const unit = units.byCode(seat.code, { level: "commune", date: "2025-06-30" });
      expect(unit && lineage.successorsOf(unit).some((l) => l.newCode === seat.code)).toBe(false);
    }
    expect(communes.length).toBeGreaterThan(10_035 - 3_321 - 100);
    expect(seats.every((s) => s.new_province_codes.length > 0)).toBe(true);
  });
});
