export {
  AddressConverter,
  type AddressResult,
  type ConvertOptions,
  type LocateFunction,
  type NewCommune,
} from "./convert.ts";
export type { PreparedIndex } from "./name-index.ts";
export type { Reading, ReadUnit } from "./read.ts";
export { type Token, tokenize } from "./tokenize.ts";
