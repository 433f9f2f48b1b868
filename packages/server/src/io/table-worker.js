// A worker thread does not inherit the loader that runs the TypeScript source: register it here too.
import { register } from "tsx/esm/api";

register();
await import("./table-worker.ts");
