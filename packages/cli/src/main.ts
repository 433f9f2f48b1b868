/**
 * The `diagioi` command.
 *
 *   diagioi convert [FILE] [--column NAME] [--coords] [--format csv|jsonl|table] [--output FILE]
 *   diagioi lookup CODE|NAME [--date D] [--level L]
 *   diagioi trace CODE [--level L]
 *   diagioi locate [LNG,LAT …]            (or lines "lng,lat" on standard input)
 */
import { parseArgs } from "node:util";
import type { Diagioi, UnitLevel } from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";
import { runLocate, runLookup, runTrace } from "./commands.ts";
import { runConvert } from "./convert.ts";
import { UnusableInput } from "./errors.ts";
import { FORMATS, type Format } from "./output.ts";

export const USAGE = `Usage: diagioi <command> [options]

Commands:
  convert [FILE]        Convert addresses to today's units. Input: one address per line
                        (standard input or FILE), CSV with --column, or JSONL (.jsonl or --input jsonl).
  lookup CODE|NAME      Units by code (every version) or by name (any spelling).
  trace CODE            What a code's units were formed from and what they became, with the law.
  locate [LNG,LAT ...]  The commune containing each point (arguments or "lng,lat" lines on standard input).

Options:
  --format csv|jsonl|table   Output format (default: jsonl for convert and locate, table otherwise).
  --column NAME              convert: the CSV column (or JSONL field) holding the address.
  --input lines|csv|jsonl    convert: how to read the input (default: from --column and the file name).
  --coords                   convert: settle split communes by coordinates ("address|lng,lat" lines,
                             or the --lng-column/--lat-column columns, default lng and lat).
  --output FILE              convert: write to FILE (atomically) instead of standard output.
  --era old|new|auto         convert: the units the addresses are written in (default auto: both readings).
  --date YYYY-MM-DD          Units in force on that date (default today).
  --level province|district|commune
  -h, --help                 This help.

Exit status: 0 on success (bad rows are reported on standard error and skipped), 2 when the input or
the arguments cannot be used, 1 on an unexpected error.
`;

const LEVELS = ["province", "district", "commune"];

export async function main(
  argv: string[],
  io: {
    stdin: NodeJS.ReadableStream;
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
  } = process,
  load: () => Diagioi = () => loadDiagioi(),
): Promise<number> {
  const stdout = io.stdout as unknown as import("node:stream").Writable;
  const stderr = io.stderr as unknown as import("node:stream").Writable;
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    stderr.write(`diagioi: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, positionals, values } = parsed;
  if (values.help || !command) {
    (values.help ? stdout : stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const format = (values.format ??
      (command === "convert" || command === "locate" ? "jsonl" : "table")) as Format;
    const level = values.level as UnitLevel | undefined;
    const diagioi = load();
    const stdin = io.stdin as unknown as import("node:stream").Readable;
    switch (command) {
      case "convert":
        if (positionals.length > 1) throw new UnusableInput("convert takes at most one input file");
        await runConvert(
          diagioi,
          {
            input: positionals[0],
            output: values.output,
            format,
            column: values.column,
            inputFormat: values.input as "lines" | "csv" | "jsonl" | undefined,
            coords: Boolean(values.coords),
            lngColumn: values["lng-column"] ?? "lng",
            latColumn: values["lat-column"] ?? "lat",
            date: values.date,
            era: values.era as "old" | "new" | "auto" | undefined,
          },
          stdin,
          stdout,
          stderr,
        );
        return 0;
      case "lookup": {
        if (positionals.length === 0) throw new UnusableInput("lookup needs a code or a name");
        const found = await runLookup(
          diagioi,
          positionals.join(" "),
          { date: values.date, level, format },
          stdout,
        );
        if (found === 0) stderr.write(`no unit matches "${positionals.join(" ")}"\n`);
        return found === 0 ? 1 : 0;
      }
      case "trace": {
        if (positionals.length !== 1) throw new UnusableInput("trace needs one code");
        const found = await runTrace(diagioi, positionals[0] as string, { level, format }, stdout);
        if (found === 0) stderr.write(`no unit has the code "${positionals[0]}"\n`);
        return found === 0 ? 1 : 0;
      }
      case "locate":
        await runLocate(diagioi, positionals, stdin, { format }, stdout, stderr);
        return 0;
      default:
        throw new UnusableInput(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UnusableInput || /^date must be/.test((error as Error).message)) {
      stderr.write(`diagioi: ${(error as Error).message}\n`);
      return 2;
    }
    stderr.write(`diagioi: unexpected error: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      column: { type: "string" },
      input: { type: "string" },
      coords: { type: "boolean" },
      "lng-column": { type: "string" },
      "lat-column": { type: "string" },
      output: { type: "string", short: "o" },
      date: { type: "string" },
      era: { type: "string" },
      level: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.format && !FORMATS.includes(values.format as Format)) {
    throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  }
  if (values.level && !LEVELS.includes(values.level))
    throw new Error(`--level must be one of ${LEVELS.join(", ")}`);
  if (values.input && !["lines", "csv", "jsonl"].includes(values.input)) {
    throw new Error("--input must be lines, csv or jsonl");
  }
  if (values.era && !["old", "new", "auto"].includes(values.era))
    throw new Error("--era must be old, new or auto");
  if (values.input === "csv" && !values.column) throw new Error("--input csv needs --column");
  const [command, ...rest] = positionals;
  return { command, positionals: rest, values };
}
