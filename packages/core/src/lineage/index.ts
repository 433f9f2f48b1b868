export { CHANGE_KINDS, type ChangeKind, isChangeKind, PARTIAL_KINDS } from "./kinds.ts";
