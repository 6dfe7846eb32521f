/**
 * `currentEachOutput(outputs)`: inside ForEach (or nested EachSequential/EachParallel), the
 * outputs of the current iteration. Walks the parents' `taskrun.value`s from the outermost
 * in, then the current `taskrun.value`. Kestra 1.x fails when a level is missing.
 */
import { defineFunction } from "../extension.js";
import { isMap } from "../values.js";
import { fail, mapGet, requireArg } from "./support/args.js";

export default defineFunction({
  name: "currentEachOutput",
  args: ["outputs"],
  call(args, context) {
    let outputs = requireArg(args, "outputs", "The 'currentEachOutput' function expects an argument 'outputs'.");
    if (!isMap(outputs)) {
      throw fail(
        "expression.argument",
        "The 'currentEachOutput' function expects an argument 'outputs' with type map.",
      );
    }
    const parents = context.variable("parents");
    if (Array.isArray(parents)) {
      for (const parent of [...parents].reverse()) {
        const taskrun = mapGet(parent, "taskrun");
        if (taskrun === undefined || taskrun === null) continue;
        const next = mapGet(outputs, mapGet(taskrun, "value"));
        if (next === undefined || next === null) {
          throw fail("expression.error", "No execution outputs for the current task runs path");
        }
        outputs = next;
      }
    }
    const taskrun = context.variable("taskrun");
    if (!isMap(taskrun)) throw fail("expression.error", "The 'currentEachOutput' function needs a task run context");
    return mapGet(outputs, mapGet(taskrun, "value")) ?? null;
  },
});
