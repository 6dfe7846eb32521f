/**
 * io.kestra.plugin.core.flow.LoopUntil (was WaitFor): runs its `tasks` again and again,
 * every `checkFrequency.interval`, until `condition` is truthy or a maximum is reached.
 * Output `iterationCount` starts at 1.
 */
import { z } from "zod";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { dynamic, dynamicDuration, task, taskList } from "../../../src/plugin/properties.js";

/** Kestra 0.23+ defaults: no iteration or duration limit, one iteration a minute. */
const DEFAULT_INTERVAL = "PT1M";

const checkFrequency = z.strictObject({
  maxIterations: dynamic(z.number().int().positive())
    .optional()
    .describe("Stop after this many iterations; unset means no limit"),
  maxDuration: dynamicDuration().optional().describe("Stop once the loop has run this long; unset means no limit"),
  interval: dynamicDuration().default(DEFAULT_INTERVAL).describe("Wait between two iterations"),
});

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.LoopUntil",
  aliases: ["io.kestra.plugin.core.flow.WaitFor"],
  title: "Run tasks repeatedly until a condition is met.",
  properties: z.strictObject({
    condition: dynamic(z.union([z.string(), z.boolean()])).describe(
      "Evaluated after each iteration; the loop ends when it is truthy",
    ),
    tasks: z.array(task(), {
      error: (issue) => (issue.input === undefined ? "must not be null" : "must be a list of tasks"),
    }),
    failOnMaxReached: dynamic(z.boolean())
      .default(false)
      .describe("End FAILED rather than SUCCESS when maxIterations or maxDuration is reached"),
    checkFrequency: checkFrequency.default({ interval: DEFAULT_INTERVAL }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  outputs: z.object({
    iterationCount: z.number().int().positive().describe("The current iteration, starting at 1"),
  }),
});
