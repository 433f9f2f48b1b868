export { type Link, parseLineageCsv, parseUnitsCsv, type Unit } from "./records.ts";
