/**
 * `parentOutput(index)` (Kestra 1.x docs): the outputs of the direct parent task run, or with
 * `index`, of `parents` reversed at that index (0 = outermost); when the parent has a
 * `taskrun.value`, the outputs of that value.
 */
import { type CallContext, defineFunction } from "../extension.js";
import { isMap } from "../values.js";
import { fail, mapGet } from "./support/args.js";

function outputOf(context: CallContext, parent: unknown): unknown {
  const id = mapGet(mapGet(parent, "task"), "id");
  const value = mapGet(mapGet(parent, "taskrun"), "value");
  const parentOutput = mapGet(context.variable("outputs"), id);
  if (!isMap(parentOutput)) return null;
  return typeof value === "string" ? (mapGet(parentOutput, value) ?? null) : parentOutput;
}

export default defineFunction({
  name: "parentOutput",
  args: ["index"],
  call(args, context) {
    if (args.index === undefined) return outputOf(context, context.variable("parent"));
    const index = args.index;
    if (typeof index !== "bigint") {
      throw fail("expression.argument", "The 'parentOutput' function expects an argument 'index' of type integer.");
    }
    const parents = context.variable("parents");
    const list = Array.isArray(parents) ? [...parents].reverse() : [];
    if (index < 0n || index + 1n > BigInt(list.length)) {
      throw fail("expression.argument", `Invalid index: ${index} for parents size: ${list.length}`);
    }
    return outputOf(context, list[Number(index)]);
  },
});
