import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { main } from "@diagioi/cli";
import { codeAliases, loadDiagioi } from "@diagioi/data";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { PARALLEL_MIN_BYTES } from "../src/convert.ts";
import { contract, contractJson } from "../src/process.ts";

const diagioi = loadDiagioi();
const dir = mkdtempSync(join(tmpdir(), "diagioi-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Text in Windows-1258: a letter it has whole (â, ơ, đ …) as its byte, a tone as the byte of its
 * combining mark after the letter.
 */
function encodeWindows1258(text: string): Buffer {
  const decoder = new TextDecoder("windows-1258");
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byteOf.set(decoder.decode(Uint8Array.of(byte)), byte);
  const bytes: number[] = [];
  for (const char of text.normalize("NFC")) {
    const whole = byteOf.get(char);
    if (whole !== undefined) {
      bytes.push(whole);
      continue;
    }
    const [base = "", ...marks] = char.normalize("NFD");
    const tone = marks.find((mark) => byteOf.has(mark) && !"\u0302\u0306\u031b".includes(mark));
    const letter = (base + marks.filter((mark) => mark !== tone).join("")).normalize("NFC");
    bytes.push(byteOf.get(letter) as number, ...(tone ? [byteOf.get(tone) as number] : []));
  }
  return Buffer.from(bytes);
}

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

  it("writes each result's JSON exactly as JSON.stringify would, for every kind of result and input", () => {
    const inputs = [
      "Phường Phúc Xá, Quận Ba Đình, Hà Nội",
      "Phường Cống Vị, Quận Ba Đình, Hà Nội",
      "nothing here",
      'Số 5 "A" \\ Lê Lợi,\tPhường 11, Quận 10, TP.HCM\u0001',
      "Xã Tân Lập, Huyện Đan Phượng, Hà Nội",
    ];
    const dates = [undefined, "2025-06-30", "2025-07-01"];
    let compared = 0;
    for (const date of dates)
      for (const input of inputs) {
        const result = diagioi.convert(input, { date });
        expect(contractJson(result)).toBe(JSON.stringify(contract(result)));
        compared++;
      }
    expect(compared).toBe(15);
  });

  it("names each candidate of an ambiguous address with its province, in CSV too", async () => {
    const file = join(dir, "split.csv");
    writeFileSync(file, 'id,address\n1,"Phường Cống Vị, Quận Ba Đình, Hà Nội"\n');
    const { code, out } = await run(["convert", file, "--format", "csv"]);
    expect(code).toBe(0);
    const [header, row] = parse(out) as string[][];
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell("status")).toBe("ambiguous");
    const codes = cell("candidates")?.split(";") ?? [];
    expect(codes.length).toBeGreaterThan(1);
    const names = cell("candidate_names")?.split("; ") ?? [];
    expect(names).toHaveLength(codes.length);
    const units = loadDiagioi().units;
    for (const [k, code] of codes.entries()) {
      const unit = units.byCode(code);
      expect(names[k]).toBe(`${unit?.fullName}, ${units.byCode(unit?.parentCode ?? "")?.fullName}`);
    }
  });

  it("converts addresses of any date since 2004, and prefers the units of the --as-of day", async () => {
    const { out } = await run(
      ["convert"],
      "25 Nguyễn Văn Hưởng, Phường Thảo Điền, Quận 2, TP.HCM\nPhường Lê Lợi, Thị xã Sơn Tây, Hà Tây\n",
    );
    const [thaoDien, leLoi] = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(thaoDien.address).toBe("25 Nguyễn Văn Hưởng, Phường An Khánh, Thành phố Hồ Chí Minh");
    expect([leLoi.status, leLoi.new.province_code]).toEqual(["ok", "01"]);
    // Two Xã Kỳ Sơn in Huyện Tứ Kỳ: one gone in 2019 (successor left open), one formed in 2025.
    const text = "Xã Kỳ Sơn, Huyện Tứ Kỳ, Tỉnh Hải Dương\n";
    const then = JSON.parse((await run(["convert", "--as-of", "2010-01-01"], text)).out);
    expect(then.status).toBe("ambiguous");
    const later = JSON.parse((await run(["convert", "--as-of", "2025-03-01"], text)).out);
    expect([later.status, later.new.full_name]).toEqual(["ok", "Xã Tân Kỳ"]);
    const csv = (await run(["convert", "--format", "csv", "--as-of", "2010-01-01"], text)).out;
    expect(csv.split("\n")[0]).toMatch(/,candidates,candidate_names$/);
    expect(csv).toMatch(/Xã Tân Kỳ, Thành phố Hải Phòng; /);
    const bad = await run(["convert", "--as-of", "2010"], text);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--as-of must be a date/);
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
      "id,addr,status,new_code,new_full_name,new_province_code,new_province_full_name,new_address,confidence,candidates,candidate_names",
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
    expect(empty.err).toMatch(/standard input is empty: nothing to convert/);
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

  it("reads UTF-16 with its byte-order mark, and says so when the mark is missing", async () => {
    const text = "address\nPhường Phúc Xá, Quận Ba Đình, Hà Nội\n";
    const utf8 = await run(["convert", "--format", "csv"], text);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    for (const input of [le, be]) {
      const utf16 = await run(["convert", "--format", "csv"], input);
      expect(utf16.code).toBe(0);
      expect(utf16.out).toBe(utf8.out);
    }
    const bare = await run(["convert"], Buffer.from(text, "utf16le"));
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/UTF-16 text without a byte-order mark/);
  });

  it("reads a file that is no UTF-8 in its code page: Windows-1258, or Windows-1252 with the TCVN3 or VNI fonts", async () => {
    // "ANSI" text as older spreadsheets save it: the header and the addresses in TCVN3, then VNI.
    const unicode = await run(
      ["convert", "--format", "csv"],
      "địa chỉ\nPhường Phúc Xá, Quận Ba Đình, Hà Nội\nXã Thanh Tùng, Huyện Thanh Miện, Tỉnh Hải Dương\n",
    );
    const legacy = Buffer.from(
      "\u00aeÞa chØ\nPh\u00adêng Phóc X¸, QuËn Ba §×nh, Hµ Néi\nXaõ Thanh Tuøng, Huyeän Thanh Mieän, Tænh Haûi Döông\n",
      "latin1",
    );
    const read = await run(["convert", "--format", "csv"], legacy);
    expect(read.code).toBe(0);
    expect(read.err).toMatch(/standard input is not UTF-8: read as Windows-1252/);
    const results = (out: string) =>
      (parse(out, { columns: true }) as Record<string, string>[]).map((row) => [
        row.status,
        row.new_code,
        row.candidates,
      ]);
    expect(results(read.out)).toEqual(results(unicode.out));
    expect(results(read.out)[0]).toEqual(["ok", "00097", "00097"]);
    expect(results(read.out)[1]?.[0]).toBe("ambiguous");
    // Vietnamese Windows's own code page: its letters, the tones as combining marks.
    const windows1258 = await run(
      ["convert", "--format", "csv"],
      Buffer.concat([Buffer.from("address\n"), encodeWindows1258("Phường Phúc Xá, Quận Ba Đình, Hà Nội\n")]),
    );
    expect(windows1258.err).toMatch(/read as Windows-1258/);
    expect(results(windows1258.out)[0]).toEqual(["ok", "00097", "00097"]);
    // UTF-8 with a stray byte stays UTF-8: the byte is reported on its line.
    const stray = await run(
      ["convert"],
      Buffer.concat([
        Buffer.from("Phường Phúc Xá, Quận Ba Đình, Hà Nội\nXã Thanh Tùng, "),
        Buffer.from([0xb5]),
        Buffer.from("\n"),
      ]),
    );
    expect(stray.err).not.toMatch(/Windows-1252/);
    expect(stray.err).toMatch(/line 2: invalid UTF-8/);
  });

  it("takes a lone address column name over plain lines for a header", async () => {
    const headed = await run(["convert", "--format", "csv"], "Địa chỉ\nP1 Q3 TPHCM\n");
    const rows = headed.out.trim().split("\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^P1 Q3 TPHCM,ok,/);
    // A first line that only mentions an address is a record like the others.
    const record = await run(["convert", "--format", "csv"], "addresses of my clients\nP1 Q3 TPHCM\n");
    expect(record.out.trim().split("\n")).toHaveLength(3);
  });

  it("writes --output through a link, keeps its permissions, and refuses what it cannot write first", async () => {
    const input = join(dir, "out-in.txt");
    writeFileSync(input, "P1 Q3 TPHCM\n");
    const target = join(dir, "out-target.csv");
    writeFileSync(target, "old\n", { mode: 0o600 });
    chmodSync(target, 0o600);
    const link = join(dir, "out-link.csv");
    symlinkSync(target, link);
    // Named .csv, the output is CSV without --format.
    expect((await run(["convert", input, "--output", link])).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toMatch(/^input,status,new_code,.*\nP1 Q3 TPHCM,ok,27154,/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const refused: [string[], RegExp][] = [
      [["--output", join(dir, "no-such-folder", "x.csv")], /cannot write \(no such file or folder\)/],
      [["--output", dir], /is a folder/],
      [["--output", input], /is the input file/],
      [["--output="], /--output needs a file name/],
    ];
    for (const [args, message] of refused) {
      const r = await run(["convert", input, ...args]);
      expect([r.code, r.out], args.join(" ")).toEqual([2, ""]);
      expect(r.err, args.join(" ")).toMatch(message);
    }
    expect(readFileSync(input, "utf8")).toBe("P1 Q3 TPHCM\n");
    // An empty input still leaves an (empty) output for the next step.
    const empty = join(dir, "out-empty.jsonl");
    expect((await run(["convert", "--output", empty], "")).code).toBe(0);
    expect(readFileSync(empty, "utf8")).toBe("");
  });

  it("reads the layouts real files come in, and says what it cannot read", async () => {
    const code = (out: string) => JSON.parse(out.trim().split("\n")[0] as string).new?.code;
    const SPLIT = "Phường Cống Vị, Quận Ba Đình, Hà Nội";
    const SPLIT_POINT: [number, number] = [105.8145, 21.0345];
    const SPLIT_TRUTH = diagioi.convert(SPLIT, { coords: SPLIT_POINT }).new?.code;
    expect(diagioi.convert(SPLIT).status).toBe("ambiguous");
    // A spreadsheet's empty cells past the header; "|" found like ";" and tab.
    expect(code((await run(["convert"], "id;dia_chi\n1;P1 Q3 TPHCM;;\n")).out)).toBe("27154");
    expect(code((await run(["convert"], "id|dia_chi\n1|P1 Q3 TPHCM\n")).out)).toBe("27154");
    // JSON lines: the address key found by name; a JSON array refused with the way out.
    expect(code((await run(["convert"], '{"id":1,"dia_chi":"P1 Q3 TPHCM"}\n')).out)).toBe("27154");
    const array = await run(["convert"], '[\n{"address":"P1 Q3 TPHCM"}\n]\n');
    expect([array.code, array.err]).toEqual([2, expect.stringMatching(/JSON array; give JSON lines/)]);
    // --column compares names as the detection does (case, diacritics, NFD).
    const nfd = "Địa chỉ".normalize("NFD");
    const column = await run(["convert", "--column", "ĐỊA CHỈ"], `id,${nfd}\n1,P1 Q3 TPHCM\n`);
    expect(code(column.out)).toBe("27154");
    // Several columns named like an address: the one read is said.
    const several = await run(["convert"], "dia_chi,dia_chi_cu,email_address\nP1 Q3 TPHCM,x,a@b.vn\n");
    expect(several.err).toMatch(/read from column "dia_chi" \(also named like an address: "dia_chi_cu";/);
    // A header that is not UTF-8 (Windows-1258 "Địa chỉ") is said to be so.
    const legacyFile = join(dir, "legacy.csv");
    writeFileSync(
      legacyFile,
      Buffer.from([0x49, 0x44, 0x2c, 0xd1, 0xef, 0x61, 0x20, 0x63, 0x68, 0xec, 0x0a]),
    );
    const legacy = await run(["convert", legacyFile]);
    expect(legacy.code).toBe(2);
    expect(legacy.err).toMatch(/legacy\.csv is not UTF-8: read as Windows-125[28]/);
    expect(legacy.err).toMatch(/no address column found by name/);
    // --coords finds the point's columns by name, and reads decimal commas after "|".
    const named = await run(
      ["convert", "--coords"],
      `dia_chi;Kinh độ;Vĩ độ\n${SPLIT};${SPLIT_POINT.join(";")}\n`,
    );
    expect(code(named.out)).toBe(SPLIT_TRUTH);
    const commas = await run(
      ["convert", "--coords"],
      `${SPLIT}|${SPLIT_POINT.map((n) => String(n).replace(".", ",")).join(" ")}\n`,
    );
    expect(code(commas.out)).toBe(SPLIT_TRUTH);
    // No row readable: exit 2, nothing written, and the count of the reasons not listed.
    const rows = Array.from({ length: 150 }, (_, i) => `${i},a,b,c`).join("\n");
    const none = await run(["convert", "--format", "csv"], `id,address\n${rows}\n`);
    expect(none.code).toBe(2);
    expect(none.out.trim().split("\n")).toHaveLength(1); // the header alone
    expect(none.err).toMatch(/50 more bad rows, not listed/);
    expect(none.err).toMatch(/none of its 150 rows could be read/);
  });

  it("rejects unknown options and formats with exit 2 and the usage", async () => {
    expect((await run(["convert", "--format", "xml"])).code).toBe(2);
    expect((await run(["convert", "--frobnicate"])).err).toMatch(/Unknown option '--frobnicate'.*\n.*--help/);
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["--help"])).code).toBe(0);
  });

  it("prints its version, and each command's help with every option", async () => {
    const version = await run(["--version"]);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(
      /^diagioi \d+\.\d+\.\d+ \(@diagioi\/data 20260725\.0\.1: data edition 2026-07-25/,
    );
    const help = await run(["convert", "--help"]);
    expect(help.code).toBe(0);
    for (const option of [
      "--column",
      "--delimiter",
      "--input",
      "--format",
      "--output",
      "--coords",
      "--lng-column",
      "--lat-column",
      "--era",
      "--date",
      "--jobs",
    ])
      expect(help.out).toContain(option);
    expect(help.out).toMatch(/Exit status/);
    for (const command of ["lookup", "trace", "locate"]) {
      const { out, code } = await run([command, "-h"]);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: diagioi ${command} [\\s\\S]*Exit status`));
    }
  });

  it("reads a .csv file without --column: the address column is found by its name", async () => {
    const file = join(dir, "people.csv");
    writeFileSync(file, 'name,Địa chỉ,phone\nAn,"P1, Q3, TPHCM",0901\n');
    const { code, out } = await run(["convert", file, "--format", "csv"]);
    expect(code).toBe(0);
    const [header, row] = out.trim().split("\n");
    expect(header).toBe(
      "name,Địa chỉ,phone,status,new_code,new_full_name,new_province_code,new_province_full_name,new_address,confidence,candidates,candidate_names",
    );
    expect(row).toMatch(/^An,"P1, Q3, TPHCM",0901,ok,27154,/);
  });

  it("detects CSV from the content on standard input, and semicolons and tabs", async () => {
    const semicolons = await run(["convert"], "id;address;phone\n1;Phường Phúc Xá, Ba Đình, Hà Nội;09\n");
    expect(semicolons.code).toBe(0);
    expect(JSON.parse(semicolons.out).new.code).toBe("00097");
    const tabs = await run(["convert", "--format", "csv"], "id\tdia_chi\n1\tP1 Q3 TPHCM\n");
    expect(tabs.out.split("\n")[1]).toMatch(/^1,P1 Q3 TPHCM,ok,27154/);
    const given = await run(
      ["convert", "--delimiter", "|", "--column", "where"],
      "id|where\n1|P1 Q3 TPHCM\n",
    );
    expect(JSON.parse(given.out).new.code).toBe("27154");
    // Named as --help names it: "tab" and "\t" are the tab character.
    for (const name of ["tab", "\\t"]) {
      const named = await run(
        ["convert", "--input", "csv", "--delimiter", name, "--format", "csv"],
        "id\tnote\taddress\n1\tx\tP1 Q3 TPHCM\n",
      );
      expect(named.out.split("\n")[1]).toMatch(/^1,x,P1 Q3 TPHCM,ok,27154/);
    }
  });

  it("reads text whose first line only looks split as plain lines, losing no address", async () => {
    const text =
      "Người nhận: Hoàng Đức Tâm; SĐT: 0961 826 242; Địa chỉ: Ngõ 68 Nguyễn Trãi, X. Khánh Bình, huyện An Phú, Tỉnh An Giang\n" +
      "Phường Phúc Xá, Quận Ba Đình, Hà Nội\n";
    const file = join(dir, "labelled.txt");
    writeFileSync(file, text);
    for (const args of [["convert", file], ["convert"]]) {
      const { code, out } = await run(args, args.length === 1 ? text : "");
      expect(code).toBe(0);
      const rows = out
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(rows.map((row) => row.input)).toEqual(text.trim().split("\n"));
      expect(rows.map((row) => row.new?.full_name)).toEqual(["Xã Khánh Bình", "Phường Hồng Hà"]);
    }
  });

  it("names the columns when a CSV has no address column", async () => {
    const file = join(dir, "noaddress.csv");
    writeFileSync(file, "id;name;phone\n1;An;09\n");
    const { code, err, out } = await run(["convert", file]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(
      /no address column found by name .* \(delimiter ";"; columns: "id", "name", "phone"\); name it with --column/,
    );
  });

  it("says so when a CSV has a header and no rows", async () => {
    const { code, out, err } = await run(["convert", "--format", "csv"], "id,address\n");
    expect(code).toBe(0);
    expect(out.trim()).toBe(
      "id,address,status,new_code,new_full_name,new_province_code,new_province_full_name,new_address,confidence,candidates,candidate_names",
    );
    expect(err).toMatch(/header and no rows/);
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
    const nothing = await run(["lookup", "no such place anywhere"]);
    expect(nothing.code).toBe(3);
    expect(nothing.err).toMatch(/no unit matches/);
    // An empty query is no query: the arguments cannot be used.
    const empty = await run(["lookup", " "]);
    expect([empty.code, empty.err]).toEqual([2, expect.stringMatching(/lookup needs a code or a name/)]);
  });

  it("puts back the leading zeros a spreadsheet took off a code", async () => {
    const codes = async (args: string[]) =>
      (await run([...args, "--format", "jsonl"])).out
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => `${JSON.parse(l).level}:${JSON.parse(l).code}`);
    // "97" names no unit as written: the district 097 and the commune 00097.
    expect(new Set(await codes(["lookup", "97"]))).toEqual(new Set(["district:097", "commune:00097"]));
    expect(new Set(await codes(["lookup", "97", "--level", "commune"]))).toEqual(new Set(["commune:00097"]));
    expect(new Set(await codes(["lookup", "4567"]))).toEqual(new Set(["commune:04567"]));
    // A code as written is taken as written: "12" is the province, not also 012 and 00012.
    expect(new Set(await codes(["lookup", "12"]))).toEqual(new Set(["province:12"]));
    const traced = await run(["trace", "4567", "--format", "csv"]);
    expect(traced.code).toBe(0);
    expect(traced.out).toMatch(/04567 Xã Minh Quân/);
  });

  it("takes a code that other unit lists give a unit for the statistics office's, and says so", async () => {
    const aliases = codeAliases();
    expect(Object.keys(aliases).length).toBeGreaterThan(0);
    for (const [listed, code] of Object.entries(aliases)) {
      const found = await run(["lookup", listed, "--format", "jsonl"]);
      expect(found.code).toBe(0);
      expect(JSON.parse(found.out.trim().split("\n")[0] as string).code).toBe(code);
      expect(found.err).toContain(`statistics office codes ${code}`);
      const traced = await run(["trace", listed, "--format", "csv"]);
      expect([traced.code, traced.out]).toEqual([0, expect.stringContaining(code)]);
    }
  });

  it("traces a code through the merger and the 2026 change", async () => {
    const { out } = await run(["trace", "25270", "--format", "csv"]);
    expect(out).toMatch(/237\/NQ-UBTVQH16/);
    expect(out).toMatch(/1662\/NQ-UBTVQH15/);
  });

  it("traces a district back to 2004, under its earlier name", async () => {
    const { out } = await run(["trace", "769", "--format", "jsonl"]);
    const rows = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      rows.some((r) => r.unit.full_name === "Quận 2" && r.link?.newFullName === "Thành phố Thủ Đức"),
    ).toBe(true);
  });

  it("follows a ward merged in January 2025 to today's unit, each step's act named", async () => {
    const { out } = await run(["trace", "27175", "--format", "jsonl"]);
    const today = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((r) => r.direction === "today");
    expect(today.map((r) => [r.unit.full_name, r.today.full_name])).toEqual([
      ["Phường 11", "Phường Vườn Lài"],
    ]);
    expect(today[0].path.map((link: { legalRef: string }) => link.legalRef)).toEqual([
      "1278/NQ-UBTVQH15",
      "1685/NQ-UBTVQH15",
    ]);
    const notACode = await run(["trace", "Phường 11"]);
    expect(notACode.code).toBe(2);
    expect(notACode.out).toBe("");
  });

  it("locates points from standard input as JSON lines, one per point, with null outside Vietnam", async () => {
    const { code, out, err } = await run(["locate"], "105.8524,21.0287\n2.35,48.85\nnot a point\n");
    expect(code).toBe(0);
    expect(
      out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        lng: 105.8524,
        lat: 21.0287,
        code: "00070",
        full_name: "Phường Hoàn Kiếm",
        province_code: "01",
        error: null,
      },
      { lng: 2.35, lat: 48.85, code: null, full_name: null, province_code: null, error: null },
      {
        lng: null,
        lat: null,
        code: null,
        full_name: null,
        province_code: null,
        error: 'expected "lng,lat", got "not a point"',
      },
    ]);
    expect(err).toMatch(/standard input, line 3/);
    expect(err).toMatch(/3 points: 1 in a commune, 1 outside every commune, 1 unreadable/);
  });

  it("reads points strictly: no hex, no swapped order, no out-of-range value passes as a point", async () => {
    const lines = ["0x69,21.0287", "21.0287,105.8524", "105.85,95", "1e2,2.1e1", "105,8524,21,0285"];
    const { out, err } = await run(
      ["locate"],
      `${lines.join("\n")}\n105,8524;21,0287\n105.8524 21.0287\n105,8524 21,0287\n`,
    );
    const records = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(8);
    for (const record of records.slice(0, 5)) {
      expect(record.code).toBeNull();
      expect(record.error).toBeTruthy();
    }
    expect(records[1].error).toMatch(/looks like latitude first/);
    expect(records[4].error).toMatch(/decimal commas/);
    // ";" or spaces between the two allow a decimal comma.
    expect(records.slice(5).map((r) => r.code)).toEqual(["00070", "00070", "00070"]);
    expect(err).toMatch(/5 unreadable/);
  });

  it("reads a CSV of points by its header and a file named as an argument, into --output", async () => {
    const file = join(dir, "points.csv");
    writeFileSync(file, "\uFEFFid;east;north\n1;105,8524;21,0287\n");
    const unknown = await run(["locate", file]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/columns: id, east, north/);
    writeFileSync(file, '\uFEFFid;Kinh độ;Vĩ độ\n1;105,8524;21,0287\n2;"106.7009";"10.7769"\n3;;\n');
    const output = join(dir, "located.csv");
    const { code } = await run(["locate", file, "--format", "csv", "-o", output]);
    expect(code).toBe(0);
    const rows = parse(readFileSync(output, "utf8"), { columns: true }) as Record<string, string>[];
    // The input's own columns come first, as written, so that each row can be told apart.
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "id",
      "Kinh độ",
      "Vĩ độ",
      "code",
      "full_name",
      "province_code",
      "error",
    ]);
    expect(rows.map((r) => [r.id, r["Kinh độ"]])).toEqual([
      ["1", "105,8524"],
      ["2", "106.7009"],
      ["3", ""],
    ]);
    expect(rows.map((r) => [r.code, r.province_code])).toEqual([
      ["00070", "01"],
      [diagioi.locator?.locate(106.7009, 10.7769)?.code, "79"],
      ["", ""],
    ]);
    expect(rows[2]?.error).toMatch(/not a decimal number/);
    const missing = await run(["locate", join(dir, "no-such-points.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/neither a point "lng,lat" nor a file/);
    // An output that is an input, by its name or through a link, is refused and the input kept.
    const link = join(dir, "points-link.csv");
    symlinkSync(file, link);
    const before = readFileSync(file, "utf8");
    for (const target of [file, link]) {
      const same = await run(["locate", "105.85,21.03", file, "-o", target]);
      expect([same.code, same.err.trim()]).toEqual([2, expect.stringMatching(/is the input file/)]);
    }
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("lists the first 100 unreadable points, then counts the rest", async () => {
    const file = join(dir, "bad-points.txt");
    writeFileSync(
      file,
      ["105.8524,21.0287", ...Array.from({ length: 150 }, (_, i) => `105.${i},21,03,1`)].join("\n"),
    );
    const { code, err } = await run(["locate", file]);
    expect(code).toBe(0);
    expect(err.match(/, line \d+: /g)?.length).toBe(100);
    expect(err).toMatch(/50 more unreadable points not listed/);
    const json = await run(["locate"], '{"lng":105.8524,"lat":21.0287}\n');
    expect([json.code, json.err]).toEqual([2, expect.stringMatching(/JSON lines are not read here/)]);
  });
});

describe("the installed command", () => {
  const root = join(import.meta.dirname, "../../..");
  const bin = join(root, "packages/cli/bin/diagioi.js");
  const lines = readFileSync(join(root, "data/dist/units.csv"), "utf8")
    .split("\n")
    .filter((line) => line.includes(",commune,") && line.endsWith(",2025-06-30"))
    .slice(0, 4000)
    .map((line) => line.split(",")[4]);
  const big = join(dir, "big.txt");
  writeFileSync(big, `${lines.join("\n")}\n`);

  it("runs as pnpm -s diagioi from the repository root", () => {
    const out = execFileSync("node", ["packages/cli/bin/diagioi.js", "convert"], {
      cwd: root,
      input: "P1 Q3 TPHCM\n",
      encoding: "utf8",
    });
    expect(JSON.parse(out).new.code).toBe("27154");
  });

  it("keeps the input's order on two worker threads", () => {
    const one = execFileSync("node", [bin, "convert", big, "--format", "csv"], {
      encoding: "utf8",
      stdio: "pipe",
    });
    const two = execFileSync("node", [bin, "convert", big, "--format", "csv", "--jobs", "2"], {
      encoding: "utf8",
      stdio: "pipe",
    });
    expect(one.split("\n")).toHaveLength(lines.length + 2);
    expect(two).toBe(one);
  });

  it("converts a file of 16 MB or more on worker threads unless --jobs says otherwise", () => {
    // Wide rows (an 8 kB note each) make the size with few addresses to convert.
    const file = join(dir, "wide.csv");
    const note = "x".repeat(8_000);
    const rows = lines.slice(0, 2_200).map((address, i) => `${i},${note},${address}`);
    writeFileSync(file, `id,note,address\n${rows.join("\n")}\n`);
    expect(statSync(file).size).toBeGreaterThanOrEqual(PARALLEL_MIN_BYTES);
    const run = (...extra: string[]) =>
      spawnSync("node", [bin, "convert", file, ...extra], { encoding: "utf8", maxBuffer: 1 << 28 });
    const byDefault = run();
    const one = run("--jobs", "1");
    expect(byDefault.status).toBe(0);
    expect(byDefault.stdout).toBe(one.stdout);
    expect(one.stdout.split("\n")).toHaveLength(rows.length + 1);
    const threads = Math.min(availableParallelism(), 4);
    if (threads > 1) expect(byDefault.stderr).toContain(`/s on ${threads} worker threads)`);
    expect(one.stderr).not.toContain("worker threads");
    // No more workers than cores, whatever --jobs asks.
    const cores = availableParallelism();
    const many = run("--jobs", String(cores + 3));
    expect(many.stdout).toBe(one.stdout);
    expect(many.stderr).toContain(`this machine has ${cores} cores; using ${cores}`);
    // A file under the size converts in one thread.
    expect(spawnSync("node", [bin, "convert", big], { encoding: "utf8" }).stderr).not.toContain(
      "worker threads",
    );
  });

  it("keeps a CSV's records whole across chunks on two worker threads, line ends in quotes included", () => {
    const file = join(dir, "big.csv");
    const rows = lines.map((address, i) => `${i};"${i % 7 === 0 ? `note\n${i}` : "x"}";"${address}"`);
    writeFileSync(
      file,
      `id;note;address\n${rows.join("\n")}\n`.repeat(8).replace(/\nid;note;address\n/g, "\n"),
    );
    const args = [bin, "convert", file, "--format", "csv"];
    const one = execFileSync("node", args, { encoding: "utf8", stdio: "pipe", maxBuffer: 1 << 28 });
    const two = execFileSync("node", [...args, "--jobs", "2"], {
      encoding: "utf8",
      stdio: "pipe",
      maxBuffer: 1 << 28,
    });
    expect(two).toBe(one);
    expect(one.match(/^\d+,"note\n\d+",/gm)?.length).toBe(8 * Math.ceil(lines.length / 7));
  });

  it("ends quietly with status 0 when the reader closes the pipe", () => {
    // Points of every commune's centre, many more than a pipe's buffer holds.
    const points = join(dir, "many-points.txt");
    writeFileSync(
      points,
      Array.from({ length: 200_000 }, (_, i) => `${105 + (i % 100) / 100},21`).join("\n"),
    );
    for (const command of [`convert ${big}`, `locate ${points}`]) {
      const result = spawnSync(
        "bash",
        ["-c", `node ${bin} ${command} | head -1 > /dev/null; echo "\${PIPESTATUS[0]}"`],
        {
          encoding: "utf8",
        },
      );
      expect([command, result.stdout.trim()]).toEqual([command, "0"]);
      expect(result.stderr).toBe("");
    }
  });

  it("removes the partial output file on Ctrl-C, with status 130", async () => {
    const output = join(dir, "interrupted.jsonl");
    const child = spawn("node", [bin, "convert", "--output", output], { stdio: ["pipe", "ignore", "pipe"] });
    child.stdin.on("error", () => {}); // the child stops reading when interrupted
    const errors: Buffer[] = [];
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
    child.stdin.write(`${lines.join("\n")}\n`.repeat(20));
    const temporary = join(dir, `.interrupted.jsonl.tmp-${child.pid}`);
    for (let i = 0; i < 200 && !existsSync(temporary); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(temporary)).toBe(true);
    const status = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await status).toBe(130);
    expect(Buffer.concat(errors).toString()).toMatch(/interrupted: the partial output is removed/);
    expect(existsSync(temporary)).toBe(false);
    expect(existsSync(output)).toBe(false);
  });
});
