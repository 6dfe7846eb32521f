/** io.kestra.plugin.core.output.OutputValues: renders a map of values and exposes it as `outputs.<id>.values`. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.output.OutputValues",
  title: "Output one or more values (strings, numbers, lists or maps) for downstream tasks.",
  properties: z.strictObject({
    values: dynamic(anyMap).optional(),
  }),
  outputs: z.object({
    values: anyMap,
  }),
});
