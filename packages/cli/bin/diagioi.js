#!/usr/bin/env node
// The compiled command: packages/cli/dist, made by `pnpm build` (the published package ships it).
import "../dist/bin.js";
