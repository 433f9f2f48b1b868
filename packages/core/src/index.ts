export * from "./address/index.ts";
export * from "./assets/index.ts";
export * from "./data/index.ts";
export {
  createDiagioi,
  type Diagioi,
  type DiagioiData,
  fromPrepared,
  type PreparedDataset,
  prepareDataset,
} from "./diagioi.ts";
export * from "./geo/index.ts";
export * from "./lineage/index.ts";
export { type FetchText, ProvinceLoader } from "./province-loader.ts";
export * from "./text/index.ts";
export * from "./units/index.ts";
export { pick, random } from "./util/random.ts";
