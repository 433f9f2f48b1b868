import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { main } from "@diagioi/cli";
import { loadDiagioi } from "@diagioi/data";
import { afterAll, describe, expect, it } from "vitest";

const diagioi = loadDiagioi();
const dir = mkdtempSync(join(tmpdir(), "diagioi-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], input: string | Buffer = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on("data", (c: Buffer) => chunks.push(c));
  stderr.on("data", (c: Buffer) => errors.push(c));
  const code = await main(
    args,
    { stdin: Readable.from([Buffer.from(input)]), stdout, stderr },
    () => diagioi,
  );
  return { code, out: Buffer.concat(chunks).toString("utf8"), err: Buffer.concat(errors).toString("utf8") };
}

describe("diagioi convert", () => {
  it("writes the documented JSON contract, one line per input line, in order", async () => {
    const { code, out } = await run(
      ["convert", "--format", "jsonl"],
      "Phường Phúc Xá, Quận Ba Đình, Hà Nội\nnothing here\n",
    );
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual(["input", "status", "new", "candidates", "address", "confidence"]);
    expect(lines[0].new).toEqual({
      code: "00097",
      full_name: "Phường Hồng Hà",
      province_code: "01",
      province_full_name: "Thành phố Hà Nội",
    });
    expect(lines[1].status).toBe("not_found");
  });

  it("settles a split commune from |lng,lat with --coords", async () => {
    const { out } = await run(
      ["convert", "--coords"],
      "Phường Cống Vị, Quận Ba Đình, Hà Nội|105.8145,21.0345\n",
    );
    expect(JSON.parse(out).status).toBe("ok");
  });

  it("converts a CSV column, keeps the other columns, and reports bad rows without stopping", async () => {
    const file = join(dir, "in.csv");
    writeFileSync(file, 'id,addr\n1,"P1 Q3 TPHCM"\n2,"a,b",extra\n3,"Phường Phúc Xá, Ba Đình, Hà Nội"\n');
    const output = join(dir, "out.csv");
    const { code, err } = await run([
      "convert",
      file,
      "--column",
      "addr",
      "--format",
      "csv",
      "--output",
      output,
    ]);
    expect(code).toBe(0);
    expect(err).toMatch(/line 3/);
    expect(err).toMatch(/3 rows|2 rows/);
    const rows = readFileSync(output, "utf8").trim().split("\n");
    expect(rows[0]).toBe(
      "id,addr,status,new_code,new_full_name,new_province_code,new_province_full_name,new_address,confidence,candidates",
    );
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual(["1", "3"]);
  });

  it("stops with exit 2 and a clear message when the column is missing, leaving no output file", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const output = join(dir, "never.csv");
    const { code, err } = await run([
      "convert",
      file,
      "--column",
      "address",
      "--format",
      "csv",
      "--output",
      output,
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/no column "address"/);
    expect(() => readFileSync(output)).toThrow();
  });

  it("handles empty input, binary input, invalid UTF-8 and a 1 MB line", async () => {
    const empty = await run(["convert"], "");
    expect([empty.code, empty.out]).toEqual([0, ""]);
    const binary = await run(["convert"], Buffer.from([0x50, 0x00, 0x01, 0x02, 0xff]));
    expect(binary.code).toBe(2);
    expect(binary.err).toMatch(/binary/);
    const invalid = await run(
      ["convert"],
      Buffer.concat([
        Buffer.from("Phường Phúc Xá, Ba Đình, Hà Nội "),
        Buffer.from([0xc3, 0x28]),
        Buffer.from("\n"),
      ]),
    );
    expect(invalid.code).toBe(0);
    expect(invalid.err).toMatch(/invalid UTF-8/);
    const long = await run(["convert"], `${"x".repeat(1_000_000)}\nP1 Q3 TPHCM\n`);
    expect(long.code).toBe(0);
    expect(
      long.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).status),
    ).toEqual(["not_found", "ok"]);
  });

  it("rejects unknown options and formats with exit 2 and the usage", async () => {
    expect((await run(["convert", "--format", "xml"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["--help"])).code).toBe(0);
  });
});

describe("diagioi lookup, trace, locate", () => {
  it("looks up a code's versions and a name without diacritics", async () => {
    const byCode = await run(["lookup", "25270", "--format", "jsonl"]);
    expect(
      byCode.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).full_name),
    ).toEqual(["Thị trấn Lộc Ninh", "Xã Lộc Ninh", "Phường Lộc Ninh"]);
    const byName = await run(["lookup", "phuc xa", "--format", "jsonl"]);
    expect(byName.out).toMatch(/"00001"/);
  });

  it("traces a code through the merger and the 2026 change", async () => {
    const { out } = await run(["trace", "25270", "--format", "csv"]);
    expect(out).toMatch(/237\/NQ-UBTVQH16/);
    expect(out).toMatch(/1662\/NQ-UBTVQH15/);
  });

  it("locates points from standard input as JSON lines, with null outside Vietnam", async () => {
    const { out, err } = await run(["locate"], "105.8524,21.0287\n2.35,48.85\nnot a point\n");
    expect(
      out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { lng: 105.8524, lat: 21.0287, code: "00070", full_name: "Phường Hoàn Kiếm", province_code: "01" },
      { lng: 2.35, lat: 48.85, code: null, full_name: null, province_code: null },
    ]);
    expect(err).toMatch(/line 3/);
  });
});

describe("the installed command", () => {
  it("runs as pnpm -s diagioi from the repository root", () => {
    const out = execFileSync("node", ["packages/cli/bin/diagioi.js", "convert"], {
      cwd: join(import.meta.dirname, "../../.."),
      input: "P1 Q3 TPHCM\n",
      encoding: "utf8",
    });
    expect(JSON.parse(out).new.code).toBe("27154");
  });
});
