// Drives the peer library (vietnam-address-converter, built from its repository outside this one)
// as a whole process, the way `diagioi convert` runs: one address per line of a file in, one JSON
// line per address out. Usage: node peer-convert.mjs PEER_DIR FILE (run with PEER_DIR as the working
// directory: the peer finds its data package there).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [peerDir, file] = process.argv.slice(2);
const { VietnamAddressConverter } = await import(pathToFileURL(join(peerDir, "dist/index.esm.js")).href);
const converter = new VietnamAddressConverter();
await converter.initialize();
const lines = readFileSync(file, "utf8").split("\n");
if (lines.at(-1) === "") lines.pop();
const out = [];
for (const line of lines) {
  const result = converter.convertAddress(line);
  out.push(JSON.stringify({ input: line, ok: result.success, address: result.convertedAddress ?? null }));
}
process.stdout.write(`${out.join("\n")}\n`);
