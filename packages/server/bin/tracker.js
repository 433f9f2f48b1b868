#!/usr/bin/env node
// Runs the TypeScript source directly (the packages are used from source; see the README).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
