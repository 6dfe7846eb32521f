/**
 * The `tern` command line. It receives its I/O (output streams, file reading) from the
 * caller, so src/ keeps no Node imports; bin/tern.js wires it to Node.
 */

import type { CliIo } from "./io.js";
import { renderCommand } from "./render.js";

const USAGE = `Usage:
  tern render 'TEMPLATE' [--context ctx.json] [--typed]   render a Pebble template the way Kestra does
`;

export async function main(argv: readonly string[], cli: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "render":
      return renderCommand(rest, cli);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      cli.out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      cli.err(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
