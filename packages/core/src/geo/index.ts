export { type LocatedUnit, Locator } from "./locator.ts";
export { assembleRing, type DecodedLayer, decodePack, decodeTopology } from "./pack.ts";
