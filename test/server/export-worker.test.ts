/**
 * `tracker serve` builds export files on a worker thread with its own connection: the files are the
 * ones the in-process build gives, for anonymous and signed-in callers, in every format. Also what
 * only the served process does: a request Node's parser refuses is answered in JSON.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, HANOI, type Harness, openHarness, type TestUser } from "./harness.ts";
import { startServer } from "./processes.ts";

describeEachDatabase("exports on the worker thread", (kind) => {
  let h: Harness;
  let editor: TestUser;
  let server: ChildProcess | undefined;
  let port = 0;

  beforeAll(async () => {
    h = await openHarness(kind);
    editor = await h.user("exp-editor", "editor", "01");
    for (let i = 0; i < 30; i++) {
      const created = await h.api("POST", "/api/facilities", {
        as: editor,
        body: {
          external_id: `EXP-${i}`,
          name: i % 2 ? `Trụ sở cũ ${i}` : `=HYPERLINK("x") ${i}`,
          lng: HANOI.lng + i / 1000,
          lat: HANOI.lat,
          disputed: i % 3 === 0,
        },
      });
      expect(created.status).toBe(201);
    }
    ({ port, process: server } = await startServer(h.url));
  }, 120_000);
  afterAll(async () => {
    server?.kill();
    await h.close();
  });

  it("gives the same files as the in-process build, public or whole", async () => {
    for (const format of ["csv", "geojson", "xlsx"]) {
      for (const as of [null, editor]) {
        const path = `/api/export.${format}?province=01`;
        const headers: Record<string, string> = as ? { authorization: `Bearer ${as.token}` } : {};
        const served = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
        expect(served.status, `${format} ${as?.username}`).toBe(200);
        const bytes = Buffer.from(await served.arrayBuffer());
        const local = Buffer.from(await (await h.api("GET", path, { as })).arrayBuffer());
        if (format === "xlsx") {
          // A zip's entries carry the time they were written: compare the size and the signature.
          expect(bytes.subarray(0, 2).toString()).toBe("PK");
          expect(Math.abs(bytes.length - local.length)).toBeLessThan(64);
        } else expect(bytes.equals(local), `${format} ${as?.username}`).toBe(true);
      }
    }
    const signedIn = await fetch(`http://127.0.0.1:${port}/api/export.csv`, {
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(await signedIn.text()).toContain("EXP-29");
  }, 120_000);

  it("answers a request whose headers Node refuses (over 16 KB) in JSON, as every other error", async () => {
    const r = await fetch(`http://127.0.0.1:${port}/api/facilities?q=${"a".repeat(70_000)}`);
    expect(r.status).toBe(431);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    const { error } = (await r.json()) as { error: { code: string; message_vi: string } };
    expect(error.code).toBe("bad_request");
    expect(error.message_vi.length).toBeGreaterThan(10);
    // The server goes on answering.
    expect((await fetch(`http://127.0.0.1:${port}/api/facilities?limit=1`)).status).toBe(200);
  });
});
