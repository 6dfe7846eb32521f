/**
 * io.kestra.plugin.core.flow.LoopUntil (was WaitFor): runs its `tasks` again and again,
 * every `checkFrequency.interval`, until `condition` is truthy or a maximum is reached.
 * Output `iterationCount` starts at 1.
 */
import { z } from "zod";
import { childIds, taskRun } from "../../../src/executor/exec-state.js";
import { type FlowableContext, guessFinalState, type Resolution } from "../../../src/executor/flowable.js";
import { isTerminated } from "../../../src/executor/model.js";
import { truthy } from "../../../src/executor/step.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { dynamic, dynamicDuration, task, taskList } from "../../../src/plugin/properties.js";
import { parseDurationMs } from "../../../src/util/duration.js";

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
  behaviour: {
    resolve: resolveLoop,
    outputs: (context) => ({ iterationCount: iterationOf(context) }),
  },
});

function iterationOf(context: FlowableContext): number {
  const count = context.run?.outputs?.iterationCount;
  return typeof count === "number" ? count : 1;
}

/**
 * One iteration runs `tasks` one after another (each child carries the iteration); then the
 * loop ends when the condition is truthy or a maximum is reached (FAILED with
 * failOnMaxReached), or pauses for `interval` before the next iteration.
 */
function resolveLoop(context: FlowableContext): Resolution {
  const iteration = iterationOf(context);
  const tasks = context.list("tasks");
  const current = [...childIds(context.state, context.run?.id)]
    .map((id) => taskRun(context.state, id))
    .filter((run) => run.iteration === iteration && context.groupOf(run) === "tasks");
  const last = current.at(-1);
  if (last && !isTerminated(last.state.current)) return { next: [] };
  if (
    last &&
    last.state.current !== "SUCCESS" &&
    last.state.current !== "WARNING" &&
    last.state.current !== "SKIPPED"
  ) {
    return { next: [], state: guessFinalState(context.counts("tasks")) };
  }
  const nextTask = last ? tasks[tasks.findIndex((t) => t.id === last.taskId) + 1] : tasks[0];
  if (nextTask) return { next: [{ task: nextTask, group: "tasks", iteration }] };
  if (truthy(context.render(context.task?.condition))) return { next: [], state: "SUCCESS" };
  const frequency = (context.task?.checkFrequency ?? {}) as Record<string, unknown>;
  const maxIterations =
    frequency.maxIterations === undefined ? undefined : Number(context.render(frequency.maxIterations));
  const started = Date.parse(context.run?.state.histories[0]?.date ?? "");
  const maxDuration =
    frequency.maxDuration === undefined ? undefined : parseDurationMs(String(context.render(frequency.maxDuration)));
  const lastEnd = Date.parse(last?.state.histories.at(-1)?.date ?? "");
  const reached =
    (maxIterations !== undefined && iteration >= maxIterations) ||
    (maxDuration !== undefined && lastEnd - started >= maxDuration);
  if (reached) {
    return { next: [], state: truthy(context.render(context.task?.failOnMaxReached ?? false)) ? "FAILED" : "SUCCESS" };
  }
  const interval = parseDurationMs(String(context.render(frequency.interval ?? DEFAULT_INTERVAL)));
  return { next: [], pauseFor: interval, outputs: { ...(context.run?.outputs ?? {}), iterationCount: iteration + 1 } };
}
