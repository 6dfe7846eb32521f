/**
 * Building blocks for plugin property schemas.
 *
 * Kestra properties are mostly `Property<T>`: a literal value or a Pebble expression
 * rendered at run time. `dynamic(schema)` says exactly that. Places that hold other
 * plugins (child tasks, trigger conditions, task runners) are "slots": marker schemas
 * that accept any map, so the flow walker can find them, validate each child against
 * its own plugin and report the child's errors with the child's path.
 */
import { z } from "zod";

/** A YAML map with a `type`: a task, trigger, condition or task runner before validation. */
export type PluginMap = Record<string, unknown>;

export type SlotKind = "task" | "trigger" | "condition" | "taskRunner" | "input";

const slots = new WeakMap<z.ZodType, SlotKind>();
const dynamics = new WeakMap<z.ZodType, z.ZodType>();

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const slotNames: Record<SlotKind, string> = {
  task: "task",
  trigger: "trigger",
  condition: "condition",
  taskRunner: "task runner",
  input: "input",
};

function makeSlot(kind: SlotKind): z.ZodType<PluginMap> {
  const schema = z.custom<PluginMap>(isPlainObject, {
    error: () => `must be a ${slotNames[kind]}: a map with \`type\``,
  });
  slots.set(schema, kind);
  return schema;
}

const taskSlot = makeSlot("task");
const triggerSlot = makeSlot("trigger");
const conditionSlot = makeSlot("condition");
const taskRunnerSlot = makeSlot("taskRunner");
const inputSlot = makeSlot("input");

/** The kind of plugin a slot schema holds, or undefined for ordinary schemas. */
export function slotKind(schema: z.ZodType): SlotKind | undefined {
  return slots.get(schema);
}

/** For a schema made by `dynamic(x)`, the literal schema `x`; undefined otherwise. */
export function dynamicLiteral(schema: z.ZodType): z.ZodType | undefined {
  return dynamics.get(schema);
}

const notEmpty = "must not be empty";

/** A list of child tasks. `nonEmpty` mirrors Kestra's `@NotEmpty` (missing, null and [] all fail). */
export function taskList(options: { nonEmpty?: boolean } = {}) {
  if (options.nonEmpty) {
    return z
      .array(taskSlot, {
        error: (issue) => (issue.input == null ? notEmpty : "must be a list of tasks"),
      })
      .min(1, { error: notEmpty });
  }
  return z.array(taskSlot, { error: "must be a list of tasks" });
}

/** One child task (Dag's `task`). */
export function task() {
  return taskSlot;
}

export function triggerList() {
  return z.array(triggerSlot, { error: "must be a list of triggers" });
}

export function conditionList() {
  return z.array(conditionSlot, { error: "must be a list of conditions" });
}

/** A map of named conditions (MultipleCondition `conditions`). */
export function conditionMap() {
  return z.record(z.string(), conditionSlot, { error: "must be a map of conditions" });
}

export function taskRunner() {
  return taskRunnerSlot;
}

/** A list of input declarations (Pause `onResume`), validated like flow inputs. */
export function inputList() {
  return z.array(inputSlot, { error: "must be a list of inputs" });
}

/** A Pebble expression: a string holding `{{ }}` or `{% %}`. */
export const expression = z
  .string()
  // abort: a failed match must not hide why the literal branch of dynamic() failed
  .regex(/\{\{[\s\S]*\}\}|\{%[\s\S]*%\}/, { error: "must be a Pebble expression", abort: true })
  .describe("A Pebble expression rendered at run time");

const EXPRESSION = /\{\{[\s\S]*\}\}|\{%[\s\S]*%\}/;

/**
 * Kestra reads a `Property<T>` from text, so `rows: "1000"`, `enabled: "false"` and
 * `format: 42` are all accepted: when the value does not fit as written, try it as the
 * number, boolean or string it spells.
 */
function coerceScalar(value: unknown, schema: z.ZodType): unknown {
  if (value === null || typeof value === "object" || schema.safeParse(value).success) return value;
  const alternatives: unknown[] = [];
  if (typeof value === "string" && !EXPRESSION.test(value)) {
    const trimmed = value.trim();
    if (trimmed !== "" && !Number.isNaN(Number(trimmed))) alternatives.push(Number(trimmed));
    if (trimmed === "true" || trimmed === "false") alternatives.push(trimmed === "true");
  }
  if (typeof value === "number" || typeof value === "boolean") alternatives.push(String(value));
  return alternatives.find((candidate) => schema.safeParse(candidate).success) ?? value;
}

/** `Property<T>`: the literal value, or an expression rendered at run time. */
export function dynamic<T extends z.ZodType>(schema: T) {
  const union = z.union([expression, z.preprocess((value) => coerceScalar(value, schema), schema)]);
  dynamics.set(union, schema);
  return union;
}

/**
 * java.time.Duration.parse grammar: PnDTnHnMn.nS with optional signs, case-insensitive.
 * Years, months and weeks are not durations in Java, so they are refused here too.
 */
export const DURATION_PATTERN =
  /^[-+]?P(?:[-+]?\d+D)?(?:T(?:[-+]?\d+H)?(?:[-+]?\d+M)?(?:[-+]?\d+(?:[.,]\d{0,9})?S)?)?$/i;

export const duration = z
  .string({ error: "must be an ISO-8601 duration such as PT5M" })
  .refine((s) => DURATION_PATTERN.test(s) && !/^[-+]?PT?$/i.test(s), {
    error: (issue) => `must be an ISO-8601 duration such as PT5M, got '${String(issue.input)}'`,
  })
  .describe("ISO-8601 duration, e.g. PT5M");

/** A duration that may also be an expression. */
export function dynamicDuration() {
  return dynamic(duration);
}

/** Kestra's log levels. */
export const logLevel = z.enum(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]);

/** Execution and task-run states, Kestra 1.x order. */
export const STATES = [
  "CREATED",
  "SUBMITTED",
  "RUNNING",
  "PAUSED",
  "RESTARTED",
  "KILLING",
  "SUCCESS",
  "WARNING",
  "FAILED",
  "KILLED",
  "CANCELLED",
  "QUEUED",
  "RETRYING",
  "RETRIED",
  "SKIPPED",
  "BREAKPOINT",
  "RESUBMITTED",
] as const;
export const state = z.enum(STATES);

/** A map of string keys to any value (Kestra `Map<String, Object>`). */
export const anyMap = z.record(z.string(), z.unknown());

/** Labels: a map, or a list of `{key, value}` (both accepted by Kestra). */
export const labels = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.strictObject({ key: z.string(), value: z.unknown() })),
]);
