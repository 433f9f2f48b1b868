export * from "./lineage/index.ts";
export * from "./text/index.ts";
export * from "./units/index.ts";
