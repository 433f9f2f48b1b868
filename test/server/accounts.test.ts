/**
 * Accounts and tokens managed with `tracker` against a register the API serves: tokens expire and can
 * be revoked, users can be disabled, and every such change is in the audit log.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, type Harness, openHarness, type TestUser } from "./harness.ts";
import { runTracker } from "./processes.ts";

const PASSWORD = "mật khẩu đủ dài 2025";

describeEachDatabase("accounts and tokens", (kind) => {
  let h: Harness;
  let admin: TestUser;
  const tracker = (...args: string[]) => {
    const run = runTracker(h.url, args, `${PASSWORD}\n`);
    expect(run.status, `${args.join(" ")}: ${run.stderr}`).toBe(0);
    return run;
  };
  const me = async (token: string) => {
    const r = await h.api("GET", "/api/me", { headers: { authorization: `Bearer ${token}` } });
    return {
      status: r.status,
      challenge: r.headers.get("www-authenticate"),
      user: r.status === 200 ? ((await r.json()) as { user: { role: string } }).user : null,
    };
  };
  const login = (username: string) => h.api("POST", "/api/login", { body: { username, password: PASSWORD } });

  beforeAll(async () => {
    h = await openHarness(kind);
    admin = await h.user("acc-admin", "admin", null);
  });
  afterAll(async () => {
    await h.close();
  });

  it("revokes a token, disables and enables a user, and writes each change to the audit log", async () => {
    tracker("user", "add", "acc-lan", "--role", "editor", "--province", "01");
    const created = tracker("token", "create", "acc-lan", "--label", "nightly", "--days", "30");
    const token = created.stdout.trim();
    const id = /token ([0-9a-f]{12}) of acc-lan, valid until (\S+)/.exec(created.stderr);
    expect(id, created.stderr).not.toBeNull();
    const days = (Date.parse(id?.[2] as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await me(token)).user?.role).toBe("editor");
    expect(tracker("token", "list", "acc-lan").stdout).toContain(`${id?.[1]}\tacc-lan\tnightly`);

    tracker("user", "set-role", "acc-lan", "--role", "viewer");
    expect((await me(token)).user?.role).toBe("viewer");

    // Disabled: the token and a password stop working; enabled again, both work.
    expect((await login("acc-lan")).status).toBe(200);
    tracker("user", "disable", "acc-lan");
    expect((await me(token)).status).toBe(401);
    expect((await login("acc-lan")).status).toBe(403);
    tracker("user", "enable", "acc-lan");
    expect((await me(token)).user?.role).toBe("viewer");

    tracker("token", "revoke", id?.[1] as string);
    const revoked = await me(token);
    expect([revoked.status, revoked.challenge]).toEqual([401, 'Bearer realm="diagioi"']);
    const again = runTracker(h.url, ["token", "revoke", id?.[1] as string]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/no token with the id/);

    const r = await h.api("GET", "/api/audit?limit=1000", { as: admin });
    const items = ((await r.json()) as { items: { action: string; actor_name: string; entity_id: string }[] })
      .items;
    const changes = items.filter((e) => e.action.startsWith("user_") || e.action.startsWith("token_"));
    expect(changes.map((e) => e.action)).toEqual([
      "user_add",
      "token_create",
      "user_set_role",
      "user_disable",
      "user_enable",
      "token_revoke",
    ]);
    for (const entry of changes) expect(entry.actor_name).toMatch(/^tracker \(.+\)$/);
    // Page by page, the same entries.
    const paged: string[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page = (await (
        await h.api("GET", `/api/audit?after=${after}&limit=2`, { as: admin })
      ).json()) as {
        items: { action: string }[];
        next: number | null;
      };
      paged.push(...page.items.map((e) => e.action));
      after = page.next;
    }
    expect(paged).toEqual(items.map((e) => e.action));
    const verified = await h.api("GET", "/api/audit/verify", { as: admin });
    expect(await verified.json()).toMatchObject({ ok: true });
  }, 120_000);

  it("refuses an expired token", async () => {
    const user = await h.user("acc-short", "viewer", null);
    expect((await me(user.token)).status).toBe(200);
    // A day's token, a day and a second later: moved back rather than waited for.
    await h.database.db
      .updateTable("tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", user.id)
      .execute();
    expect((await me(user.token)).status).toBe(401);
    const list = runTracker(h.url, ["token", "list", "acc-short"]);
    expect(list.stdout).toMatch(/\(expired\)/);
  }, 60_000);
});
