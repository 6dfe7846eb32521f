/** io.kestra.plugin.scripts.node.Script: writes an inline script to a `.js` file and runs it with `node`. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { script, scriptOutputs, scriptProperties } from "../script-properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.scripts.node.Script",
  title: "Run an inline Node.js script, in a container by default.",
  runsOn: "runner",
  properties: z.strictObject({ ...scriptProperties("node"), script }),
  outputs: scriptOutputs,
});
