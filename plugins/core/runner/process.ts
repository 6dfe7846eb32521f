/**
 * io.kestra.plugin.core.runner.Process: the task runner that runs a script task's commands
 * as a local process in the task's working directory, without a container.
 */
import { z } from "zod";
import { defineTaskRunner } from "../../../src/plugin/define.js";

export default defineTaskRunner({
  type: "io.kestra.plugin.core.runner.Process",
  title: "Run the task's commands as a process on the worker host.",
  properties: z.strictObject({}),
});
