export { LAST_OLD_DAY, withHistory } from "./history.ts";
export {
  type Link,
  lineageCsv,
  lineageHistoryCsv,
  linkRows,
  linksFromRows,
  parseLineageCsv,
  parseLineageHistoryCsv,
  parseUnitsCsv,
  type Unit,
  unitRows,
  unitsCsv,
  unitsFromRows,
} from "./records.ts";
export { type Slice, type Slices, sliceByProvince, sliceFile } from "./slices.ts";
