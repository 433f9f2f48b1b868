/** Every role × endpoint × own or other province, allowed and denied, on both databases. */
import { EDITABLE_FIELDS, FIELD_NAMES, type Role } from "@diagioi/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, HANOI, type Harness, openHarness, type TestUser } from "./harness.ts";

type Who = "anonymous" | `${Role}-own` | `${Role}-other` | "editor-national" | "admin";
const ROLES_SCOPED: Role[] = ["viewer", "editor", "appraiser", "approver"];

describeEachDatabase("access matrix", (kind) => {
  let h: Harness;
  const users = new Map<Who, TestUser | null>();
  let seq = 0;

  beforeAll(async () => {
    h = await openHarness(kind);
    users.set("anonymous", null);
    for (const role of ROLES_SCOPED) {
      users.set(`${role}-own`, await h.user(`${role}-own`, role, "01"));
      users.set(`${role}-other`, await h.user(`${role}-other`, role, "51"));
    }
    users.set("editor-national", await h.user("editor-national", "editor", null));
    users.set("admin", await h.user("admin", "admin", null));
  });
  afterAll(() => h.close());

  const as = (who: Who) => users.get(who) ?? null;

  /** A facility of Hà Nội (01) at a stage, created and moved by the own province's users. */
  async function facilityAt(
    stage: "inventory" | "plan_drafted" | "appraised" | "approved",
  ): Promise<{ id: number; version: number }> {
    const created = await h.api("POST", "/api/facilities", {
      as: as("editor-own"),
      body: { external_id: `acc-${++seq}`, name: `Trụ sở thử ${seq}`, ...HANOI },
    });
    expect(created.status).toBe(201);
    let f = (await created.json()) as { id: number; version: number };
    const steps: [Who, Record<string, unknown>][] = [
      ["editor-own", { action: "hand_over", minutes_no: "1/BB", minutes_date: "2025-07-02" }],
      ["editor-own", { action: "draft_plan", option: "health" }],
      ["appraiser-own", { action: "appraise" }],
      ["approver-own", { action: "approve" }],
    ];
    const count = { inventory: 0, plan_drafted: 2, appraised: 3, approved: 4 }[stage];
    for (const [who, body] of steps.slice(0, count)) {
      const r = await h.api("POST", `/api/facilities/${f.id}/transitions`, {
        as: as(who),
        body,
        headers: { "if-match": `"${f.version}"` },
      });
      expect(r.status, JSON.stringify(await r.clone().json())).toBe(200);
      f = (await r.json()) as typeof f;
    }
    return f;
  }

  const everyone: Who[] = [
    "anonymous",
    "viewer-own",
    "viewer-other",
    "editor-own",
    "editor-other",
    "appraiser-own",
    "appraiser-other",
    "approver-own",
    "approver-other",
    "editor-national",
    "admin",
  ];
  const expected = (allowed: Who[], denied = 403) =>
    Object.fromEntries(
      everyone.map((w) => [w, allowed.includes(w) ? 200 : w === "anonymous" ? 401 : denied]),
    );

  it("the OpenAPI document describes every route, and the facility's fields from core's table", async () => {
    const doc = (await (await h.api("GET", "/api/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    };
    for (const path of [
      "/api/facilities",
      "/api/facilities/{id}",
      "/api/facilities/{id}/transitions",
      "/api/facilities/{id}/history",
      "/api/import",
      "/api/import/template.csv",
      "/api/import/template.xlsx",
      "/api/stats",
      "/api/login",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    // How to sign in, and the answers every route of a kind may give.
    const full = doc as unknown as {
      components: { securitySchemes: Record<string, { type: string }> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(full.components.securitySchemes).sort()).toEqual(["session", "token"]);
    const statuses = (path: string, method: string) =>
      Object.keys(full.paths[path]?.[method]?.responses ?? {});
    expect(statuses("/api/facilities/{id}", "patch")).toEqual(
      expect.arrayContaining(["200", "401", "403", "404", "412", "415", "422", "428"]),
    );
    expect(statuses("/api/facilities", "post")).toEqual(expect.arrayContaining(["401", "409", "415"]));
    expect(statuses("/api/facilities", "get")).toContain("422");
    expect(statuses("/api/import", "post")).not.toContain("415");
    expect(statuses("/api/facilities/{id}", "patch")).toEqual(expect.arrayContaining(["400", "409"]));
    expect(statuses("/api/facilities", "get")).toContain("401");
    // A bad token is a 401 everywhere; the figures and exports say an anonymous address is limited.
    for (const path of ["/api/meta", "/api/me", "/api/stats", "/api/facilities/{id}"])
      expect(statuses(path, "get"), path).toContain("401");
    for (const path of ["/api/points", "/api/stats", "/api/stats/series", "/api/coverage", "/api/export.csv"])
      expect(statuses(path, "get"), path).toContain("429");
    expect(statuses("/api/facilities", "get")).not.toContain("429");
    // Every error answer has the one error shape; the contract's reads have theirs.
    const schemaOf = (path: string, method: string, status: string) =>
      (
        full.paths[path]?.[method]?.responses[status] as {
          content?: Record<string, { schema: { $ref?: string } }>;
        }
      )?.content?.["application/json"]?.schema.$ref;
    for (const [path, item] of Object.entries(full.paths))
      for (const [method, op] of Object.entries(item))
        for (const status of Object.keys(op.responses).filter((s) => !s.startsWith("2")))
          expect(schemaOf(path, method, status), `${method} ${path} ${status}`).toMatch(
            /^#\/components\/schemas\/(Error|ImportRejected)$/,
          );
    expect(schemaOf("/api/facilities", "get", "200")).toBe("#/components/schemas/FacilityList");
    expect(schemaOf("/api/stats", "get", "200")).toBe("#/components/schemas/Stats");
    expect(schemaOf("/api/import", "post", "422")).toBe("#/components/schemas/ImportRejected");
    expect(doc.components.schemas.Stats?.required).toEqual(
      expect.arrayContaining(["date", "total", "handled", "pending", "by_category", "by_province"]),
    );
    const input = doc.components.schemas.FacilityInput;
    expect(Object.keys(input?.properties ?? {}).sort()).toEqual([...EDITABLE_FIELDS].sort());
    expect(input?.required).toEqual(["external_id", "name"]);
    expect(doc.paths["/api/facilities"]?.post?.requestBody?.content["application/json"]?.schema.$ref).toBe(
      "#/components/schemas/FacilityInput",
    );
    expect(Object.keys(doc.components.schemas.TransitionInput?.properties ?? {})).toContain("decision_no");
    expect(Object.keys(doc.components.schemas.Facility?.properties ?? {})).toEqual(
      expect.arrayContaining([...FIELD_NAMES]),
    );
  });

  it("reads: everybody reads facilities, lists, stats, coverage; anonymous visitors only the public fields", async () => {
    const f = await facilityAt("inventory");
    for (const who of everyone) {
      for (const path of [
        `/api/facilities/${f.id}`,
        "/api/facilities?province=01",
        `/api/facilities/${f.id}/history`,
        "/api/stats",
        "/api/coverage?province=01",
        "/api/export.csv?province=01",
      ]) {
        expect((await h.api("GET", path, { as: as(who) })).status, `${who} GET ${path}`).toBe(200);
      }
      const body = (await (await h.api("GET", `/api/facilities/${f.id}`, { as: as(who) })).json()) as Record<
        string,
        unknown
      >;
      expect("managing_unit" in body, who).toBe(who !== "anonymous");
      expect(body.name).toBeTruthy();
      const csv = await (await h.api("GET", "/api/export.csv?province=01", { as: as(who) })).text();
      expect(csv.split("\n")[0]?.includes("managing_unit"), who).toBe(who !== "anonymous");
    }
  });

  it("create: editors of the province or of the country only", async () => {
    const result: Record<string, number> = {};
    for (const who of everyone) {
      const r = await h.api("POST", "/api/facilities", {
        as: as(who),
        body: { external_id: `create-${who}`, name: "Trụ sở", ...HANOI },
      });
      result[who] = r.status === 201 ? 200 : r.status;
    }
    expect(result).toEqual(expected(["editor-own", "editor-national"]));
  });

  it("edit (PATCH): editors of the province or of the country only", async () => {
    const result: Record<string, number> = {};
    for (const who of everyone) {
      const f = await facilityAt("inventory");
      const r = await h.api("PATCH", `/api/facilities/${f.id}`, {
        as: as(who),
        body: { current_use: `by ${who}` },
        headers: { "if-match": `"${f.version}"` },
      });
      result[who] = r.status;
    }
    expect(result).toEqual(expected(["editor-own", "editor-national"]));
  });

  const transitionCases: [
    string,
    "inventory" | "plan_drafted" | "appraised" | "approved",
    Record<string, unknown>,
    Who[],
  ][] = [
    [
      "hand_over",
      "inventory",
      { minutes_no: "2/BB", minutes_date: "2025-07-03" },
      ["editor-own", "editor-national"],
    ],
    ["appraise", "plan_drafted", {}, ["appraiser-own"]],
    ["approve", "appraised", {}, ["approver-own"]],
    ["decide", "approved", { decision_no: "9/QĐ-UBND", decision_date: "2025-09-01" }, ["approver-own"]],
  ];
  for (const [action, stage, fields, allowed] of transitionCases) {
    it(`transition ${action}: ${allowed.join(", ")} only`, async () => {
      const result: Record<string, number> = {};
      for (const who of everyone) {
        const f = await facilityAt(stage);
        const r = await h.api("POST", `/api/facilities/${f.id}/transitions`, {
          as: as(who),
          body: { action, ...fields },
          headers: { "if-match": `"${f.version}"` },
        });
        result[who] = r.status;
      }
      expect(result).toEqual(expected(allowed));
    });
  }

  it("import: editors of the province only", async () => {
    const result: Record<string, number> = {};
    for (const who of everyone) {
      const csv = `external_id,name,lng,lat\nimp-${who},Trụ sở nhập,${HANOI.lng},${HANOI.lat}\n`;
      const r = await h.api("POST", "/api/import?province=01", {
        as: as(who),
        raw: csv,
        headers: { "content-type": "text/csv" },
      });
      result[who] = r.status;
    }
    expect(result).toEqual(expected(["editor-own", "editor-national"]));
  });

  it("audit log: administrators only; its check is open to all", async () => {
    const result: Record<string, number> = {};
    for (const who of everyone) result[who] = (await h.api("GET", "/api/audit", { as: as(who) })).status;
    expect(result).toEqual(expected(["admin"]));
    for (const who of everyone)
      expect((await h.api("GET", "/api/audit/verify", { as: as(who) })).status).toBe(200);
  });

  it("the transitions a facility lists are exactly those its reader may take", async () => {
    const f = await facilityAt("plan_drafted");
    const listed = async (who: Who) =>
      (
        (await (await h.api("GET", `/api/facilities/${f.id}`, { as: as(who) })).json()) as {
          transitions: { action: string }[];
        }
      ).transitions
        .map((t) => t.action)
        .sort();
    expect(await listed("appraiser-own")).toEqual(["appraise", "send_back"]);
    expect(await listed("appraiser-other")).toEqual([]);
    expect(await listed("editor-own")).toEqual(["draft_plan"]);
    expect(await listed("anonymous")).toEqual([]);
  });
});
