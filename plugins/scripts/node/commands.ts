/** io.kestra.plugin.scripts.node.Commands: runs shell commands (e.g. `node main.js`) in a Node.js image. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { commands, scriptOutputs, scriptProperties } from "../script-properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.scripts.node.Commands",
  title: "Run Node.js commands, in a container by default.",
  runsOn: "runner",
  properties: z.strictObject({ ...scriptProperties("node"), commands }),
  outputs: scriptOutputs,
});
