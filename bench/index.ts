/**
 * pnpm bench: accuracy and speed figures for addresses, locate and loading, and the command as a
 * whole process (`pnpm bench cli`, after `pnpm build`), beside a peer library when it is present.
 * Needs the raw sources (../shared/data/sources or $DIAGIOI_SOURCES) for the evaluation sets.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchAddresses } from "./address.bench.ts";
import { benchCli } from "./cli.bench.ts";
import { benchLoad } from "./load.bench.ts";
import { benchLocate } from "./locate.bench.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sourcesDir = process.env.DIAGIOI_SOURCES ?? join(root, "../shared/data/sources");
const only = process.argv[2];

console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
if (!only || only === "load") benchLoad(root);
if (!only || only === "address") benchAddresses(sourcesDir, join(root, "bench/out"));
if (!only || only === "locate") benchLocate(sourcesDir, join(root, "data/dist"));
if (!only || only === "cli") benchCli(root, sourcesDir, join(root, "bench/out"));
