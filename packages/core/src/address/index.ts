export {
  AddressConverter,
  type AddressResult,
  type ConvertOptions,
  type LocateFunction,
  type NewCommune,
} from "./convert.ts";
export type { PreparedIndex } from "./name-index.ts";
export type { Reading, ReadUnit } from "./read.ts";
export { withinOneEdit } from "./resolve.ts";
export { type Token, tokenize } from "./tokenize.ts";
