/** io.kestra.plugin.scripts.python.Commands: runs shell commands (e.g. `python main.py`) with the Python dependencies installed. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { commands, scriptOutputs, scriptProperties } from "../script-properties.js";
import { PYTHON_IMAGE, pythonProperties } from "./script.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.scripts.python.Commands",
  title: "Run Python commands, in a container by default.",
  runsOn: "runner",
  properties: z.strictObject({ ...scriptProperties(PYTHON_IMAGE), ...pythonProperties, commands }),
  outputs: scriptOutputs,
});
