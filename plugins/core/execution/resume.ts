/**
 * io.kestra.plugin.core.execution.Resume: resumes a paused execution (the current one unless
 * `executionId` is set), optionally passing `onResume` inputs.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Resume",
  title: "Resume a paused execution.",
  properties: z.strictObject({
    namespace: dynamic(z.string()).optional(),
    flowId: dynamic(z.string()).optional(),
    executionId: dynamic(z.string()).optional(),
    /** Values for the paused task's `onResume` inputs. */
    inputs: dynamic(anyMap).optional(),
  }),
});
