/** `tracker user …` on a real SQLite file: what it refuses, with status 2 and one clear line. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, runTracker } from "./processes.ts";

let database: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  database = await freshDatabase("sqlite");
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

const GOOD = "mật khẩu đủ dài 2025\n";

describe("tracker user", () => {
  it("adds a user once; a second add of the name is refused without a stack trace", () => {
    const added = runTracker(
      database.url,
      ["user", "add", "lan", "--role", "editor", "--province", "01"],
      GOOD,
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/user lan \(#\d+\) added: editor of province 01/);
    const again = runTracker(database.url, ["user", "add", "lan", "--role", "viewer"], GOOD);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/a user named lan already exists/);
    expect(again.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  }, 60_000);

  it("refuses a province that does not exist today, an admin of a province, and odd names", () => {
    const cases: [string[], RegExp][] = [
      [["user", "add", "minh", "--role", "editor", "--province", "99"], /not the code of a province/],
      // Hà Giang (02) went into Tuyên Quang on 2025-07-01.
      [["user", "add", "minh", "--role", "editor", "--province", "02"], /not the code of a province/],
      [["user", "add", "minh", "--role", "admin", "--province", "01"], /an admin is not scoped/],
      [["user", "add", "x y", "--role", "viewer"], /a user name is 2 to 64/],
      [["user", "set-role", "lan", "--role", "editor", "--province", "99"], /not the code of a province/],
      // Hà Nam's old code: an export of it would be empty, an import would blame every row.
      [["export", "--province", "35"], /not the code of a province/],
      [["import", "no-such-file.csv", "--province", "35"], /not the code of a province/],
      // A name that differs from another only in case would pass for it in every list.
      [["user", "add", "LAN", "--role", "viewer"], /already/],
      // Options it does not know, or a value that reads as an option, are refused in one line too.
      [["token", "create", "lan", "--days", "-5"], /--days/],
      [["serve", "--port", "3"], /Unknown option '--port'/],
    ];
    for (const [args, message] of cases) {
      const run = runTracker(database.url, args, GOOD);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  }, 120_000);

  it("refuses weak passwords", () => {
    for (const [password, message] of [
      ["short1", /at least 10 characters/],
      ["aaaaaaaaaaaaaaaa", /more than four different characters/],
      ["hoa-2025-hoa-2025", /must not contain the user name/],
    ] as const) {
      const run = runTracker(database.url, ["user", "add", "hoa", "--role", "viewer"], `${password}\n`);
      expect(run.status, password).toBe(2);
      expect(run.stderr, password).toMatch(message);
      expect(run.stderr.trim().split("\n"), password).toHaveLength(1);
    }
    expect(runTracker(database.url, ["user", "add", "hoa", "--role", "viewer"], GOOD).status).toBe(0);
  }, 120_000);
});
