/**
 * `iterationOutput(taskId=<current task>, iteration=<current iteration - 1>)` (Kestra 1.x):
 * inside an iterative task (where `taskrun.iteration` exists), the `value` output of an
 * iteration of a task: walks `outputs[taskId]` through the parents' `taskrun.value`s, then
 * takes the N-th value key in insertion order. The docs also show the outputs map itself as
 * first argument (`iterationOutput(outputs.myTask)`); both forms are accepted.
 */
import { defineFunction } from "../extension.js";
import { isMap, isNumber, javaString } from "../values.js";
import { contextMap, fail, mapGet, stringField } from "./support/args.js";

function iterationArg(value: unknown, taskrun: Record<string, unknown>): number {
  if (value === null || value === undefined) {
    const current = mapGet(taskrun, "iteration");
    return (isNumber(current) ? Number(current) : Number.NaN) - 1;
  }
  const text = javaString(value);
  if (!/^[+-]?\d+$/.test(text) || Math.abs(Number(text)) > 2147483647) {
    throw fail(
      "expression.argument",
      `The 'iteration' argument for 'iterationOutputs' must be an integer, but got: ${text}`,
    );
  }
  return Number(text);
}

export default defineFunction({
  name: "iterationOutput",
  args: ["taskId", "iteration"],
  call(args, context) {
    const taskrun = contextMap(context, "taskrun");
    if (taskrun === undefined || !Object.hasOwn(taskrun, "iteration")) {
      throw fail("expression.error", " 'iterationOutputs()' function should be used inside iterative tasks only");
    }
    const iteration = iterationArg(args.iteration, taskrun);
    if (!(iteration >= 0)) {
      throw fail("expression.argument", `Cannot fetch iteration ${iteration}: no previous iteration exists.`);
    }
    let target: unknown = args.taskId;
    if (!isMap(target)) {
      const taskId = typeof target === "string" ? target : stringField(contextMap(context, "task"), "id");
      target = mapGet(context.variable("outputs"), taskId);
    }
    const parents = context.variable("parents");
    for (const parent of Array.isArray(parents) ? [...parents].reverse() : []) {
      const parentRun = mapGet(parent, "taskrun");
      if (parentRun === undefined || parentRun === null) continue;
      target = mapGet(target, mapGet(parentRun, "value"));
    }
    if (!isMap(target)) return null;
    const values = Object.keys(target);
    if (iteration >= values.length) {
      throw fail(
        "expression.argument",
        `The provided index (${iteration}) is out of range. It refers to an iteration whose outputs do not exist yet. Maximum valid index is ${values.length - 1}.`,
      );
    }
    return mapGet(mapGet(target, values[iteration]), "value") ?? null;
  },
});
