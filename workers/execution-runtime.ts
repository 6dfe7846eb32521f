/**
 * The API's ExecutionRuntime on Workers: one ExecutionObject (Durable Object) per execution,
 * named by the execution id. Refusals thrown inside an object cross the RPC boundary as plain
 * errors and become 422s naming the problem.
 */

import { isNotHeld } from "../durable/execution-object.js";
import { ApiError } from "../src/api/errors.js";
import type { ExecutionChange, ExecutionRuntime } from "../src/api/routes/executions.js";
import type { Execution } from "../src/executor/model.js";
import type { LogLine } from "../src/executor/protocol.js";
import type { ExecutionIndex } from "../src/storage/execution-index.js";
import { maskDeep, type SecretStore, secretMasker } from "../src/storage/secrets.js";
import { messageOf } from "../src/util/errors.js";
import { parseTyped, stringifyTyped, toKestraJson } from "../src/util/typed-json.js";
import type { Env } from "./env.js";

/** Cloudflare's RPC types turn values holding `unknown` into `never`: they are Kestra's shapes. */
type Rpc<T> = T | Promise<T>;

/**
 * The runtime the API uses: the objects' answers with every value of the Worker's secrets
 * masked as `******` (an output or input holding a secret is shown masked, as log lines are).
 */
export function durableExecutions(env: Env, secrets: SecretStore): ExecutionRuntime {
  const runtime = objectExecutions(env);
  if (secrets.values().length === 0) return runtime;
  const mask = secretMasker(secrets.values());
  const masked =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      maskDeep(await call(...args), mask);
  return {
    ...runtime,
    start: masked(runtime.start),
    get: masked(runtime.get),
    logs: masked(runtime.logs),
    kill: masked(runtime.kill),
    resume: masked(runtime.resume),
    restart: masked(runtime.restart),
    replay: masked(runtime.replay),
    changeStatus: masked(runtime.changeStatus),
    markAs: masked(runtime.markAs),
    changes: masked(runtime.changes),
    whenDone: masked(runtime.whenDone),
  };
}

/** The D1 execution index as the API reads it: summaries with the Worker's secret values masked. */
export function maskedExecutionIndex(index: ExecutionIndex, secrets: SecretStore): ExecutionIndex {
  if (secrets.values().length === 0) return index;
  const mask = secretMasker(secrets.values());
  return {
    ...index,
    get: async (id) => maskDeep(await index.get(id), mask),
    search: async (query) => maskDeep(await index.search(query), mask),
  };
}

function objectExecutions(env: Env): ExecutionRuntime {
  const object = (id: string) => env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id));
  const refused = async <T>(id: string, call: () => Rpc<unknown>): Promise<T> => {
    try {
      return (await call()) as T;
    } catch (error) {
      const message = messageOf(error);
      if (isNotHeld(error)) throw new ApiError("not-found", `Execution not found: ${id}`);
      throw new ApiError("unprocessable", message);
    }
  };
  const held = async <T>(call: () => Rpc<unknown>): Promise<T | undefined> => {
    try {
      return (await call()) as T;
    } catch (error) {
      if (isNotHeld(error)) return undefined;
      throw error;
    }
  };
  /** Holds a new execution (typed JSON made by another object) in its own object; answers it as created. */
  const another = async (source: string, made: Promise<string>): Promise<Execution> => {
    const text = await made;
    const execution = parseTyped<Execution>(text);
    await refused<Execution>(execution.id, () => object(execution.id).start({ source, execution: text }));
    return toKestraJson(execution);
  };
  return {
    // Typed JSON keeps the Java-typed inputs (FLOAT, DATETIME, DURATION...) through RPC.
    start: (source, execution) =>
      refused<Execution>(execution.id, () =>
        object(execution.id).start({ source, execution: stringifyTyped(execution) }),
      ),
    get: (id) => held<Execution>(() => object(id).execution()),
    logs: (id) => held<readonly LogLine[]>(() => object(id).logs()),
    kill: (id) => refused<Execution>(id, () => object(id).kill()),
    resume: (id, inputs) => refused<Execution>(id, () => object(id).resume(inputs)),
    restart: (id, revision) =>
      revision === undefined
        ? refused<Execution>(id, () => object(id).restart())
        : another(
            revision.source,
            refused<string>(id, () => object(id).restartedOn(revision.revision)),
          ),
    replay: async (id, taskRunId, revision) =>
      another(
        revision?.source ?? (await refused<string>(id, () => object(id).source())),
        refused<string>(id, () => object(id).replayed(taskRunId, revision?.revision)),
      ),
    changeStatus: (id, state) => refused<Execution>(id, () => object(id).changeStatus(state)),
    markAs: (id, taskRunId, state) => refused<Execution>(id, () => object(id).markAs(taskRunId, state)),
    changes: (id, since, logsFrom, waitMs) => held<ExecutionChange>(() => object(id).changes(since, logsFrom, waitMs)),
    whenDone: (id) => refused<Execution>(id, () => object(id).whenDone()),
    delete: async (id) =>
      (await held<boolean>(async () => {
        await object(id).delete();
        return true;
      })) ?? false,
  };
}
