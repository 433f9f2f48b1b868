export { type Link, parseLineageCsv, parseUnitsCsv, type Unit } from "./records.ts";
export { type Slice, type Slices, sliceByProvince, sliceFile } from "./slices.ts";
