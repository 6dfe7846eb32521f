/**
 * Execution routes, as Kestra's ExecutionController: create an execution of a flow's latest
 * revision (multipart inputs validated with Kestra's messages, `labels`, `scheduleDate`,
 * `wait`), get it, kill, resume with onResume inputs, restart, its logs, follow the execution
 * and its logs as server-sent events (a long poll of the runtime per change), delete it (one or
 * a list) and serve its files (execution-files.ts). The executions
 * themselves live in an ExecutionRuntime: one Durable Object per execution on Workers; the
 * searches read the ExecutionIndex their objects write summaries to.
 */
import { Hono } from "hono";
import { type Execution, isTerminated, type Label, STATE_TYPES, type StateType } from "../../executor/model.js";
import { newExecution } from "../../executor/new-execution.js";
import { LOG_LEVELS, type LogLevel, type LogLine } from "../../executor/protocol.js";
import type { ExpressionEngine } from "../../expression/engine.js";
import { describeIssue, type Flow, parseFlow } from "../../flow/index.js";
import { type InputPart, inputErrorBody, readInputParts, resolveInputs } from "../../inputs/index.js";
import type { PluginRegistry } from "../../plugin/registry.js";
import { EXECUTION_SORT_FIELDS, type ExecutionIndex, type ExecutionQuery } from "../../storage/execution-index.js";
import type { FlowStore } from "../../storage/flow-store.js";
import { type BlobStore, executionPath, SCHEME } from "../../storage/internal.js";
import { LOG_SORT_FIELDS, type LogEntry, type LogIndex, type LogQuery } from "../../storage/log-index.js";
import { parseDurationMs } from "../../util/duration.js";
import { messageOf } from "../../util/errors.js";
import { newId } from "../../util/ids.js";
import { isoInstant } from "../../util/instant.js";
import { readText } from "../body.js";
import { ApiError } from "../errors.js";
import { booleanParam, integerParam, labelsParam, listParam, sortParam } from "../query.js";
import { executionFileRoutes } from "./execution-files.js";

/** A stored revision of the execution's flow, to restart or replay on. */
export interface Revision {
  readonly revision: number;
  readonly source: string;
}

/**
 * Where executions run. Its methods throw ApiError-coded errors for refused actions, and an
 * action on an unknown execution throws not-found (`Execution not found: <id>`).
 */
export interface ExecutionRuntime {
  /** Holds and starts an execution created here (its inputs already validated). */
  start(source: string, execution: Execution): Promise<Execution>;
  get(id: string): Promise<Execution | undefined>;
  logs(id: string): Promise<readonly LogLine[] | undefined>;
  kill(id: string): Promise<Execution>;
  /** Resumes a paused execution; `inputs` are the onResume values (files already stored, as URIs). */
  resume(id: string, inputs: Readonly<Record<string, unknown>>): Promise<Execution>;
  /** Restarts a failed execution in place, or, on another revision, as a new execution of it. */
  restart(id: string, revision?: Revision): Promise<Execution>;
  /**
   * Replays an execution as a new one (Kestra's replay: from a task run, or from the start), on
   * its own flow or on the revision given; answers the new execution as created.
   */
  replay(id: string, taskRunId: string | undefined, revision?: Revision): Promise<Execution>;
  /** Kestra's change-status: a terminated execution takes another terminal state. */
  changeStatus(id: string, state: StateType): Promise<Execution>;
  /** Kestra's task run state change: the task run takes the state, the execution is RESTARTED. */
  markAs(id: string, taskRunId: string, state: StateType): Promise<Execution>;
  /**
   * For followers: the execution, a version of it and its log lines from index `logsFrom`; at
   * once when its version is not `since`, else on its next change or after about `waitMs`.
   */
  changes(
    id: string,
    since: string | undefined,
    logsFrom: number,
    waitMs: number,
  ): Promise<ExecutionChange | undefined>;
  /** Resolves once the execution is terminated or paused (Kestra's `wait=true`). */
  whenDone(id: string): Promise<Execution>;
  /** Forgets the execution, running or not: its state, task runs and logs. False when none is held. */
  delete(id: string): Promise<boolean>;
}

export interface ExecutionChange {
  readonly version: string;
  readonly execution: Execution;
  readonly logs: readonly LogLine[];
}

export interface ExecutionRouteDeps {
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  readonly flows: FlowStore;
  readonly executions: ExecutionRuntime;
  /** Summaries of the executions, for the searches; without it they are not served. */
  readonly index?: ExecutionIndex;
  /** Internal storage: where uploaded FILE inputs go, where the file routes read. */
  readonly blobs: BlobStore;
  /** Every execution's log lines, for the log search; without it `/logs/search` is not served. */
  readonly logIndex?: LogIndex;
  /** The base URL of Tern's UI links (`url` of an ExecutionResponse). */
  readonly baseUrl?: string;
}

/** A body above this many bytes is refused with 413. */
const MAX_INPUTS_BYTES = 100 * 1024 * 1024;
/** A list of execution ids above this many bytes is refused with 413. */
const MAX_IDS_BYTES = 1024 * 1024;

export function executionRoutes(deps: ExecutionRouteDeps): Hono {
  const app = new Hono();
  const { index } = deps;

  if (index) {
    // Before `/executions/:executionId`, which would read `search` as an execution id.
    app.get("/executions/search", async (c) => c.json(await index.search(searchQuery(new URL(c.req.url)))));
    app.get("/executions", async (c) => {
      const url = new URL(c.req.url);
      const namespace = url.searchParams.get("namespace") ?? "";
      const flowId = url.searchParams.get("flowId") ?? "";
      if (namespace === "" || flowId === "")
        throw new ApiError("bad-request", "query parameters namespace and flowId are required");
      return c.json(
        await index.search({
          page: integerParam(url, "page", 1) ?? 1,
          size: integerParam(url, "size", 1) ?? 10,
          flowId,
          namespace,
          exactNamespace: true,
        }),
      );
    });
  }

  app.get("/executions/:executionId", async (c) => c.json(await found(deps, c.req.param("executionId"))));
  app.route("/", executionFileRoutes({ execution: (id) => deps.executions.get(id), blobs: deps.blobs }));

  // Before `/executions/:executionId`, which would read `by-ids` as an execution id.
  app.delete("/executions/by-ids", async (c) => {
    const url = new URL(c.req.url);
    const ids = await idList(c.req.raw);
    const includeNonTerminated = booleanParam(url, "includeNonTerminated", false);
    const options = deleteOptions(url);
    const executions: Execution[] = [];
    const invalids: { message: string; invalidValue: string }[] = [];
    for (const id of ids) {
      const execution = await deps.executions.get(id);
      if (execution && (includeNonTerminated || isTerminated(execution.state.current))) executions.push(execution);
      else invalids.push({ message: "execution not found", invalidValue: id });
    }
    // Kestra deletes nothing when one of the ids is refused.
    if (invalids.length > 0) throw new ApiError("bad-request", "invalid bulk delete", { invalids });
    for (const execution of executions) await remove(deps, execution, options);
    return c.json({ count: executions.length });
  });

  app.delete("/executions/:executionId", async (c) => {
    const executionId = c.req.param("executionId");
    const options = deleteOptions(new URL(c.req.url));
    // The index still knows an execution whose object was wiped by a delete that stopped half-way.
    const execution = (await deps.executions.get(executionId)) ?? (await index?.get(executionId));
    if (!execution) throw notFound(executionId);
    await remove(deps, execution, options);
    return c.body(null, 204);
  });

  // Before `/logs/{executionId}`, which would take "search" for an id.
  app.get("/logs/search", async (c) => {
    if (!deps.logIndex) throw new ApiError("not-found", "The log search is not served by this runtime");
    return c.json(await deps.logIndex.search(logQuery(new URL(c.req.url))));
  });

  app.get("/logs/:executionId", async (c) => {
    return c.json(await logEntries(deps, c.req.param("executionId"), new URL(c.req.url)));
  });

  app.get("/logs/:executionId/download", async (c) => {
    const executionId = c.req.param("executionId");
    const entries = await logEntries(deps, executionId, new URL(c.req.url));
    const text = entries.map((e) => `${e.timestamp} ${e.level} ${e.taskId ?? ""} ${e.message}`.replace(/ {2}/, " "));
    return c.body(text.length === 0 ? "" : `${text.join("\n")}\n`, 200, {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${executionId}.log"`,
    });
  });

  app.get("/executions/:executionId/follow", async (c) => {
    const executionId = c.req.param("executionId");
    await found(deps, executionId);
    return follow(
      deps.executions,
      executionId,
      { id: executionId },
      (change, send) => send(change.execution, "progress"),
      (change, send) => send(change.execution, "end"),
    );
  });

  app.get("/logs/:executionId/follow", async (c) => {
    const executionId = c.req.param("executionId");
    const { namespace, flowId } = await found(deps, executionId);
    const minLevel = LOG_LEVELS.indexOf(levelParam(c.req.query("minLevel")) ?? "TRACE");
    return follow(deps.executions, executionId, {}, (change, send) => {
      for (const line of change.logs)
        if (LOG_LEVELS.indexOf(line.level) >= minLevel) send({ namespace, flowId, executionId, ...line }, "progress");
    });
  });

  app.delete("/executions/:executionId/kill", async (c) => {
    const executionId = c.req.param("executionId");
    await deps.executions.kill(executionId);
    return c.body(null, 202);
  });

  app.post("/executions/:executionId/resume", async (c) => {
    const executionId = c.req.param("executionId");
    const execution = await found(deps, executionId);
    const inputDeps = {
      engine: deps.engine,
      execution: { id: execution.id, namespace: execution.namespace, flowId: execution.flowId },
      files: deps.blobs,
    };
    const inputs = await readInputParts(await formParts(c.req.raw), [], inputDeps, { upload: true });
    await deps.executions.resume(executionId, inputs);
    return c.body(null, 204);
  });

  app.post("/executions/:executionId/restart", async (c) => {
    const executionId = c.req.param("executionId");
    const execution = await found(deps, executionId);
    const revision = await revisionParam(deps, execution, new URL(c.req.url));
    return c.json(await deps.executions.restart(executionId, revision));
  });

  app.post("/executions/:executionId/change-status", async (c) => {
    const executionId = c.req.param("executionId");
    return c.json(await deps.executions.changeStatus(executionId, stateParam(c.req.query("status"), "status")));
  });

  app.post("/executions/:executionId/state", async (c) => {
    const executionId = c.req.param("executionId");
    const body = (await c.req.json().catch(() => undefined)) as { taskRunId?: unknown; state?: unknown } | undefined;
    if (typeof body?.taskRunId !== "string") throw new ApiError("bad-request", "The body needs a taskRunId");
    const state = stateParam(typeof body.state === "string" ? body.state : undefined, "state");
    return c.json(await deps.executions.markAs(executionId, body.taskRunId, state));
  });

  app.post("/executions/:executionId/replay", async (c) => {
    const executionId = c.req.param("executionId");
    const execution = await found(deps, executionId);
    const revision = await revisionParam(deps, execution, new URL(c.req.url));
    // Kestra answers with the replayed execution as created (RESTARTED), before the executor runs it.
    return c.json(await deps.executions.replay(executionId, c.req.query("taskRunId") || undefined, revision));
  });

  // Last: `/executions/{id}/resume` and the like must not be read as a namespace and a flow id.
  app.post("/executions/:namespace/:id", async (c) => {
    const { namespace, id } = c.req.param();
    const stored = await deps.flows.get(namespace, id);
    if (!stored) throw new ApiError("not-found", `Flow not found: ${namespace}.${id}`);
    const flow = parsed(stored.source, deps.registry);
    if (flow.disabled) throw new ApiError("unprocessable", `Cannot execute a disabled flow: ${namespace}.${id}`);
    const execution = { id: newId(), namespace: flow.namespace, flowId: flow.id };
    const inputDeps = { engine: deps.engine, execution, files: deps.blobs };
    const provided = await readInputParts(await formParts(c.req.raw), flow.inputs ?? [], inputDeps, { upload: true });
    const resolved = await resolveInputs(flow.inputs ?? [], provided, inputDeps);
    const [error] = resolved.errors;
    if (error) {
      const body = inputErrorBody(error);
      throw new ApiError("unprocessable", body.message, body._embedded ? { _embedded: body._embedded } : {});
    }
    const scheduleDate = c.req.query("scheduleDate");
    const created = newExecution({
      id: execution.id,
      flow: { ...flow, revision: stored.revision },
      now: new Date().toISOString(),
      inputs: resolved.values,
      labels: labelsOf(c.req.queries("labels") ?? []),
      ...(scheduleDate ? { scheduleDate: dateParam("scheduleDate", scheduleDate) } : {}),
    });
    let answer = await deps.executions.start(stored.source, created);
    if (c.req.query("wait") === "true") answer = await deps.executions.whenDone(created.id);
    const url = `${deps.baseUrl ?? ""}/ui/main/executions/${flow.namespace}/${flow.id}/${created.id}`;
    return c.json({ ...answer, url });
  });

  return app;
}

interface DeleteOptions {
  readonly deleteStorage: boolean;
}

/**
 * Kestra's deleteLogs, deleteMetrics and deleteStorage (all true by default). Tern keeps an
 * execution's logs in its Durable Object, which a delete wipes: keeping them is refused
 * rather than silently not done. Tern records no metrics.
 */
function deleteOptions(url: URL): DeleteOptions {
  booleanParam(url, "deleteMetrics", true);
  if (!booleanParam(url, "deleteLogs", true)) {
    throw new ApiError(
      "unprocessable",
      "deleteLogs=false is not supported: an execution's logs live with the execution and are deleted with it",
    );
  }
  return { deleteStorage: booleanParam(url, "deleteStorage", true) };
}

/**
 * Deletes an execution as Kestra's ExecutionService.delete: the execution (its object waits for
 * its index writes in flight, so none lands after), its index row, and with deleteStorage the
 * files under its folder in internal storage.
 */
async function remove(deps: ExecutionRouteDeps, execution: Execution, options: DeleteOptions): Promise<void> {
  await deps.executions.delete(execution.id);
  await deps.index?.delete(execution.id);
  await deps.logIndex?.deleteExecution(execution.id);
  if (options.deleteStorage) await deps.blobs.deletePrefix(`${SCHEME}${executionPath(execution)}/`);
}

/** The body of a bulk action by ids: a JSON list of execution ids. */
async function idList(request: Request): Promise<string[]> {
  let body: unknown;
  try {
    body = JSON.parse(await readText(request, MAX_IDS_BYTES));
  } catch (error) {
    if (error instanceof ApiError && error.code === "payload-too-large") throw error;
  }
  if (!Array.isArray(body) || !body.every((id) => typeof id === "string")) {
    throw new ApiError("bad-request", "The body must be a JSON list of execution ids");
  }
  return body;
}

/**
 * Kestra's LogEntry list of one execution (GET /logs/{id}): its lines, filtered by minimum
 * level, task run, task and attempt, with the execution's namespace and flow.
 */
async function logEntries(deps: ExecutionRouteDeps, executionId: string, url: URL): Promise<LogEntry[]> {
  const execution = await found(deps, executionId);
  const logs = (await deps.executions.logs(executionId)) ?? [];
  const minLevel = levelParam(url.searchParams.get("minLevel") ?? undefined) ?? "TRACE";
  const taskRunId = url.searchParams.get("taskRunId");
  const taskId = url.searchParams.get("taskId");
  const attempt = integerParam(url, "attempt", 0);
  return logs
    .filter((line) => LOG_LEVELS.indexOf(line.level) >= LOG_LEVELS.indexOf(minLevel))
    .filter((line) => taskRunId === null || line.taskRunId === taskRunId)
    .filter((line) => taskId === null || line.taskId === taskId)
    .filter((line) => attempt === undefined || line.attemptNumber === attempt)
    .map((line) => ({ namespace: execution.namespace, flowId: execution.flowId, executionId, ...line }));
}

/** A `minLevel` parameter: one of Kestra's levels (any case), or a 400 naming the allowed ones. */
function levelParam(text: string | undefined): LogLevel | undefined {
  if (text === undefined || text === "") return undefined;
  const level = text.toUpperCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new ApiError(
      "bad-request",
      `query parameter minLevel must be one of ${LOG_LEVELS.join(", ")}, got "${text}"`,
    );
  }
  return level;
}

/** Kestra's log search parameters (`/logs/search`). */
function logQuery(url: URL): LogQuery {
  const params = url.searchParams;
  const text = (name: string) => params.get(name) || undefined;
  const minLevel = levelParam(text("minLevel"));
  const startDate = dateParam("startDate", text("startDate"));
  const endDate = dateParam("endDate", text("endDate"));
  const sort = sortParam(url, LOG_SORT_FIELDS);
  return {
    page: integerParam(url, "page", 1) ?? 1,
    size: integerParam(url, "size", 1) ?? 10,
    ...(text("q") ? { q: text("q") } : {}),
    ...(text("namespace") ? { namespace: text("namespace") } : {}),
    ...(text("flowId") ? { flowId: text("flowId") } : {}),
    ...(minLevel ? { minLevel } : {}),
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    ...(sort.length > 0 ? { sort } : {}),
  };
}

/** The `revision` query parameter of a restart or replay: that stored revision of the execution's flow. */
async function revisionParam(deps: ExecutionRouteDeps, execution: Execution, url: URL): Promise<Revision | undefined> {
  const number = integerParam(url, "revision", 1);
  if (number === undefined) return undefined;
  const stored = await deps.flows.get(execution.namespace, execution.flowId, { revision: number });
  if (!stored) {
    throw new ApiError(
      "not-found",
      `Unable to find flow revision ${number} of ${execution.namespace}.${execution.flowId}`,
    );
  }
  return { revision: stored.revision, source: stored.source };
}

/** Kestra's execution search parameters (`scope` is ignored: Tern has no system flows). */
function searchQuery(url: URL): ExecutionQuery {
  const text = (name: string): string | undefined => {
    const value = url.searchParams.get(name);
    return value === null || value === "" ? undefined : value;
  };
  const states = listParam(url, "state").map((state) => {
    if (!(STATE_TYPES as readonly string[]).includes(state))
      throw new ApiError("bad-request", `Invalid state '${state}': expected one of ${STATE_TYPES.join(", ")}`);
    return state as StateType;
  });
  const childFilter = text("childFilter");
  if (childFilter !== undefined && childFilter !== "CHILD" && childFilter !== "MAIN")
    throw new ApiError("bad-request", `Invalid childFilter '${childFilter}': expected CHILD or MAIN`);
  const timeRange = text("timeRange");
  const startDate = text("startDate");
  const endDate = text("endDate");
  const optional = {
    q: text("q"),
    namespace: text("namespace"),
    flowId: text("flowId"),
    triggerExecutionId: text("triggerExecutionId"),
    childFilter,
    startDate:
      timeRange === undefined
        ? dateParam("startDate", startDate)
        : new Date(Date.now() - rangeMs(timeRange)).toISOString(),
    endDate: dateParam("endDate", endDate),
  };
  return {
    page: integerParam(url, "page", 1) ?? 1,
    size: integerParam(url, "size", 1) ?? 10,
    sort: sortParam(url, EXECUTION_SORT_FIELDS),
    labels: labelsParam(url),
    ...(states.length > 0 ? { states } : {}),
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined),
    ) as Partial<ExecutionQuery>),
  };
}

/** A date-time query parameter (ISO-8601, with an optional `[zone]` as Java prints it) as an instant; 400 otherwise. */
function dateParam(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return isoInstant(name, text);
  } catch (error) {
    throw new ApiError("bad-request", messageOf(error));
  }
}

function rangeMs(text: string): number {
  try {
    return parseDurationMs(text);
  } catch {
    throw new ApiError("bad-request", `Invalid timeRange '${text}': expected an ISO-8601 duration such as PT24H`);
  }
}

/** How long one poll of the runtime waits for a change; a comment line keeps the connection alive between. */
const FOLLOW_POLL_MS = 25_000;
/** A follow stream with nothing new for this long ends (Kestra's between-item timeout). */
const FOLLOW_IDLE_MS = 60 * 60 * 1000;

/**
 * Kestra's follow streams (`text/event-stream`): a `start` event first, then `emit` sends what each
 * change brings as `progress` events; the stream ends once the execution is terminated and not
 * PAUSED (Kestra's isStopFollow), the execution stream with an `end` event holding the last state.
 */
function follow(
  runtime: ExecutionRuntime,
  executionId: string,
  start: unknown,
  emit: (change: ExecutionChange, send: (data: unknown, id: string) => void) => void,
  end?: (change: ExecutionChange, send: (data: unknown, id: string) => void) => void,
): Response {
  const encoder = new TextEncoder();
  let cancelled = false;
  const run = async (controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> => {
    const send = (data: unknown, id: string): void =>
      controller.enqueue(encoder.encode(`id: ${id}\ndata: ${JSON.stringify(data)}\n\n`));
    send(start, "start");
    let since: string | undefined;
    let logsFrom = 0;
    let idleSince = Date.now();
    while (!cancelled) {
      const change = await runtime.changes(executionId, since, logsFrom, FOLLOW_POLL_MS);
      if (cancelled) return;
      if (!change) break;
      if (change.version === since) {
        if (Date.now() - idleSince >= FOLLOW_IDLE_MS) break;
        controller.enqueue(encoder.encode(": waiting\n\n"));
        continue;
      }
      idleSince = Date.now();
      since = change.version;
      logsFrom += change.logs.length;
      const state = change.execution.state.current;
      if (isTerminated(state)) {
        (end ?? emit)(change, send);
        break;
      }
      emit(change, send);
    }
    controller.close();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      run(controller).catch((error: unknown) => {
        if (!cancelled) controller.error(error);
      });
    },
    cancel() {
      cancelled = true;
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}

/** A stored flow parsed, or 422 when it no longer parses. */
export function parsed(source: string, registry: PluginRegistry): Flow {
  const result = parseFlow(source, { registry });
  if (!result.ok) {
    throw new ApiError("unprocessable", `The stored flow is invalid: ${result.issues.map(describeIssue).join("; ")}`);
  }
  return result.flow;
}

/** A state name given as a parameter; 400 naming the parameter otherwise. */
function stateParam(value: string | undefined, name: string): StateType {
  if (value === undefined || !(STATE_TYPES as readonly string[]).includes(value)) {
    throw new ApiError("bad-request", `Invalid ${name} '${String(value)}': expected one of ${STATE_TYPES.join(", ")}`);
  }
  return value as StateType;
}

function notFound(executionId: string): ApiError {
  return new ApiError("not-found", `Execution not found: ${executionId}`);
}

async function found(deps: ExecutionRouteDeps, executionId: string): Promise<Execution> {
  const execution = await deps.executions.get(executionId);
  if (!execution) throw notFound(executionId);
  return execution;
}

/** The multipart form's parts (text and files); none without a multipart body. */
async function formParts(request: Request): Promise<InputPart[]> {
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_INPUTS_BYTES) throw new ApiError("payload-too-large", `The inputs exceed ${MAX_INPUTS_BYTES} bytes`);
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return [];
  const form = await request.formData();
  const parts: InputPart[] = [];
  form.forEach((value, name) => {
    parts.push([name, value as string | Blob]);
  });
  return parts;
}

/** `labels=key:value` query parameters; system labels are refused, as Kestra refuses them. */
function labelsOf(values: readonly string[]): Label[] {
  return values.map((text) => {
    const at = text.indexOf(":");
    if (at <= 0) throw new ApiError("bad-request", `Invalid label '${text}': expected key:value`);
    const key = text.slice(0, at);
    if (key.startsWith("system.") && key !== "system.correlationId") {
      throw new ApiError("bad-request", `System labels can only be set by Kestra itself, offending label: ${text}`);
    }
    return { key, value: text.slice(at + 1) };
  });
}
