export { addDays, checkDate, inForce, today } from "./dates.ts";
export {
  splitFullName,
  UNIT_KIND_PREFIX,
  type UnitKind,
  type UnitLevel,
  unitKindOf,
  unitLevelOf,
} from "./kinds.ts";
export { CODE_WIDTHS, type NameQuery, type UnitQuery, UnitRegistry } from "./registry.ts";
