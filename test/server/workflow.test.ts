/** Every workflow edge through the API, allowed and refused; optimistic locking under 50 concurrent writers. */
import { gunzipSync } from "node:zlib";
import {
  ACTION_LABELS,
  ACTIONS,
  type Action,
  fieldLabel,
  fieldsSetBy,
  STAGES,
  type Stage,
  WORKFLOW,
} from "@diagioi/core";
import { setRole } from "@diagioi/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, HANOI, type Harness, openHarness, type TestUser } from "./harness.ts";

const FIELDS: Record<string, unknown> = {
  minutes_no: "5/BB-BG",
  minutes_date: "2025-07-05",
  option: "education",
  decision_no: "77/QĐ-UBND",
  decision_date: "2025-10-01",
  completed_date: "2026-01-15",
  note: "lý do",
};

/** The values of FIELDS that a step sets, and the note. */
function fieldsOf(action: string): Record<string, unknown> {
  const own = new Set(WORKFLOW.filter((t) => t.action === action).flatMap(fieldsSetBy));
  const fields = Object.fromEntries(
    Object.entries(FIELDS).filter(([field]) => own.has(field as never) || field === "note"),
  );
  // A revision is a new decision, with a number of its own.
  return action === "revise" ? { ...fields, decision_no: "78/QĐ-UBND" } : fields;
}

/** The main path's actions, and how to reach withdrawn. */
const PATH: Action[] = ["hand_over", "draft_plan", "appraise", "approve", "decide", "execute", "complete"];

describeEachDatabase("workflow", (kind) => {
  let h: Harness;
  let byRole: Record<"editor" | "appraiser" | "approver" | "viewer", TestUser>;
  let seq = 0;

  beforeAll(async () => {
    h = await openHarness(kind);
    byRole = {
      editor: await h.user("wf-editor", "editor", "01"),
      appraiser: await h.user("wf-appraiser", "appraiser", "01"),
      approver: await h.user("wf-approver", "approver", "01"),
      viewer: await h.user("wf-viewer", "viewer", "01"),
    };
  });
  afterAll(() => h.close());

  async function take(
    f: { id: number; version: number },
    action: string,
    who: TestUser,
    body: Record<string, unknown>,
  ) {
    return h.api("POST", `/api/facilities/${f.id}/transitions`, {
      as: who,
      body: { action, ...body },
      headers: { "if-match": `"${f.version}"` },
    });
  }

  /** A new facility moved along the main path (or withdrawn) to `stage`. */
  async function at(stage: Stage): Promise<{ id: number; version: number; stage: string }> {
    const r = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: { external_id: `wf-${++seq}`, name: `Cơ sở ${seq}`, ...HANOI },
    });
    let f = (await r.json()) as { id: number; version: number; stage: string };
    const actions =
      stage === "withdrawn" ? (["withdraw"] as Action[]) : PATH.slice(0, STAGES.values.indexOf(stage));
    for (const action of actions) {
      const row = WORKFLOW.find((t) => t.action === action && t.from === f.stage);
      if (!row) throw new Error(`no ${action} from ${f.stage}`);
      const res = await take(f, action, byRole[row.role], fieldsOf(action));
      expect(res.status).toBe(200);
      f = (await res.json()) as typeof f;
    }
    expect(f.stage).toBe(stage);
    return f;
  }

  for (const stage of STAGES.values) {
    it(`from ${stage}: each allowed step works with its fields and is refused without them; every other action is refused`, async () => {
      for (const action of ACTIONS) {
        const rows = WORKFLOW.filter((t) => t.from === stage && t.action === action);
        if (rows.length === 0) {
          const f = await at(stage);
          const r = await take(f, action, byRole.approver, fieldsOf(action));
          expect(r.status, `${action} from ${stage}`).toBe(422);
          const { error } = (await r.json()) as { error: { code: string; message_vi: string } };
          expect(error.code).toBe("transition_not_allowed");
          // In Vietnamese, the step and the stage by their labels, not their codes.
          expect(error.message_vi).toBe(
            `Không thể "${ACTION_LABELS[action].vi}" khi đang ở bước "${STAGES.label(stage)}"`,
          );
          continue;
        }
        for (const row of rows) {
          const f = await at(stage);
          if (row.required.length > 0) {
            const missing = await take(f, action, byRole[row.role], {});
            expect(missing.status, `${action} from ${stage} without fields`).toBe(422);
            const body = (await missing.json()) as {
              error: {
                code: string;
                details: { fields: { field: string; code: string; message_vi: string }[] };
              };
            };
            expect(body.error.code).toBe("missing_fields");
            for (const f of body.error.details.fields)
              expect(f.message_vi).toBe(
                `"${ACTION_LABELS[action].vi}" cần ${fieldLabel(f.field)} (${f.field})`,
              );
            expect(body.error.details.fields.map((f) => f.field).sort()).toEqual([...row.required].sort());
            expect(new Set(body.error.details.fields.map((f) => f.code))).toEqual(new Set(["required"]));
          }
          const wrongRole = (["editor", "appraiser", "approver", "viewer"] as const).find(
            (r) => r !== row.role,
          ) as "editor";
          expect(
            (await take(f, action, byRole[wrongRole], fieldsOf(action))).status,
            `${action} by ${wrongRole}`,
          ).toBe(403);
          const ok = await take(f, action, byRole[row.role], fieldsOf(action));
          expect(ok.status, `${action} from ${stage}`).toBe(200);
          const after = (await ok.json()) as { stage: string; version: number };
          expect(after.stage).toBe(row.to);
          expect(after.version).toBe(f.version + 1);
        }
      }
    });
  }

  it("a refusal for another province names both provinces and the role, in English and Vietnamese", async () => {
    const r = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: { external_id: "elsewhere-1", name: "Kho cũ", lng: 108.8004, lat: 15.1214 },
    });
    expect(r.status).toBe(403);
    const { error } = (await r.json()) as { error: { message: string; message_vi: string } };
    expect(error.message_vi).toContain("Tỉnh Quảng Ngãi (51)");
    expect(error.message_vi).toContain("Thành phố Hà Nội (01)");
    expect(error.message).toContain("Quang Ngai Province (51)");
    expect(error.message).toContain("Hanoi City (01)");
    expect(error.message).toMatch(/Editor/);
    expect(error.message_vi).toMatch(/Cán bộ cập nhật/);
  });

  it("the map's points and the figures follow each write at once, plain and gzip-encoded alike", async () => {
    type Points = { id: number[]; stage: number[]; stages: string[] };
    const points = async (gzip: boolean): Promise<Points> => {
      const r = await h.api("GET", "/api/points?province=01", {
        headers: gzip ? { "accept-encoding": "gzip" } : {},
      });
      expect(r.status).toBe(200);
      if (!gzip) return (await r.json()) as Points;
      expect(r.headers.get("content-encoding")).toBe("gzip");
      return JSON.parse(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()) as Points;
    };
    const stageOf = (p: Points, id: number) => p.stages[p.stage[p.id.indexOf(id)] as number];
    const figures = async () =>
      (await (await h.api("GET", "/api/stats?province=01")).json()) as { total: number; handled: number };
    const before = await points(true);
    const counted = await figures();
    const f = await at("inventory");
    expect((await figures()).total).toBe(counted.total + 1);
    for (const gzip of [true, false]) expect(stageOf(await points(gzip), f.id)).toBe("inventory");
    expect((await points(true)).id).toHaveLength(before.id.length + 1);
    expect((await take(f, "hand_over", byRole.editor, fieldsOf("hand_over"))).status).toBe(200);
    for (const gzip of [true, false]) expect(stageOf(await points(gzip), f.id)).toBe("handed_over");
    await at("decided");
    const after = await figures();
    expect([after.total, after.handled]).toEqual([counted.total + 2, counted.handled + 1]);
  });

  it("each category's filter counts what the figures count: withdrawn facilities are in none", async () => {
    await at("withdrawn");
    await at("inventory");
    await at("decided");
    const stats = (await (await h.api("GET", "/api/stats?province=01")).json()) as {
      by_category: Record<string, number>;
    };
    for (const [category, count] of Object.entries(stats.by_category)) {
      const r = await h.api("GET", `/api/points?province=01&category=${category}`);
      expect(((await r.json()) as { id: number[] }).id.length, category).toBe(count);
    }
    expect(stats.by_category.pending).toBeGreaterThan(0);
  });

  it("a revision is not dated before the decision it replaces; a deadline before the handover is kept, overdue", async () => {
    const f = await at("decided");
    const early = await take(f, "revise", byRole.approver, {
      option: "sale",
      decision_no: "81/QĐ-UBND",
      decision_date: "2025-09-30",
      note: "ghi lùi ngày",
    });
    expect(early.status).toBe(422);
    const body = (await early.json()) as { error: { details: { fields: { field: string }[] } } };
    expect(body.error.details.fields.map((e) => e.field)).toEqual(["decision_date"]);
    // Nor does it bear the number of the decision it replaces, however spaced or cased.
    const replaced = (await (
      await h.api("GET", `/api/facilities/${f.id}`, { as: byRole.viewer })
    ).json()) as {
      decision_no: string;
      decision_date: string;
    };
    const same = await take(f, "revise", byRole.approver, {
      option: "sale",
      decision_no: ` ${replaced.decision_no.toLowerCase()}`,
      decision_date: replaced.decision_date,
      note: "cùng số",
    });
    expect(same.status).toBe(422);
    const sameBody = (await same.json()) as { error: { details: { fields: { field: string }[] } } };
    expect(sameBody.error.details.fields.map((e) => e.field)).toEqual(["decision_no"]);
    // A deadline before the handover is a late facility's, not an error: it stays overdue.
    const approved = await at("approved");
    const decided = await take(approved, "decide", byRole.approver, {
      decision_no: "82/QĐ-UBND",
      decision_date: "2025-10-01",
      deadline: "2025-07-01",
    });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as { overdue: boolean }).overdue).toBe(true);
  });

  it("an edit sets the deadline before a decision, never after: then only a revision moves it", async () => {
    const patch = (f: { id: number; version: number }, deadline: string) =>
      h.api("PATCH", `/api/facilities/${f.id}`, {
        as: byRole.editor,
        body: { deadline },
        headers: { "if-match": `"${f.version}"` },
      });
    const early = await at("handed_over");
    expect((await patch(early, "2026-12-31")).status).toBe(200);
    const decided = await at("decided");
    const moved = await patch(decided, "2030-12-31");
    expect(moved.status).toBe(422);
    const body = (await moved.json()) as { error: { details: { fields: { field: string }[] } } };
    expect(body.error.details.fields.map((e) => e.field)).toEqual(["deadline"]);
    // Nor does carrying out or completing the decision move it.
    const stepped = await take(decided, "execute", byRole.editor, { deadline: "2030-12-31" });
    expect(stepped.status).toBe(422);
    expect(JSON.stringify(await stepped.json())).toMatch(/deadline/);
    const executing = await at("executing");
    const completed = await take(executing, "complete", byRole.editor, {
      ...fieldsOf("complete"),
      deadline: "2030-12-31",
    });
    expect(completed.status).toBe(422);
    const revised = await take(decided, "revise", byRole.approver, {
      option: "sale",
      decision_no: "90/QĐ-UBND",
      decision_date: "2025-11-02",
      deadline: "2030-12-31",
      note: "Gia hạn",
    });
    expect(revised.status).toBe(200);
    expect(((await revised.json()) as { deadline: string }).deadline).toBe("2030-12-31");
  });

  it("a revision after a decision is a new decision with its reason; the history keeps both", async () => {
    const f = await at("decided");
    const r = await take(f, "revise", byRole.approver, {
      option: "sale",
      decision_no: "80/QĐ-UBND",
      decision_date: "2025-11-02",
      note: "Chuyển sang bán đấu giá",
    });
    expect(r.status).toBe(200);
    const history = (await (
      await h.api("GET", `/api/facilities/${f.id}/history`, { as: byRole.viewer })
    ).json()) as {
      items: {
        action: string;
        decision_no: string | null;
        option: string | null;
        note: string | null;
        changes: Record<string, unknown>;
      }[];
    };
    const decisions = history.items.filter((e) => e.action === "decide" || e.action === "revise");
    expect(decisions.map((e) => [e.action, e.decision_no, e.option])).toEqual([
      ["decide", "77/QĐ-UBND", "education"],
      ["revise", "80/QĐ-UBND", "sale"],
    ]);
    expect(decisions[1]?.note).toBe("Chuyển sang bán đấu giá");
    expect(decisions[1]?.changes.option).toEqual(["education", "sale"]);
    // An anonymous reader sees the steps and the public fields (stage, option), not the decisions' numbers.
    const seen = (await (await h.api("GET", `/api/facilities/${f.id}/history`)).json()) as typeof history;
    const revised = seen.items.find((e) => e.action === "revise");
    expect([revised?.option, revised?.decision_no, revised?.note, revised?.changes]).toEqual([
      "sale",
      null,
      null,
      undefined,
    ]);
  });

  it("nobody approves, decides or revises a plan they drafted, even after a change of role", async () => {
    const drafter = await h.user(`drafter-${kind}`, "editor", "01");
    const r = await h.api("POST", "/api/facilities", {
      as: drafter,
      body: { external_id: "sod-1", name: "Cơ sở SoD", ...HANOI },
    });
    let f = (await r.json()) as { id: number; version: number };
    for (const [action, who] of [
      ["hand_over", drafter],
      ["draft_plan", drafter],
      ["appraise", byRole.appraiser],
    ] as const) {
      f = (await (await take(f, action, who, fieldsOf(action))).json()) as typeof f;
    }
    await setRole(h.database.db, drafter.username, "approver", "01");
    const refused = await take(f, "approve", drafter, {});
    expect(refused.status).toBe(403);
    const approved = await take(f, "approve", byRole.approver, {});
    expect(approved.status).toBe(200);
    f = (await approved.json()) as typeof f;
    expect((await take(f, "decide", drafter, fieldsOf("decide"))).status).toBe(403);
    const decided = await take(f, "decide", byRole.approver, fieldsOf("decide"));
    expect(decided.status).toBe(200);
    f = (await decided.json()) as typeof f;
    const revision = { option: "sale", decision_no: "81/QĐ-UBND", decision_date: "2025-11-03", note: "Bán" };
    expect((await take(f, "revise", drafter, revision)).status).toBe(403);
    expect((await take(f, "revise", byRole.approver, revision)).status).toBe(200);
  });

  it("a step changes only its own fields; a field sent as it already is passes", async () => {
    const decided = await at("decided");
    // The editor starting the work may not rewrite the decision or its option.
    const forged = await take(decided, "execute", byRole.editor, {
      decision_no: "FORGED",
      option: "liquidate",
    });
    expect(forged.status).toBe(422);
    const body = (await forged.json()) as {
      error: { code: string; details: { fields: { field: string }[] } };
    };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.fields.map((f) => f.field).sort()).toEqual(["decision_no", "option"]);
    // A client echoing the record's values changes nothing it may not.
    const echoed = await take(decided, "execute", byRole.editor, {
      decision_no: FIELDS.decision_no,
      option: FIELDS.option,
    });
    expect(echoed.status).toBe(200);
    // The reviewers may not rewrite the plan they review.
    const drafted = await at("plan_drafted");
    expect((await take(drafted, "appraise", byRole.appraiser, { option: "sale" })).status).toBe(422);
    const handOver = await at("inventory");
    expect(
      (await take(handOver, "hand_over", byRole.editor, { ...fieldsOf("hand_over"), decision_no: "SNEAK" }))
        .status,
    ).toBe(422);
    const history = (await (await h.api("GET", `/api/facilities/${handOver.id}/history`)).json()) as {
      items: unknown[];
    };
    expect(history.items).toHaveLength(1);
    // A decision sets its deadline.
    const approved = await at("approved");
    const withDeadline = await take(approved, "decide", byRole.approver, {
      ...fieldsOf("decide"),
      deadline: "2026-06-30",
    });
    expect(withDeadline.status).toBe(200);
    expect(((await withDeadline.json()) as { deadline: string }).deadline).toBe("2026-06-30");
  });

  it("a step reports a stale version before the stage it was written against, and a bad value as invalid", async () => {
    const f = await at("inventory");
    expect((await take(f, "hand_over", byRole.editor, fieldsOf("hand_over"))).status).toBe(200);
    // The same step again with the version it was written against: 412 with the record as it now is.
    const again = await take(f, "hand_over", byRole.editor, fieldsOf("hand_over"));
    expect(again.status).toBe(412);
    const stale = (await again.json()) as { error: { details: { current: { stage: string } } } };
    expect(stale.error.details.current.stage).toBe("handed_over");
    // Nobody outside the workflow sees the record through a 412.
    expect((await take(f, "hand_over", byRole.viewer, fieldsOf("hand_over"))).status).toBe(403);
    const handed = await at("handed_over");
    const bogus = await take(handed, "draft_plan", byRole.editor, { option: "bogus" });
    expect(bogus.status).toBe(422);
    const body = (await bogus.json()) as {
      error: { code: string; details: { fields: { field: string }[] } };
    };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.fields[0]?.field).toBe("option");
    // A note is text like the fields: no text-direction override hides what it says.
    const hidden = await take(handed, "draft_plan", byRole.editor, {
      ...fieldsOf("draft_plan"),
      note: "đề xuất \u202Egnàb",
    });
    expect(hidden.status).toBe(422);
    const refused = (await hidden.json()) as typeof body;
    expect(refused.error.details.fields.map((f) => f.field)).toEqual(["note"]);
  });

  it("filters by lists of provinces and communes; exports a facility without a point with a null geometry", async () => {
    const created = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: {
        external_id: `wf-nopoint-${kind}`,
        name: "Nhà văn hóa cũ",
        address: "Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội",
      },
    });
    expect(created.status).toBe(201);
    const f = (await created.json()) as { id: number; commune_code: string; lng: number | null };
    expect(f.lng).toBeNull();
    const pointed = await at("inventory");
    const communes = `${f.commune_code},${((await (await h.api("GET", `/api/facilities/${pointed.id}`)).json()) as { commune_code: string }).commune_code}`;
    const listed = (await (await h.api("GET", `/api/facilities?commune=${communes}&limit=1000`)).json()) as {
      items: { id: number }[];
    };
    expect(listed.items.map((i) => i.id)).toEqual(expect.arrayContaining([f.id, pointed.id]));
    const geo = (await (await h.api("GET", `/api/export.geojson?commune=${communes}`)).json()) as {
      features: { id: number; geometry: unknown }[];
    };
    expect(geo.features.map((x) => x.id).sort()).toEqual(listed.items.map((i) => i.id).sort());
    expect(geo.features.find((x) => x.id === f.id)?.geometry).toBeNull();
    expect((await h.api("GET", "/api/facilities?province=01,51")).status).toBe(200);
    const bad = await h.api("GET", "/api/facilities?province=01,5");
    expect(bad.status).toBe(422);
    // Hà Nam's old code (35, in Ninh Bình since 2025) and a code no province has are refused by name,
    // by the list, the exports, the figures and the coverage alike.
    for (const path of [
      "/api/facilities?province=01,35,99",
      "/api/export.csv?province=35",
      "/api/stats?province=35",
      "/api/stats/series?from=2025-07-01&to=2025-08-01&province=99",
      "/api/coverage?province=35",
    ]) {
      const refused = await h.api("GET", path);
      expect(refused.status, path).toBe(422);
      const error = (
        (await refused.json()) as { error: { message: string; details: { fields: { field: string }[] } } }
      ).error;
      expect(error.message, path).toMatch(/^(35|99|35, 99): not the code of a province of today/);
      expect(error.details.fields.map((f) => f.field)).toEqual(["province"]);
    }
  });

  it("lists by deadline or by last change, page after page, as a whole list so sorted would be", async () => {
    for (const stage of ["inventory", "decided", "withdrawn", "done"] as const) await at(stage);
    const dated: { id: number; version: number; stage: string }[] = [];
    for (const deadline of ["2026-03-01", "2025-12-31", "2026-03-01", "2025-10-01"]) {
      const f = await at("inventory");
      const r = await h.api("PATCH", `/api/facilities/${f.id}`, {
        as: byRole.editor,
        body: { deadline },
        headers: { "if-match": `"${f.version}"` },
      });
      expect(r.status).toBe(200);
      dated.push((await r.json()) as (typeof dated)[number]);
    }
    // The earliest deadline belongs to a facility since withdrawn: closed ones go last, whatever their date.
    const earliest = dated.at(-1);
    if (!earliest) throw new Error("no dated facility");
    expect((await take(earliest, "withdraw", byRole.approver, fieldsOf("withdraw"))).status).toBe(200);
    const all = (
      (await (
        await h.api("GET", "/api/facilities?province=01&limit=1000", { as: byRole.viewer })
      ).json()) as {
        items: { id: number; stage: string; deadline: string | null; updated_at: string }[];
      }
    ).items;
    expect(all.some((f) => f.deadline === null) && all.some((f) => f.deadline !== null)).toBe(true);
    const closed = (f: (typeof all)[number]) => f.stage === "done" || f.stage === "withdrawn";
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
    const open = all.filter((f) => !closed(f));
    const byDeadline = [
      ...open
        .filter((f) => f.deadline !== null)
        .sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? "") || byId(a, b)),
      ...open.filter((f) => f.deadline === null).sort(byId),
      ...all.filter(closed).sort(byId),
    ].map((f) => f.id);
    const byUpdate = [...all]
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id)
      .map((f) => f.id);
    for (const [sort, expected] of [
      ["deadline", byDeadline],
      ["updated", byUpdate],
    ] as const) {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const r = await h.api(
          "GET",
          `/api/facilities?province=01&sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ""}`,
          { as: byRole.viewer },
        );
        expect(r.status).toBe(200);
        const page = (await r.json()) as { items: { id: number }[]; next: string | null };
        ids.push(...page.items.map((f) => f.id));
        cursor = page.next;
      } while (cursor);
      expect(ids, sort).toEqual(expected);
    }
    // A cursor pages the order it came from; an unknown order is refused by name.
    const first = (await (
      await h.api("GET", "/api/facilities?province=01&sort=deadline&limit=2", { as: byRole.viewer })
    ).json()) as { next: string };
    const mixed = await h.api("GET", `/api/facilities?province=01&sort=updated&cursor=${first.next}`, {
      as: byRole.viewer,
    });
    expect(mixed.status).toBe(422);
    expect(((await mixed.json()) as { error: { message: string } }).error.message).toMatch(
      /sorted by deadline/,
    );
    // Without `sort`, a cursor goes on in its own order.
    const second = (await (
      await h.api("GET", `/api/facilities?province=01&limit=2&cursor=${first.next}`, { as: byRole.viewer })
    ).json()) as { items: { id: number }[] };
    expect(second.items.map((f) => f.id)).toEqual(byDeadline.slice(2, 4));
    expect((await h.api("GET", "/api/facilities?sort=name", { as: byRole.viewer })).status).toBe(422);
    // Deadlines are not public: neither is an order by them.
    expect((await h.api("GET", "/api/facilities?sort=deadline")).status).toBe(401);
  });

  it("refuses a date of a thing done that has not come, and an origin unit the dataset does not have on its date", async () => {
    const f = await at("inventory");
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const early = await take(f, "hand_over", byRole.editor, { minutes_no: "1/BB", minutes_date: ahead });
    expect(early.status).toBe(422);
    const fields = ((await early.json()) as { error: { details: { fields: { field: string }[] } } }).error
      .details.fields;
    expect(fields.map((x) => x.field)).toEqual(["minutes_date"]);
    // A deadline lies ahead by nature.
    const patch = (body: Record<string, unknown>, version = f.version) =>
      h.api("PATCH", `/api/facilities/${f.id}`, {
        as: byRole.editor,
        body,
        headers: { "if-match": `"${version}"` },
      });
    const withDeadline = await patch({ deadline: ahead });
    expect(withDeadline.status).toBe(200);
    const version = ((await withDeadline.json()) as { version: number }).version;

    const create = (origin: Record<string, unknown>) =>
      h.api("POST", "/api/facilities", {
        as: byRole.editor,
        body: { external_id: `wf-origin-${++seq}`, name: "Trụ sở cũ", ...HANOI, ...origin },
      });
    const bad = [
      { origin_unit_code: "99999" },
      { origin_unit_code: "001", origin_unit_level: "commune" },
      // Phường Phúc Xá (00001) was a ward until 2025-06-30 and no unit by that code came before 2004.
      { origin_unit_code: "00001", origin_unit_date: "2026-01-01" },
    ];
    for (const origin of bad) {
      const r = await create(origin);
      expect(r.status, JSON.stringify(origin)).toBe(422);
      expect(await r.text()).toContain("origin_unit_code");
    }
    const district = await create({ origin_unit_code: "001" });
    expect(district.status).toBe(201);
    expect(district.headers.get("location")).toMatch(/^\/api\/facilities\/\d+$/);
    expect(await district.json()).toMatchObject({
      origin_unit_code: "001",
      origin_unit_level: "district",
      origin_unit_date: "2025-06-30",
    });
    expect((await patch({ origin_unit_code: "00004" }, version)).status).toBe(200);
    expect((await patch({ origin_unit_code: "00000" }, version + 1)).status).toBe(422);
  });

  it("hands over a facility after its deadline without moving the deadline: it stays overdue", async () => {
    const created = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: { external_id: "wf-late", name: "Cơ sở bàn giao muộn", deadline: "2025-08-01", ...HANOI },
    });
    const f = (await created.json()) as { id: number; version: number };
    const r = await take(f, "hand_over", byRole.editor, { minutes_no: "9/BB", minutes_date: "2025-09-15" });
    expect(r.status).toBe(200);
    const after = (await (await h.api("GET", `/api/facilities/${f.id}`, { as: byRole.editor })).json()) as {
      deadline: string;
      overdue: boolean;
    };
    expect([after.deadline, after.overdue]).toEqual(["2025-08-01", true]);
  });

  it("keeps a facility without a decision overdue after 31/12/2025 whatever later deadline it is given", async () => {
    const created = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: { external_id: "wf-later", name: "Cơ sở hạn riêng muộn", ...HANOI },
    });
    const f = (await created.json()) as { id: number; version: number };
    const later = "2099-12-31";
    const r = await take(f, "hand_over", byRole.editor, {
      minutes_no: "10/BB",
      minutes_date: "2025-09-15",
      deadline: later,
    });
    expect(r.status).toBe(200);
    const after = (await (await h.api("GET", `/api/facilities/${f.id}`, { as: byRole.editor })).json()) as {
      deadline: string;
      overdue: boolean;
    };
    // The tests run after 31/12/2025: no decision yet, so overdue, in the record and in the list's filter.
    expect([after.deadline, after.overdue]).toEqual([later, true]);
    const listed = (await (
      await h.api("GET", "/api/facilities?overdue=1&q=wf-later", { as: byRole.editor })
    ).json()) as { items: { id: number }[] };
    expect(listed.items.map((item) => item.id)).toEqual([f.id]);
  });

  it("writes need If-Match: 428 without it, 412 with a stale one (with the current version), 400 when malformed", async () => {
    const f = await at("inventory");
    const path = `/api/facilities/${f.id}`;
    expect((await h.api("PATCH", path, { as: byRole.editor, body: { current_use: "x" } })).status).toBe(428);
    // Who may not write hears 403 whatever the headers: the role is checked before the version.
    expect((await h.api("PATCH", path, { as: byRole.viewer, body: { current_use: "x" } })).status).toBe(403);
    const step = { action: "hand_over", ...fieldsOf("hand_over") };
    expect((await h.api("POST", `${path}/transitions`, { as: byRole.viewer, body: step })).status).toBe(403);
    expect((await h.api("POST", `${path}/transitions`, { as: byRole.editor, body: step })).status).toBe(428);
    expect(
      (
        await h.api("PATCH", path, {
          as: byRole.editor,
          body: { current_use: "x" },
          headers: { "if-match": "abc" },
        })
      ).status,
    ).toBe(400);
    // The tag is the version as the ETag writes it: "01" names none.
    expect(
      (
        await h.api("PATCH", path, {
          as: byRole.editor,
          body: { current_use: "x" },
          headers: { "if-match": `"0${f.version}"` },
        })
      ).status,
    ).toBe(400);
    // An action the workflow does not know, or none, is a field in error.
    for (const body of [{}, { action: "fly" }]) {
      const r = await h.api("POST", `${path}/transitions`, {
        as: byRole.editor,
        body,
        headers: { "if-match": `"${f.version}"` },
      });
      expect(r.status).toBe(422);
      const error = (
        (await r.json()) as { error: { code: string; details: { fields: { field: string }[] } } }
      ).error;
      expect([error.code, error.details.fields.map((e) => e.field)]).toEqual([
        "validation_failed",
        ["action"],
      ]);
    }
    // A path that names no facility is not there.
    for (const id of ["abc", "0", "-1", "1e3"])
      expect((await h.api("GET", `/api/facilities/${id}`, { as: byRole.viewer })).status).toBe(404);
    // "*" would write over versions the caller never saw.
    const blind = await h.api("PATCH", path, {
      as: byRole.editor,
      body: { current_use: "x" },
      headers: { "if-match": "*" },
    });
    expect(blind.status).toBe(428);
    expect(
      (
        await h.api("PATCH", path, {
          as: byRole.editor,
          body: { current_use: "a" },
          headers: { "if-match": `"${f.version}"` },
        })
      ).status,
    ).toBe(200);
    const stale = await h.api("PATCH", path, {
      as: byRole.editor,
      body: { current_use: "b" },
      headers: { "if-match": `"${f.version}"` },
    });
    expect(stale.status).toBe(412);
    // A list of tags (RFC 9110) matches when the facility stands at any of them (no change: the same
    // version); one bad tag spoils it.
    for (const [tags, status] of [
      [`"${f.version}", W/"${f.version + 1}"`, 200],
      [`"${f.version}", "${f.version + 2}"`, 412],
      [`"${f.version + 2}", "x"`, 400],
    ] as const) {
      const listed = await h.api("PATCH", path, {
        as: byRole.editor,
        body: { current_use: "a" },
        headers: { "if-match": tags },
      });
      expect([tags, listed.status]).toEqual([tags, status]);
    }
    const body = (await stale.json()) as {
      error: { details: { current: { version: number; current_use: string } } };
    };
    expect(body.error.details.current).toMatchObject({ version: f.version + 1, current_use: "a" });
    const get = await h.api("GET", path, { as: byRole.viewer });
    expect(get.headers.get("etag")).toBe(`"${f.version + 1}"`);
    expect((await take(f, "hand_over", byRole.editor, fieldsOf("hand_over"))).status).toBe(412);
  });

  it("PATCH checks every field: unknown fields, wrong types, out-of-range values and workflow fields are refused", async () => {
    const f = await at("inventory");
    const bad = [
      { colour: "red" },
      { land_area_m2: "large" },
      { year_built: 1500 },
      { stage: "done" },
      { option: "sale" },
      { lng: 200 },
      // Half of a surrogate pair is no character: stored, it would be bytes that are not UTF-8.
      { current_use: "\ud800" },
      { name: "Kho \udc00 cũ" },
    ];
    for (const body of bad) {
      const r = await h.api("PATCH", `/api/facilities/${f.id}`, {
        as: byRole.editor,
        body,
        headers: { "if-match": `"${f.version}"` },
      });
      expect(r.status, JSON.stringify(body)).toBe(422);
      const e = (await r.json()) as { error: { details: { fields: { field: string }[] } } };
      expect(e.error.details.fields.length).toBeGreaterThan(0);
    }
    // Thousands of unknown members: the first hundred listed, all counted.
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`field_${i}`, i]));
    const flooded = await h.api("PATCH", `/api/facilities/${f.id}`, {
      as: byRole.editor,
      body: many,
      headers: { "if-match": `"${f.version}"` },
    });
    expect(flooded.status).toBe(422);
    const { details } = (
      (await flooded.json()) as { error: { details: { fields: unknown[]; fields_total: number } } }
    ).error;
    expect([details.fields.length, details.fields_total]).toEqual([100, 5000]);
    // "__proto__" is a member as any other: refused, not dropped while the rest is written.
    const prototype = await h.api("PATCH", `/api/facilities/${f.id}`, {
      as: byRole.editor,
      raw: '{"__proto__": {"stage": "sold"}, "current_use": "y"}',
      headers: { "if-match": `"${f.version}"`, "content-type": "application/json" },
    });
    expect(prototype.status).toBe(422);
    const refused = (await prototype.json()) as { error: { details: { fields: { field: string }[] } } };
    expect(refused.error.details.fields.map((e) => e.field)).toEqual(["__proto__"]);
    for (const raw of ["[]", '"text"', "null"]) {
      const notObject = await h.api("PATCH", `/api/facilities/${f.id}`, {
        as: byRole.editor,
        raw,
        headers: { "if-match": `"${f.version}"`, "content-type": "application/json" },
      });
      expect([raw, notObject.status]).toEqual([raw, 422]);
    }
    const moved = await h.api("PATCH", `/api/facilities/${f.id}`, {
      as: byRole.editor,
      body: { lng: 108.8004, lat: 15.1214 },
      headers: { "if-match": `"${f.version}"` },
    });
    expect(moved.status).toBe(422);
    // A character outside the basic plane is a whole pair, and is kept.
    const pair = await h.api("PATCH", `/api/facilities/${f.id}`, {
      as: byRole.editor,
      body: { current_use: "Kho 𠀧" },
      headers: { "if-match": `"${f.version}"` },
    });
    expect(pair.status).toBe(200);
    expect(((await pair.json()) as { current_use: string }).current_use).toBe("Kho 𠀧");
  });

  it("reports every error of a new or edited record in one answer: a blank name beside a year out of range", async () => {
    const fieldsOf422 = async (r: Response) => {
      expect(r.status).toBe(422);
      return (
        (await r.json()) as { error: { details: { fields: { field: string }[] } } }
      ).error.details.fields
        .map((f) => f.field)
        .sort();
    };
    const created = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: { external_id: "wf-one-round", name: "   ", year_built: 3025, ...HANOI },
    });
    expect(await fieldsOf422(created)).toEqual(["name", "year_built"]);
    // A point that cannot be read is wrong where it is, not also "missing" as an address.
    const point = await h.api("POST", "/api/facilities", {
      as: byRole.editor,
      body: { external_id: "", name: "Trụ sở cũ", lng: 105.85, lat: 91 },
    });
    expect(await fieldsOf422(point)).toEqual(["external_id", "lat"]);
    const f = await at("inventory");
    const edited = await h.api("PATCH", `/api/facilities/${f.id}`, {
      as: byRole.editor,
      body: { name: "", land_area_m2: -5 },
      headers: { "if-match": `"${f.version}"` },
    });
    expect(await fieldsOf422(edited)).toEqual(["land_area_m2", "name"]);
  });

  it("50 concurrent PATCHes with the same If-Match: exactly one succeeds and no update is lost", async () => {
    const f = await at("inventory");
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.api("PATCH", `/api/facilities/${f.id}`, {
          as: byRole.editor,
          body: { current_use: `writer ${i}` },
          headers: { "if-match": `"${f.version}"` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = (await (responses.find((r) => r.status === 200) as Response).json()) as {
      current_use: string;
    };
    const now = (await (await h.api("GET", `/api/facilities/${f.id}`, { as: byRole.viewer })).json()) as {
      version: number;
      current_use: string;
    };
    expect(now).toMatchObject({ version: f.version + 1, current_use: winner.current_use });
    const history = (await (
      await h.api("GET", `/api/facilities/${f.id}/history`, { as: byRole.viewer })
    ).json()) as { items: unknown[] };
    expect(history.items).toHaveLength(2);
  });

  it("an identifier taken by another facility of the province is a conflict, on create and on edit", async () => {
    const a = await at("inventory");
    const b = await at("inventory");
    const taken = (
      (await (await h.api("GET", `/api/facilities/${a.id}`, { as: byRole.viewer })).json()) as {
        external_id: string;
      }
    ).external_id;
    const edit = await h.api("PATCH", `/api/facilities/${b.id}`, {
      as: byRole.editor,
      body: { external_id: taken },
      headers: { "if-match": `"${b.version}"` },
    });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { error: { details: unknown } }).error.details).toEqual({
      field: "external_id",
    });
    const creates = await Promise.all(
      [1, 2, 3].map(() =>
        h.api("POST", "/api/facilities", {
          as: byRole.editor,
          body: { external_id: `race-${kind}`, name: "x", ...HANOI },
        }),
      ),
    );
    expect(creates.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });
});
