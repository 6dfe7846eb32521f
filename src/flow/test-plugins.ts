/**
 * A small plugin set for the flow model's own tests, so src/ tests need nothing from
 * plugins/ (the real list is exercised by test/conformance).
 */
import { z } from "zod";
import { defineCondition, defineFlowableTask, defineRunnableTask, defineTrigger } from "../plugin/define.js";
import { dynamic, task, taskList } from "../plugin/properties.js";
import { createRegistry } from "../plugin/registry.js";

export const testLog = defineRunnableTask({
  type: "io.kestra.plugin.core.log.Log",
  aliases: ["io.kestra.core.tasks.log.Log"],
  title: "Log",
  properties: z.strictObject({
    message: z.union([z.string(), z.array(z.string())]),
    level: z.string().default("INFO"),
  }),
});

export const testReturn = defineRunnableTask({
  type: "io.kestra.plugin.core.debug.Return",
  title: "Return",
  properties: z.strictObject({ format: z.string().optional() }),
});

export const testSequential = defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Sequential",
  title: "Sequential",
  properties: z.strictObject({ tasks: taskList({ nonEmpty: true }), errors: taskList().optional() }),
});

export const testIf = defineFlowableTask({
  type: "io.kestra.plugin.core.flow.If",
  title: "If",
  properties: z.strictObject({
    condition: z.string(),
    // biome-ignore lint/suspicious/noThenProperty: Kestra's If task names its branch `then`.
    then: taskList({ nonEmpty: true }),
    else: taskList().optional(),
  }),
});

export const testDag = defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Dag",
  title: "Dag",
  properties: z.strictObject({
    tasks: z.array(z.strictObject({ task: task(), dependsOn: z.array(z.string()).optional() })),
    concurrent: dynamic(z.int()).default(0),
  }),
  check: (props) => {
    const ids = new Set((props.tasks as { task: { id: string } }[]).map((t) => t.task.id));
    return (props.tasks as { dependsOn?: string[] }[]).flatMap((t) =>
      (t.dependsOn ?? [])
        .filter((d) => !ids.has(d))
        .map((d) => ({ message: `Not existing task id in dependency: ${d}` })),
    );
  },
});

export const testSubflow = defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Subflow",
  aliases: ["io.kestra.core.tasks.flows.Flow"],
  title: "Subflow",
  properties: z.strictObject({
    namespace: z.string(),
    flowId: z.string(),
    inputs: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const testPause = defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Pause",
  title: "Pause",
  renamedProperties: { delay: "pauseDuration" },
  properties: z.strictObject({ pauseDuration: z.string().optional() }),
});

export const testSchedule = defineTrigger({
  type: "io.kestra.plugin.core.trigger.Schedule",
  aliases: ["io.kestra.core.models.triggers.types.Schedule"],
  title: "Schedule",
  properties: z.strictObject({ cron: z.string() }),
});

export const testExecutionStatus = defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionStatus",
  title: "ExecutionStatus",
  properties: z.strictObject({ in: z.array(z.string()).optional() }),
});

export const testRegistry = createRegistry([
  testLog,
  testReturn,
  testSequential,
  testIf,
  testDag,
  testSubflow,
  testPause,
  testSchedule,
  testExecutionStatus,
]);
