/**
 * io.kestra.plugin.core.flow.Switch: renders `value`, runs the case whose key equals it, or
 * `defaults` when none does. Outputs the rendered value and whether the defaults ran.
 */
import { z } from "zod";
import { type FlowableContext, resolveSequential } from "../../../src/executor/flowable.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Switch",
  aliases: ["io.kestra.core.tasks.flows.Switch"],
  title: "Run the branch of tasks matching a value.",
  properties: z.strictObject({
    value: z
      .string({ error: (issue) => (issue.input === undefined ? "must not be null" : "must be a string") })
      .refine((s) => s.trim() !== "", { error: "must not be blank" })
      .describe("Rendered, then compared with the keys of `cases`"),
    cases: z
      .record(z.string(), taskList(), { error: "must be a map of values to lists of tasks" })
      .optional()
      .describe("Value → tasks to run when the rendered `value` equals it"),
    defaults: taskList().optional().describe("Tasks to run when no case matches"),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  outputs: z.object({
    value: z.string().describe("The rendered value"),
    defaults: z.boolean().describe("True when no case matched"),
  }),
  // Kestra's SwitchTaskValidator: an empty `cases` map and no `defaults` leave nothing to run.
  check(properties) {
    if (isEmpty(properties.cases) && isEmpty(properties.defaults)) {
      return [{ message: "No task defined, neither cases or default have any tasks" }];
    }
    return [];
  },
  behaviour: {
    resolve(context) {
      const { value, defaults } = choose(context);
      const group = defaults ? "defaults" : `cases.${value}`;
      if (context.list(group).length === 0 && context.counts(group).total === 0 && context.lastChild() === undefined) {
        // Kestra: a Switch whose value matches no case and that has no defaults fails.
        throw new Error(`Switch did not match any case for value '${value}' and has no defaults`);
      }
      return resolveSequential(context, { tasks: group, errors: "errors", finally: "finally" });
    },
    outputs: (context) => choose(context),
  },
});

/** The rendered value and whether no case matched; computed once, then read from the outputs. */
function choose(context: FlowableContext): { value: string; defaults: boolean } {
  const stored = context.run?.outputs;
  if (stored && typeof stored.value === "string" && typeof stored.defaults === "boolean") {
    return { value: stored.value, defaults: stored.defaults };
  }
  const rendered = context.render(context.task?.value);
  const value = rendered === null || rendered === undefined ? "" : String(rendered);
  const cases = (context.task?.cases ?? {}) as Record<string, unknown>;
  return { value, defaults: !Object.hasOwn(cases, value) };
}
