/** io.kestra.plugin.core.condition.ExecutionLabels: true when the execution has all the given labels. */
import { z } from "zod";
import { type CheckIssue, defineCondition } from "../../../src/plugin/define.js";
import { isPlainObject, labels } from "../../../src/plugin/properties.js";
import { requireExecution } from "../../../src/triggers/condition-support.js";

const SYSTEM_PREFIX = "system.";

/** Labels as key/value pairs, whichever of the two YAML shapes was written. */
function pairs(value: unknown): [string, unknown][] {
  if (isPlainObject(value)) return Object.entries(value);
  if (!Array.isArray(value)) return [];
  return value.filter(isPlainObject).map((label) => [String(label.key), label.value]);
}

export default defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionLabels",
  aliases: [
    "io.kestra.core.models.conditions.types.ExecutionLabelsCondition",
    "io.kestra.plugin.core.condition.ExecutionLabelsCondition",
  ],
  title: "True when the execution has all the given labels.",
  properties: z.strictObject({ labels }),
  /** Kestra 1.x does not render these labels; a value is compared as text. */
  async test(properties, context) {
    const labels = requireExecution(context).labels;
    return pairs(properties.labels).every(([key, value]) =>
      labels.some((label) => label.key === key && label.value === String(value)),
    );
  },
  check(properties): CheckIssue[] {
    return pairs(properties.labels)
      .filter(([key]) => key.startsWith(SYSTEM_PREFIX))
      .map(([key, value]) => ({
        message: `System labels can only be set by Kestra itself, offending label: ${key}=${String(value)}.`,
        path: ["labels"],
      }));
  },
});
