/**
 * The onResume values of a manual resume, as every host takes them: validated like flow
 * inputs against the `onResume` inputs of the first paused Pause, file parts (Blobs) stored
 * first and passed on as their kestra:// URI.
 */
import { firstPaused } from "../executor/actions.js";
import type { ExecState } from "../executor/exec-state.js";
import type { FlowIndex } from "../executor/flow-index.js";
import type { ExpressionEngine } from "../expression/engine.js";
import { type InputFileStore, readInputParts, resolveInputs } from "../inputs/index.js";

/** The onResume inputs of a resume were refused; `errors` are Kestra's messages, one per input. */
export class ResumeInputsError extends Error {
  readonly code = "resume.invalid-inputs";
  constructor(readonly errors: readonly string[]) {
    super(`Invalid onResume inputs: ${errors.join("; ")}`);
    this.name = "ResumeInputsError";
  }
}

/** Undefined when the paused task declares no onResume inputs (what is given is then ignored, as in Kestra). */
export async function onResumeValues(
  state: ExecState,
  index: FlowIndex,
  given: Readonly<Record<string, unknown>> | null | undefined,
  deps: { readonly engine: ExpressionEngine; readonly files: InputFileStore },
): Promise<Record<string, unknown> | undefined> {
  const paused = firstPaused(state);
  const declared = paused ? index.task(paused.taskId).task.onResume : undefined;
  if (!Array.isArray(declared)) return undefined;
  const execution = state.execution;
  const inputDeps = {
    ...deps,
    execution: { id: execution.id, namespace: execution.namespace, flowId: execution.flowId },
  };
  const entries = Object.entries(given ?? {});
  const parts = entries.filter((entry): entry is [string, Blob] => entry[1] instanceof Blob);
  const values = {
    ...Object.fromEntries(entries.filter(([, value]) => !(value instanceof Blob))),
    ...(parts.length > 0 ? await readInputParts(parts, declared, inputDeps, { upload: true }) : {}),
  };
  const resolved = await resolveInputs(declared, values, inputDeps);
  if (resolved.errors.length > 0) throw new ResumeInputsError(resolved.errors.map((e) => e.message));
  return resolved.values;
}
