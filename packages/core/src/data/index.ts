export {
  type Link,
  lineageCsv,
  linkRows,
  linksFromRows,
  parseLineageCsv,
  parseUnitsCsv,
  type Unit,
  unitRows,
  unitsFromRows,
} from "./records.ts";
export { type Slice, type Slices, sliceByProvince, sliceFile } from "./slices.ts";
