export { CHANGE_KINDS, type ChangeKind, isChangeKind, PARTIAL_KINDS } from "./kinds.ts";
export { type Destination, dayAfter, Lineage, newLevelOf } from "./lineage.ts";
