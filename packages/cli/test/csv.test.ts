import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MAX_RECORD_CHARS, RecordSplitter } from "../src/chunks.ts";
import { csvRow, parseCsv } from "../src/csv.ts";
import { RecordWriter } from "../src/output.ts";

describe("the command's CSV reader", () => {
  const read = (text: string, delimiter = ",") => {
    const bad: string[] = [];
    const records = parseCsv(text, delimiter, 2, (line, reason) => bad.push(`${line}: ${reason}`));
    return { records: records.map((r) => [r.line, ...r.fields]), bad };
  };

  it("reads quotes, doubled quotes, line ends inside quotes, CRLF and empty lines, counting lines", () => {
    expect(read('1,"a, ""b""",c\r\n\n2,"two\nlines",x\n3,,\n').records).toEqual([
      [2, "1", 'a, "b"', "c"],
      [4, "2", "two\nlines", "x"],
      [6, "3", "", ""],
    ]);
  });

  it("takes any one-character delimiter, and keeps a quote inside an unquoted field", () => {
    expect(read('1;a"b;c\n', ";").records).toEqual([[2, "1", 'a"b', "c"]]);
    expect(read("1\tx y\n", "\t").records).toEqual([[2, "1", "x y"]]);
  });

  it("reads sloppy quoting as spreadsheets do; skips only the line of a quote never closed", () => {
    const { records, bad } = read('1,"Nhà văn hóa" thôn 3,c\n2,"Chung cư A, 12 Lê Lợi,x\n3,ok\n4,"b"\n');
    expect(records).toEqual([
      [2, "1", "Nhà văn hóa thôn 3", "c"],
      [4, "3", "ok"],
      [5, "4", "b"],
    ]);
    expect(bad).toEqual(["3: a quote opened on this line is never closed: the line is skipped"]);
  });

  it("cuts a chunk at a line end past the longest field a stray quote would make it hold", () => {
    const row = "1,Phường Phúc Xá, Ba Đình\n";
    const rows = Math.ceil(MAX_RECORD_CHARS / row.length) + 10;
    const splitter = new RecordSplitter<string>(true, 2, "");
    splitter.push(`1,"stray\n${row.repeat(rows)}partial`);
    const chunk = splitter.take();
    expect(chunk?.text.endsWith(row)).toBe(true);
    expect(splitter.peek()).toEqual({ text: "partial", firstLine: rows + 3 });
    // The quote state starts afresh after the cut.
    splitter.push(",x\n");
    expect(splitter.take()?.text).toBe("partial,x\n");
  });

  it("writes what it reads", () => {
    const row = ["1", 'a, "b"', "two\nlines", ""];
    expect(read(csvRow(row)).records).toEqual([[2, ...row]]);
  });

  it("aligns a table of 200,000 rows (the widths are not spread into a call's arguments)", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const writer = new RecordWriter(sink, "table", ["n", "name"]);
    for (let n = 0; n < 200_000; n++) writer.add({ n, name: n % 2 ? "Phường Bàn Cờ" : "x" });
    await writer.end();
    expect(lines).toHaveLength(200_001);
    expect(lines[1]).toBe("0       x\n");
  });
});
