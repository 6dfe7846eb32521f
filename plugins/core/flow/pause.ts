/**
 * io.kestra.plugin.core.flow.Pause: pauses the execution until it is resumed (UI/API) or
 * `pauseDuration` elapses, then continues according to `behavior`. Resume inputs declared in
 * `onResume` become output `onResume`. The common `timeout` applies when no pauseDuration is set.
 */
import { z } from "zod";
import { type FlowableContext, type Resolution, resolveSequential } from "../../../src/executor/flowable.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic, dynamicDuration, inputList, state, task, taskList } from "../../../src/plugin/properties.js";
import { parseDurationMs } from "../../../src/util/duration.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Pause",
  aliases: ["io.kestra.core.tasks.flows.Pause"],
  title: "Pause the execution until it is resumed.",
  renamedProperties: { delay: "pauseDuration" },
  properties: z.strictObject({
    pauseDuration: dynamicDuration()
      .optional()
      .describe("Resume on its own after this duration; unset waits for a manual resume (or the timeout)"),
    behavior: dynamic(z.enum(["RESUME", "WARN", "FAIL", "CANCEL"]))
      .default("RESUME")
      .describe("What happens when pauseDuration elapses: continue, end in WARNING, fail, or cancel the execution"),
    onPause: task().optional().describe("A runnable task run as soon as the execution is paused"),
    onResume: inputList().optional().describe("Inputs asked for when resuming, validated like flow inputs"),
    tasks: taskList().optional().describe("Deprecated: put the tasks after the Pause instead"),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  outputs: z.object({
    onResume: anyMap.optional().describe("The values given for the onResume inputs"),
    resumed: z
      .object({
        by: z.string().nullable().optional(),
        on: z.string(),
        to: state,
      })
      .optional()
      .describe("When, by whom and to which state the pause was resumed"),
  }),
  behaviour: { resolve: resolvePause },
});

/**
 * First pass: pause (for `pauseDuration`, or until resumed). Once resumed: the deprecated
 * child `tasks`, one after another, or SUCCESS when there are none.
 */
function resolvePause(context: FlowableContext): Resolution {
  const paused = context.run?.state.histories.some((h) => h.state === "PAUSED") ?? false;
  if (!paused) {
    // pauseDuration, else the common `timeout` (which fails the Pause), else until resumed.
    const limit = context.task?.pauseDuration ?? context.task?.timeout;
    return {
      next: [],
      pauseFor: limit === undefined ? Number.POSITIVE_INFINITY : parseDurationMs(String(context.render(limit))),
    };
  }
  const resolution: Resolution =
    context.list("tasks").length === 0 ? { next: [], state: "SUCCESS" } : resolveSequential(context);
  // behavior WARN: the Pause ends in WARNING when it would have succeeded.
  const resumed = context.run?.outputs?.resumed as { to?: string } | undefined;
  return resumed?.to === "WARNING" && resolution.state === "SUCCESS" ? { ...resolution, state: "WARNING" } : resolution;
}
