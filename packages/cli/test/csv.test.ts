import { describe, expect, it } from "vitest";
import { csvRow, parseCsv } from "../src/csv.ts";

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

  it("reports and skips records it cannot read", () => {
    const { records, bad } = read('1,"a"b,c\n2,ok\n3,"open\n');
    expect(records).toEqual([[3, "2", "ok"]]);
    expect(bad).toEqual(["2: text after a closing quote", "4: a quoted field is not closed"]);
  });

  it("writes what it reads", () => {
    const row = ["1", 'a, "b"', "two\nlines", ""];
    expect(read(csvRow(row)).records).toEqual([[2, ...row]]);
  });
});
