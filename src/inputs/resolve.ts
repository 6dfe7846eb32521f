/**
 * Kestra's FlowInputOutput.resolveInputs (1.x): every declared input, in declaration order,
 * after its `dependsOn` inputs —
 *   1. it is enabled when all its dependencies are, and then when `dependsOn.condition`
 *      renders (typed) to `true` against `inputs` = the dependencies' values;
 *   2. SELECT/MULTISELECT `expression` is rendered into `values`;
 *   3. a missing value (absent or null) takes `defaults`, rendered when it holds Pebble;
 *   4. still missing: an error when required, else null;
 *   5. the value is parsed with the input's type, then validated (min/max, pattern, values...).
 * Disabled inputs are left out of the execution (their errors too). Provided keys that are no
 * declared input are ignored.
 */
import { isMap, javaClassName, javaString } from "../expression/values.js";
import { describeFailure, JavaFailure, messageOf } from "./java.js";
import { invalidInputMessage } from "./messages.js";
import type { InputDeclaration, InputDeps, InputError, ResolvedInput } from "./model.js";
import { flattenToNestedMap } from "./nested.js";
import { parseInputValue } from "./parse.js";
import { INPUT_HANDLERS } from "./types/index.js";

/** A constraint violation whose message Kestra reports as is (not wrapped in `Invalid input for`). */
class Violation extends Error {}

interface Slot {
  input: InputDeclaration;
  value: unknown;
  enabled: boolean;
  isDefault: boolean;
  readonly errors: string[];
  state: "pending" | "resolving" | "done";
}

function providedValue(provided: Readonly<Record<string, unknown>>, id: string): unknown {
  return Object.hasOwn(provided, id) ? (provided[id] ?? null) : null;
}

/** Renders strings (deeply in lists and maps) of a `defaults`, as Kestra's Property rendering does. */
async function renderDefault(value: unknown, variables: Record<string, unknown>, deps: InputDeps): Promise<unknown> {
  if (typeof value === "string") return deps.engine.renderAsync(value, variables, deps.renderOptions);
  if (Array.isArray(value)) return Promise.all(value.map((item) => renderDefault(item, variables, deps)));
  if (isMap(value)) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await renderDefault(item, variables, deps)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

class Resolver {
  constructor(
    private readonly slots: ReadonlyMap<string, Slot>,
    private readonly deps: InputDeps,
  ) {}

  /** The variables of a render: the context, with `inputs` = the dependencies' values (nested by dotted ids). */
  private variables(dependencies: readonly Slot[]): Record<string, unknown> {
    const inputs = flattenToNestedMap(new Map(dependencies.map((slot) => [slot.input.id, slot.value])));
    // Inputs with defaults that are no dependency read as null rather than failing the render (Kestra 1.x).
    for (const slot of this.slots.values()) {
      if (slot.input.defaults !== undefined && slot.input.defaults !== null && !Object.hasOwn(inputs, slot.input.id)) {
        inputs[slot.input.id] = null;
      }
    }
    return { ...this.deps.context, inputs };
  }

  private async dependencies(slot: Slot, path: readonly string[]): Promise<Slot[]> {
    const out: Slot[] = [];
    for (const id of slot.input.dependsOn?.inputs ?? []) {
      const dependency = id === slot.input.id ? undefined : this.slots.get(id);
      if (dependency === undefined) continue; // unknown ids are ignored, as in Kestra
      if (dependency.state === "resolving") {
        const cycle = [...path.slice(path.indexOf(id)), slot.input.id, id].join(" -> ");
        throw new Violation(
          invalidInputMessage(slot.input.id, `its \`dependsOn\` inputs form a cycle (${cycle})`, slot.value),
        );
      }
      await this.resolve(dependency, [...path, slot.input.id]);
      out.push(dependency);
    }
    return out;
  }

  private async enabled(
    slot: Slot,
    dependencies: readonly Slot[],
    variables: Record<string, unknown>,
  ): Promise<boolean> {
    if (!dependencies.every((dependency) => dependency.enabled)) return false;
    const condition = slot.input.dependsOn?.condition;
    if (condition === undefined) return true;
    try {
      return (await this.deps.engine.renderTypedAsync(condition, variables, this.deps.renderOptions)) === true;
    } catch (error) {
      slot.errors.push(`Invalid condition: ${messageOf(error)}`);
      return false;
    }
  }

  /** RenderableInput: SELECT and MULTISELECT `expression` rendered (typed) into `values`. */
  private async rendered(input: InputDeclaration, variables: Record<string, unknown>): Promise<InputDeclaration> {
    if ((input.type !== "SELECT" && input.type !== "MULTISELECT") || typeof input.expression !== "string") return input;
    let result: unknown;
    try {
      result = await this.deps.engine.renderTypedAsync(input.expression, variables, this.deps.renderOptions);
    } catch (error) {
      throw new Violation(`Cannot render 'expression'. Cause: ${messageOf(error)}`);
    }
    if (!Array.isArray(result)) {
      const type = result === null || result === undefined ? "<null>" : javaClassSimpleName(result);
      throw new Violation(`Invalid expression result. Expected a list of strings, but received ${type}`);
    }
    const values = result.filter((item) => item !== null && item !== undefined).map((item) => javaString(item));
    const { expression: _expression, options: _options, ...rest } = input;
    return { ...rest, values } as InputDeclaration;
  }

  private async defaultValue(slot: Slot, variables: Record<string, unknown>): Promise<unknown> {
    const { input } = slot;
    if (input.defaults !== undefined && input.defaults !== null) {
      try {
        return await renderDefault(input.defaults, variables, this.deps);
      } catch (error) {
        throw new JavaFailure(messageOf(error), "io.kestra.core.exceptions.IllegalVariableEvaluationException");
      }
    }
    const values = input.values;
    if (input.autoSelectFirst === true && Array.isArray(values) && values.length > 0) {
      return input.type === "MULTISELECT" ? [values[0]] : values[0];
    }
    return null;
  }

  async resolve(slot: Slot, path: readonly string[] = []): Promise<void> {
    if (slot.state !== "pending") return;
    slot.state = "resolving";
    try {
      const dependencies = await this.dependencies(slot, path);
      const variables = this.variables(dependencies);
      if (!(await this.enabled(slot, dependencies, variables))) {
        slot.enabled = false;
        return;
      }
      slot.input = await this.rendered(slot.input, variables);
      if (slot.value === null) {
        slot.value = await this.defaultValue(slot, variables);
        slot.isDefault = slot.value !== null;
      }
      if (slot.value === null) {
        if (slot.input.required) slot.errors.push(invalidInputMessage(slot.input.id, "missing required input", null));
        return;
      }
      const typed = await parseInputValue(slot.input, slot.value, this.deps);
      const violation = INPUT_HANDLERS[slot.input.type].validate?.(typed, slot.input, slot.value);
      if (violation !== undefined) {
        slot.errors.push(invalidInputMessage(slot.input.id, violation, slot.value));
        return;
      }
      slot.value = typed;
    } catch (error) {
      slot.errors.push(
        error instanceof Violation
          ? error.message
          : invalidInputMessage(slot.input.id, describeFailure(error), slot.value),
      );
    } finally {
      slot.state = "done";
    }
  }
}

/** `result.getClass().getSimpleName()`. */
function javaClassSimpleName(value: unknown): string {
  return javaClassName(value).slice(javaClassName(value).lastIndexOf(".") + 1);
}

/** Every declared input with its value, enabled flag and errors (Kestra's list of InputAndValue). */
export async function resolveInputValues(
  inputs: readonly InputDeclaration[],
  provided: Readonly<Record<string, unknown>>,
  deps: InputDeps,
): Promise<ResolvedInput[]> {
  const slots = new Map<string, Slot>();
  for (const input of inputs) {
    if (slots.has(input.id)) continue;
    const value = providedValue(provided, input.id);
    slots.set(input.id, { input, value, enabled: true, isDefault: false, errors: [], state: "pending" });
  }
  const resolver = new Resolver(slots, deps);
  for (const slot of slots.values()) await resolver.resolve(slot);
  return [...slots.values()].map(({ input, value, enabled, isDefault, errors }) => ({
    input,
    value,
    enabled,
    isDefault,
    errors,
  }));
}

export interface ResolvedInputs {
  /** The typed values of the enabled inputs, nested by dotted ids (the execution's `inputs`). */
  readonly values: Record<string, unknown>;
  /** Errors of enabled inputs in declaration order; Kestra refuses the execution with the first one. */
  readonly errors: InputError[];
}

/** Kestra's readExecutionInputs: the execution's typed inputs, or the errors that refuse it. */
export async function resolveInputs(
  inputs: readonly InputDeclaration[],
  provided: Readonly<Record<string, unknown>>,
  deps: InputDeps,
): Promise<ResolvedInputs> {
  const resolved = (await resolveInputValues(inputs, provided, deps)).filter((item) => item.enabled);
  const errors: InputError[] = resolved.flatMap((item) =>
    item.errors.map((message) => ({ input: item.input.id, message, kind: "violation" as const })),
  );
  const valid = resolved.filter((item) => item.errors.length === 0);
  let values: Record<string, unknown> = {};
  try {
    values = flattenToNestedMap(new Map(valid.map((item) => [item.input.id, item.value])));
  } catch (error) {
    errors.push({ input: "", message: messageOf(error), kind: "illegal-argument" });
  }
  return { values, errors };
}

/** One input in the answer of `POST /executions/{namespace}/{id}/validate`. */
export interface InputValidation {
  readonly input: InputDeclaration;
  readonly value: unknown;
  readonly enabled: boolean;
  readonly errors: readonly { readonly message: string }[];
}

/**
 * Kestra's validate endpoint: every input with its value, whether it is enabled and its errors.
 * Missing required inputs are reported, never thrown. Pass the values of readInputParts with
 * `upload: false` so that files are not stored.
 */
export async function validateInputs(
  inputs: readonly InputDeclaration[],
  provided: Readonly<Record<string, unknown>>,
  deps: InputDeps,
): Promise<InputValidation[]> {
  return (await resolveInputValues(inputs, provided, deps)).map(({ input, value, enabled, errors }) => ({
    input,
    value,
    enabled,
    errors: errors.map((message) => ({ message })),
  }));
}
