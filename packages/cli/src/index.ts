export { type ConvertCommand, type DatasetSource, runConvert, type Summary } from "./convert.ts";
export { COMMAND_USAGE, EXIT, type Io, main, USAGE, versionText } from "./main.ts";
