/**
 * The `diagioi` executable: runs {@link main} on the command line. A closed output pipe (`| head`)
 * ends the process quietly with status 0; temporary output files are removed however it ends.
 */
import { main } from "./main.ts";
import { removeAll } from "./temporary.ts";

for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    removeAll();
    process.exit(0);
  });
}

process.exitCode = await main(process.argv.slice(2));
