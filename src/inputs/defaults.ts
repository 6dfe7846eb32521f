/**
 * Inputs with `defaults` in the run context: an execution created without them (by a trigger,
 * or before the input was added) still sees `inputs.<id>` = the default, as Kestra's
 * RunVariables does. The default is rendered and typed like a resolved input; one that does not
 * parse is given as rendered.
 */
import type { InputDeclaration, InputDeps } from "./model.js";
import { parseInputValue } from "./parse.js";

async function typedDefault(input: InputDeclaration, deps: InputDeps): Promise<unknown> {
  const variables = { ...deps.context, inputs: {} };
  let value = input.defaults;
  if (typeof value === "string") value = await deps.engine.renderAsync(value, variables, deps.renderOptions);
  try {
    return await parseInputValue(input, value, deps);
  } catch {
    return value;
  }
}

/** The execution inputs plus the defaults of declared inputs they lack (keyed by the whole id, dots included, as Kestra's RunVariables does). */
export async function withDefaultInputs(
  inputs: readonly InputDeclaration[],
  executionInputs: Readonly<Record<string, unknown>> | null | undefined,
  deps: InputDeps,
): Promise<Record<string, unknown>> {
  const out = new Map(Object.entries(executionInputs ?? {}));
  for (const input of inputs) {
    if (input.defaults === undefined || input.defaults === null || out.has(input.id)) continue;
    out.set(input.id, await typedDefault(input, deps));
  }
  return Object.fromEntries(out);
}
