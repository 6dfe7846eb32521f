/** io.kestra.plugin.scripts.shell.Script: runs an inline shell script through the interpreter. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { script, scriptOutputs, scriptProperties } from "../script-properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.scripts.shell.Script",
  title: "Run an inline shell script, in a container by default.",
  runsOn: "runner",
  properties: z.strictObject({ ...scriptProperties("ubuntu"), script }),
  outputs: scriptOutputs,
});
