/** io.kestra.plugin.scripts.shell.Commands: runs a list of shell commands through the interpreter. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { commands, scriptOutputs, scriptProperties } from "../script-properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.scripts.shell.Commands",
  title: "Run shell commands, in a container by default.",
  runsOn: "runner",
  properties: z.strictObject({ ...scriptProperties("ubuntu"), commands }),
  outputs: scriptOutputs,
});
