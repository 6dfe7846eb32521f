/**
 * The variables a task (or runIf, or a flowable's expressions) renders against — Kestra's
 * RunVariables: flow, execution, task, taskrun, parents/parent, outputs, tasks, inputs,
 * vars, labels, trigger, envs, globals.
 */
import { Temporal } from "temporal-polyfill";
import { decrypt } from "../expression/functions/support/encryption.js";
import type { Flow } from "../flow/model.js";
import { ENCRYPTED_OUTPUTS, ENCRYPTED_TYPE, type ExecState, taskRun } from "./exec-state.js";
import type { TaskRun } from "./model.js";
import { view } from "./variable-tree.js";

export interface HostVariables {
  /** `envs`: environment variables with the ENV_ prefix stripped and lower-cased. */
  readonly envs?: Readonly<Record<string, string>>;
  /** `globals`: the server's global variables. */
  readonly globals?: Readonly<Record<string, unknown>>;
  /** `kestra.encryption.secret-key`: encrypted outputs are read decrypted with it. */
  readonly secretKey?: string;
}

type Json = Record<string, unknown>;

function labelsVariable(state: ExecState): Json {
  const labels: Json = {};
  const system: Json = {};
  for (const { key, value } of state.execution.labels) {
    if (key.startsWith("system.")) {
      if (!(key.slice(7) in system)) system[key.slice(7)] = value;
    } else if (!(key in labels)) {
      labels[key] = value;
    }
  }
  if (Object.keys(system).length > 0) labels.system = system;
  return labels;
}

/** `parents`: the task run's valued ancestors (closest first) with their outputs. */
function parentsVariable(state: ExecState, run: TaskRun, outputs: Json): Json[] {
  const parents: Json[] = [];
  for (let id = run.parentTaskRunId; id; ) {
    const parent = taskRun(state, id);
    if (parent.value !== undefined || parent.outputs) {
      parents.push({
        taskrun: { value: parent.value ?? null },
        ...(parent.outputs ? { outputs: outputs[parent.taskId] ?? parent.outputs } : {}),
      });
    }
    id = parent.parentTaskRunId;
  }
  return parents;
}

export function runVariables(
  state: ExecState,
  flow: Flow,
  run: TaskRun | undefined,
  taskType: string | undefined,
  host: HostVariables = {},
): Json {
  const execution = state.execution;
  const tree = view(state.outputTree);
  const outputs = state.memo.get(ENCRYPTED_OUTPUTS) === true ? decrypted(tree, host.secretKey) : tree;
  const variables: Json = {
    ...(execution.variables ?? {}),
    flow: { id: flow.id, namespace: flow.namespace, revision: execution.flowRevision, tenantId: "main" },
    execution: {
      id: execution.id,
      startDate: instant(execution.state.histories[0]?.date),
      originalId: execution.originalId,
      // Kestra 1.x: RUNNING inside tasks and finally, the final state inside afterExecution.
      state: execution.state.current,
    },
    outputs,
    tasks: view(state.taskTree),
    vars: flow.variables ?? {},
    labels: labelsVariable(state),
    envs: host.envs ?? {},
    globals: host.globals ?? {},
  };
  // Kestra leaves `inputs` out when there are none: `{{ inputs.x }}` then fails on `inputs`.
  const inputs = withInputDefaults(flow, execution.inputs);
  if (host.secretKey !== undefined) decryptSecretInputs(flow, inputs, host.secretKey);
  if (Object.keys(inputs).length > 0) variables.inputs = inputs;
  if (execution.trigger) variables.trigger = execution.trigger.variables ?? {};
  if (run) {
    variables.task = { id: run.taskId, type: taskType ?? null };
    variables.taskrun = taskrunVariable(run);
    const parents = parentsVariable(state, run, outputs);
    variables.parents = parents;
    if (parents[0]) variables.parent = parents[0];
  }
  return variables;
}

/** The `taskrun` variable of a task run. */
export function taskrunVariable(run: TaskRun): Json {
  return {
    id: run.id,
    startDate: instant(run.state.histories[0]?.date),
    attemptsCount: Math.max(0, (run.attempts?.length ?? 1) - 1),
    ...(run.parentTaskRunId ? { parentId: run.parentTaskRunId } : {}),
    ...(run.value !== undefined ? { value: run.value } : {}),
    ...(run.iteration !== undefined ? { iteration: run.iteration } : {}),
  };
}

/** Kestra re-adds flow defaults for inputs an execution lacks (executions made by triggers, raw inputs). */
function withInputDefaults(flow: Flow, inputs: Readonly<Record<string, unknown>>): Json {
  const out: Json = { ...inputs };
  for (const input of flow.inputs ?? []) {
    if (input.defaults !== undefined && !(input.id in out)) out[input.id] = input.defaults;
  }
  return out;
}

/** SECRET inputs are stored encrypted; RunVariables gives tasks their clear value (with the key). */
function decryptSecretInputs(flow: Flow, inputs: Json, key: string): void {
  for (const input of flow.inputs ?? []) {
    const value = inputs[input.id];
    if (input.type !== "SECRET" || typeof value !== "string") continue;
    try {
      inputs[input.id] = decrypt(key, value);
    } catch {
      // Not encrypted (inputs given raw, bypassing validation): left as given.
    }
  }
}

/** A UTC date with at most milliseconds, as the executor writes them: Date.parse reads it exactly. */
const ISO_MILLIS = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?Z$/;

/** The last dates read: the execution's start date is read for every task. */
const instants = new Map<string, Temporal.Instant>();

function instant(date: string | undefined): Temporal.Instant | null {
  if (!date) return null;
  const cached = instants.get(date);
  if (cached) return cached;
  const millis = ISO_MILLIS.test(date) ? Date.parse(date) : Number.NaN;
  // Date.parse rolls 2024-02-30 over to March: only trust it when it writes the date back.
  const value =
    Number.isNaN(millis) || !sameDay(date, millis)
      ? Temporal.Instant.from(date)
      : Temporal.Instant.fromEpochMilliseconds(millis);
  if (instants.size >= 64) instants.clear();
  instants.set(date, value);
  return value;
}

function sameDay(date: string, millis: number): boolean {
  return new Date(millis).getUTCDate() === Number(date.slice(8, 10));
}

/**
 * Outputs as Kestra's RunVariables gives them (Secret.decrypt): every EncryptedString
 * `{type: io.kestra.datatype:aes_encrypted, value}` replaced by its value, decrypted when a
 * key is configured (left encrypted without one), in maps at any depth.
 */
function decrypted(outputs: Json, key: string | undefined): Json {
  const out: Json = {};
  for (const [name, value] of Object.entries(outputs)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      out[name] = value;
      continue;
    }
    const map = value as Json;
    if (typeof map.type === "string" && map.type.toLowerCase() === ENCRYPTED_TYPE) {
      const encrypted = typeof map.value === "string" ? map.value : null;
      out[name] = key === undefined ? encrypted : decrypt(key, encrypted);
    } else out[name] = decrypted(map, key);
  }
  return out;
}
