/**
 * The `tern` command line. It receives its I/O (output streams, file reading) from the
 * caller, so src/ keeps no Node imports; bin/tern.js wires it to Node.
 */

import type { PluginRegistry } from "../plugin/registry.js";
import type { CliIo } from "./io.js";
import { renderCommand } from "./render.js";
import { runCommand } from "./run.js";
import { validateCommand } from "./validate.js";

const USAGE = `Usage:
  tern run FLOW.yaml [--input key=value]... [--flows DIR] [--namespace-files DIR] [--json]
                                                        run a flow on the local host; --flows deploys
                                                        the flows of DIR for its Subflow tasks;
                                                        --namespace-files gives DIR's files as the
                                                        namespace files of the flow's namespace
  tern validate FLOW.yaml...                            validate flows; non-zero exit when one is invalid
  tern render 'TEMPLATE' [--context ctx.json] [--typed] render a Pebble template the way Kestra does
`;

/** The host gives the CLI its I/O and the plugin list (src/ does not import plugins/). */
export async function main(argv: readonly string[], cli: CliIo, registry: PluginRegistry): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "render":
      return renderCommand(rest, cli);
    case "run":
      return runCommand(rest, cli, registry);
    case "validate":
      return validateCommand(rest, cli, registry);
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
