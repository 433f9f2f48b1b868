export { splitFullName, UNIT_KIND_PREFIX, type UnitKind, type UnitLevel } from "./kinds.ts";
