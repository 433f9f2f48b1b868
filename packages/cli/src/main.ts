/**
 * The `diagioi` command.
 *
 *   diagioi convert [FILE] [--column NAME] [--coords] [--format csv|jsonl|table] [--output FILE] [--jobs N]
 *   diagioi lookup CODE|NAME [--date D] [--level L]
 *   diagioi trace CODE [--level L]
 *   diagioi locate [LNG,LAT | FILE …] [-o FILE]   (or lines "lng,lat", or a CSV, on standard input)
 */
import type { Readable, Writable } from "node:stream";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Diagioi, UnitLevel } from "@diagioi/core";
import { runLocate, runLookup, runTrace } from "./commands.ts";
import { type DatasetSource, runConvert } from "./convert.ts";
import { reasonOf, UnusableInput } from "./errors.ts";
import { FORMATS, type Format } from "./output.ts";
import { COMMAND_USAGE, USAGE } from "./usage.ts";

export { COMMAND_USAGE, USAGE } from "./usage.ts";

/**
 * The query as `lookup` and `trace` read it: the statistics office's code for a code that other unit
 * lists give the unit instead ("06978", Xã Ba Chẽ) and that no unit here bears, with a line on
 * standard error saying so; any other text as it is.
 */
async function statisticsCode(
  command: string,
  text: string,
  diagioi: Diagioi,
  stderr: Writable,
): Promise<string> {
  const written = text.trim();
  if (!/^\d{5}$/.test(written) || diagioi.units.versionsOf(written).length > 0) return text;
  const code = (await import("@diagioi/data")).codeAliases()[written];
  if (!code) return text;
  stderr.write(
    `diagioi ${command}: ${written} is the unit lists' code for the unit the statistics office codes ${code}\n`,
  );
  return code;
}

/** Exit statuses (see the help). */
export const EXIT = { ok: 0, unexpected: 1, unusable: 2, notFound: 3 } as const;

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const LEVELS = ["province", "district", "commune"];

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP: Options = { help: { type: "boolean", short: "h" } };
const OPTIONS: Record<string, Options> = {
  convert: {
    ...HELP,
    format: { type: "string" },
    column: { type: "string" },
    delimiter: { type: "string" },
    input: { type: "string" },
    coords: { type: "boolean" },
    "lng-column": { type: "string" },
    "lat-column": { type: "string" },
    output: { type: "string", short: "o" },
    date: { type: "string" },
    era: { type: "string" },
    "as-of": { type: "string" },
    jobs: { type: "string", short: "j" },
  },
  lookup: { ...HELP, format: { type: "string" }, date: { type: "string" }, level: { type: "string" } },
  trace: { ...HELP, format: { type: "string" }, level: { type: "string" } },
  locate: { ...HELP, format: { type: "string" }, output: { type: "string", short: "o" } },
};

/** The version of the command and the edition of the data it loads. */
export async function versionText(): Promise<string> {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const own = require("../package.json") as { version: string };
  let data = "unknown";
  try {
    data = (require("@diagioi/data/package.json") as { version: string }).version;
  } catch {}
  // The major version is the edition's date (see the README).
  const edition = /^(\d{4})(\d{2})(\d{2})\./.exec(data);
  const date = edition ? `${edition[1]}-${edition[2]}-${edition[3]}` : data;
  return `diagioi ${own.version} (@diagioi/data ${data}: data edition ${date}, node ${process.version})\n`;
}

/**
 * Runs a command line and returns the exit status. `load` replaces the dataset (tests pass one
 * already loaded); by default a few addresses load only the provinces they name, and a large input
 * loads everything once.
 */
export async function main(argv: string[], io: Io = process, load?: () => Diagioi): Promise<number> {
  const stdout = io.stdout as unknown as Writable;
  const stderr = io.stderr as unknown as Writable;
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    const about = command === "help" ? rest[0] : undefined;
    (command === undefined ? stderr : stdout).write((about && COMMAND_USAGE[about]) || USAGE);
    return command === undefined ? EXIT.unusable : EXIT.ok;
  }
  if (command === "-v" || command === "--version" || command === "version") {
    stdout.write(await versionText());
    return EXIT.ok;
  }
  const options = OPTIONS[command];
  if (!options) {
    stderr.write(`diagioi: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.unusable;
  }
  let positionals: string[];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ positionals, values } = parseArgs({ args: rest, allowPositionals: true, options }) as {
      positionals: string[];
      values: Record<string, string | boolean | undefined>;
    });
    checkValues(values);
  } catch (error) {
    stderr.write(
      `diagioi ${command}: ${(error as Error).message}\n(diagioi ${command} --help lists the options)\n`,
    );
    return EXIT.unusable;
  }
  if (values.help) {
    stdout.write(COMMAND_USAGE[command] as string);
    return EXIT.ok;
  }
  const string = (name: string) => values[name] as string | undefined;
  try {
    const format = (string("format")?.toLowerCase() ??
      formatOfFile(string("output")) ??
      (command === "convert" || command === "locate" ? "jsonl" : "table")) as Format;
    const level = string("level") as UnitLevel | undefined;
    const stdin = io.stdin as unknown as Readable;
    const full = async (boundaries: boolean) =>
      load?.() ?? (await import("@diagioi/data")).loadDiagioi({ boundaries });
    switch (command) {
      case "convert": {
        if (positionals.length > 1) throw new UnusableInput("convert takes at most one input file");
        const source: DatasetSource = load
          ? { full: async () => load() }
          : {
              full: (boundaries) => full(boundaries),
              forAddresses: async (addresses, date) =>
                (await import("@diagioi/data")).loadForAddresses(addresses, { date }),
            };
        await runConvert(
          source,
          {
            input: positionals[0],
            output: string("output"),
            format,
            column: string("column"),
            delimiter: delimiterNamed(string("delimiter")),
            inputFormat: string("input") as "lines" | "csv" | "jsonl" | undefined,
            coords: Boolean(values.coords),
            lngColumn: string("lng-column"),
            latColumn: string("lat-column"),
            date: string("date"),
            era: string("era") as "old" | "new" | "auto" | undefined,
            asOf: string("as-of"),
            jobs: string("jobs") === undefined ? undefined : Number(string("jobs")),
          },
          stdin,
          stdout,
          stderr,
        );
        return EXIT.ok;
      }
      case "lookup": {
        const query = positionals.join(" ");
        if (!query.trim()) throw new UnusableInput("lookup needs a code or a name");
        const diagioi = await full(false);
        const found = await runLookup(
          diagioi,
          await statisticsCode("lookup", query, diagioi, stderr),
          { date: string("date"), level, format },
          stdout,
        );
        if (found === 0) stderr.write(`diagioi lookup: no unit matches "${query}"\n`);
        return found === 0 ? EXIT.notFound : EXIT.ok;
      }
      case "trace": {
        if (positionals.length !== 1) throw new UnusableInput("trace needs one code");
        const diagioi = await full(false);
        const code = await statisticsCode("trace", positionals[0] as string, diagioi, stderr);
        const found = await runTrace(diagioi, code, { level, format }, stdout);
        if (found === 0) stderr.write(`diagioi trace: no unit has the code "${code}"\n`);
        return found === 0 ? EXIT.notFound : EXIT.ok;
      }
      default:
        await runLocate(
          await full(true),
          positionals,
          stdin,
          { format, output: string("output") },
          stdout,
          stderr,
        );
        return EXIT.ok;
    }
  } catch (error) {
    if (error instanceof UnusableInput || /^date must be/.test((error as Error).message)) {
      stderr.write(`diagioi ${command}: ${(error as Error).message}\n`);
      return EXIT.unusable;
    }
    // A file that cannot be read or written (a full disk, a file gone): no bug, and no stack trace.
    const system = error as NodeJS.ErrnoException;
    // The reader of standard output went away (`| head`): it has what it wanted.
    if (system.code === "EPIPE") return EXIT.ok;
    if (typeof system.code === "string" && system.syscall !== undefined) {
      stderr.write(`diagioi ${command}: ${system.path ?? system.syscall}: ${reasonOf(system)}\n`);
      return EXIT.unusable;
    }
    stderr.write(`diagioi ${command}: unexpected error: ${(error as Error).stack ?? error}\n`);
    return EXIT.unexpected;
  }
}

function checkValues(values: Record<string, string | boolean | undefined>): void {
  const { format, level, input, era, jobs, delimiter, output } = values as Record<string, string | undefined>;
  if (output === "") throw new Error("--output needs a file name (or - for standard output)");
  if (format && !FORMATS.includes(format.toLowerCase() as Format))
    throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  if (level && !LEVELS.includes(level)) throw new Error(`--level must be one of ${LEVELS.join(", ")}`);
  if (input && !["lines", "csv", "jsonl"].includes(input))
    throw new Error("--input must be lines, csv or jsonl");
  if (era && !["old", "new", "auto"].includes(era)) throw new Error("--era must be old, new or auto");
  const asOf = values["as-of"];
  if (typeof asOf === "string" && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new Error(`--as-of must be a date, YYYY-MM-DD (got "${asOf}")`);
  if (jobs !== undefined && !/^[1-9]\d?$/.test(jobs))
    throw new Error("--jobs must be a whole number from 1 to 99");
  if (delimiter !== undefined && delimiterOf(delimiter) === undefined)
    throw new Error('--delimiter must be one character (or "tab", "\\t")');
}

/** The format an --output file's name asks for (".csv", ".jsonl"), when it asks for one. */
function formatOfFile(file: string | undefined): Format | undefined {
  const extension = file?.toLowerCase().match(/\.(csv|jsonl|ndjson)$/)?.[1];
  return extension === undefined ? undefined : extension === "csv" ? "csv" : "jsonl";
}

/** The character a --delimiter value names ("tab" is a tab), or undefined when none was given. */
function delimiterNamed(value: string | undefined): string | undefined {
  return value === undefined ? undefined : delimiterOf(value);
}

/** The delimiter a --delimiter value names. */
export function delimiterOf(value: string): string | undefined {
  if (value === "tab" || value === "\\t" || value === "\t") return "\t";
  if (value === "semicolon") return ";";
  if (value === "comma") return ",";
  return [...value].length === 1 && value !== '"' && value !== "\n" && value !== "\r" ? value : undefined;
}
