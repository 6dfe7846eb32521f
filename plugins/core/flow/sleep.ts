/** io.kestra.plugin.core.flow.Sleep: waits for `duration`, then succeeds. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamicDuration } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.flow.Sleep",
  title: "Wait for a duration.",
  properties: z.strictObject({
    duration: dynamicDuration().describe("How long to wait, e.g. PT5S"),
  }),
  waitsFor: "duration",
});
