export * from "./facility.ts";
export * from "./history.ts";
export * from "./seats.ts";
export * from "./sets.ts";
export * from "./stats.ts";
export * from "./validate.ts";
export * from "./values.ts";
export * from "./workflow.ts";
