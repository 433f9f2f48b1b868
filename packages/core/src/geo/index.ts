export { type LocatedUnit, Locator } from "./locator.ts";
export { type DecodedLayer, decodePack, decodeTopology } from "./pack.ts";
