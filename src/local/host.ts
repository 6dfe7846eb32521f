/**
 * The in-process host: carries out the executor's commands in this process, with a real
 * clock or a fake one (which jumps to the next timer as soon as nothing else is running).
 * Tests, the CLI and the benchmarks run flows through it; semantics come from step() alone.
 */

import { createExecState, type ExecState, toExecution } from "../executor/exec-state.js";
import { type FlowIndex, indexFlow } from "../executor/flow-index.js";
import type { FlowableBehaviour } from "../executor/flowable.js";
import type { Execution, Label } from "../executor/model.js";
import { newExecution } from "../executor/new-execution.js";
import type { ExecutorCommand, ExecutorEvent, LogLine } from "../executor/protocol.js";
import { type StepDeps, step } from "../executor/step.js";
import { runVariables } from "../executor/variables.js";
import type { ExpressionEngine } from "../expression/engine.js";
import type { Flow } from "../flow/model.js";
import type { PluginRegistry } from "../plugin/registry.js";
import type { TaskContext, TaskLogger } from "../plugin/task-context.js";
import { newId } from "../util/ids.js";
import { type Clock, realClock } from "./clock.js";

export interface LocalHostOptions {
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  readonly clock?: Clock;
  readonly ids?: () => string;
  readonly random?: () => number;
  /** Every log line, as it happens (the execution is built only when asked for: it costs O(task runs)). */
  readonly onLog?: (line: LogLine, execution: () => Execution) => void;
  /** Every state change of the execution, after each step. */
  readonly onChange?: (execution: () => Execution) => void;
}

export interface RunOptions {
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly labels?: readonly Label[];
}

export interface RunResult {
  readonly execution: Execution;
  readonly logs: readonly LogLine[];
}

export class LocalHost {
  private readonly clock: Clock;
  private readonly ids: () => string;

  constructor(private readonly options: LocalHostOptions) {
    this.clock = options.clock ?? realClock();
    this.ids = options.ids ?? newId;
  }

  /** Runs a flow to its end and returns the final execution with its logs. */
  async run(flow: Flow, run: RunOptions = {}): Promise<RunResult> {
    const execution = newExecution({
      id: this.ids(),
      flow,
      now: this.clock.now().toISOString(),
      ...(run.inputs ? { inputs: run.inputs } : {}),
      ...(run.labels ? { labels: run.labels } : {}),
    });
    return new ExecutionLoop(
      this.options,
      this.clock,
      this.ids,
      indexFlow(flow, this.options.registry),
      execution,
    ).run();
  }
}

/** One execution's event loop: events in, step(), commands carried out, until the execution ends. */
class ExecutionLoop {
  private state: ExecState;
  private readonly queue: ExecutorEvent[] = [];
  private readonly logs: LogLine[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly timers = new Map<string, { at: number; cancel: () => void }>();
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: LocalHostOptions,
    private readonly clock: Clock,
    private readonly ids: () => string,
    private readonly index: FlowIndex,
    execution: Execution,
  ) {
    this.state = createExecState(execution);
  }

  async run(): Promise<RunResult> {
    this.queue.push({ type: "execution.start" });
    while (!this.ended) {
      const event = this.queue.shift();
      if (event) {
        this.apply(event);
        continue;
      }
      if (this.running.size === 0 && this.timers.size > 0 && this.clock.fake) {
        this.fireNextTimer();
        continue;
      }
      if (this.running.size === 0 && this.timers.size === 0) {
        // Paused until a manual resume: the run ends here, with the execution PAUSED.
        if (this.state.execution.state.current === "PAUSED") break;
        throw new Error(`execution ${this.state.execution.id} is stuck: nothing running and no timer set`);
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return { execution: toExecution(this.state), logs: this.logs };
  }

  private deps(): StepDeps {
    const engine = this.options.engine;
    const registry = this.options.registry;
    return {
      now: this.clock.now().toISOString(),
      newId: this.ids,
      random: this.options.random ?? Math.random,
      index: this.index,
      render: (template, variables) =>
        typeof template === "string" ? engine.renderTyped(template, variables) : template,
      flowable: (type) => {
        const plugin = registry.get(type);
        return plugin?.category === "task" && plugin.kind === "flowable"
          ? (plugin.behaviour as FlowableBehaviour | undefined)
          : undefined;
      },
    };
  }

  private push(event: ExecutorEvent): void {
    this.queue.push(event);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private apply(event: ExecutorEvent): void {
    const result = step(this.state, event, this.deps());
    this.state = result.state;
    for (const line of result.logs) this.emitLog(line);
    this.options.onChange?.(() => toExecution(this.state));
    for (const command of result.commands) this.carryOut(command);
  }

  private emitLog(line: LogLine): void {
    this.logs.push(line);
    this.options.onLog?.(line, () => toExecution(this.state));
  }

  private carryOut(command: ExecutorCommand): void {
    switch (command.type) {
      case "task.run":
        this.runTask(command);
        return;
      case "task.kill":
        this.running.get(command.taskRunId)?.abort(new Error("killed"));
        return;
      case "timer.set": {
        this.timers.get(command.timerId)?.cancel();
        const at = Date.parse(command.at);
        const cancel = this.clock.fake
          ? () => undefined
          : this.clock.schedule(at, () => {
              this.timers.delete(command.timerId);
              this.push({ type: "timer.fired", timerId: command.timerId });
            });
        this.timers.set(command.timerId, { at, cancel });
        return;
      }
      case "timer.cancel":
        this.timers.get(command.timerId)?.cancel();
        this.timers.delete(command.timerId);
        return;
      case "execution.ended":
        this.ended = true;
        for (const timer of this.timers.values()) timer.cancel();
        return;
      default:
        return;
    }
  }

  private fireNextTimer(): void {
    let next: [string, { at: number }] | undefined;
    for (const entry of this.timers) if (!next || entry[1].at < next[1].at) next = entry;
    if (!next) return;
    this.timers.delete(next[0]);
    this.clock.advanceTo?.(next[1].at);
    this.queue.push({ type: "timer.fired", timerId: next[0] });
  }

  private runTask(command: Extract<ExecutorCommand, { type: "task.run" }>): void {
    const run = this.state.runs.get(command.taskRunId);
    const entry = this.index.task(command.taskId);
    const plugin = entry.plugin;
    if (!run || plugin.category !== "task" || plugin.kind !== "runnable" || !plugin.run) {
      this.push({
        type: "task.ended",
        taskRunId: command.taskRunId,
        state: "FAILED",
        error: `Tern cannot run ${command.taskType} yet`,
      });
      return;
    }
    const controller = new AbortController();
    this.running.set(command.taskRunId, controller);
    const variables = runVariables(this.state, this.index.flow, run, entry.task.type);
    const lines: LogLine[] = [];
    const context = this.taskContext(command, entry.task, variables, controller.signal, lines);
    const timeout =
      command.timeoutMs === undefined
        ? undefined
        : this.clock.schedule(this.clock.now().getTime() + command.timeoutMs, () =>
            controller.abort(new Error(`Timeout after ${command.timeoutMs} ms`)),
          );
    const runTask = plugin.run;
    void (async () => {
      let event: ExecutorEvent;
      try {
        const outcome = await Promise.race([runTask(context), aborted(controller.signal)]);
        event = {
          type: "task.ended",
          taskRunId: command.taskRunId,
          state: outcome?.state ?? "SUCCESS",
          ...(outcome?.outputs ? { outputs: outcome.outputs } : {}),
          ...(outcome?.labels ? { labels: outcome.labels } : {}),
          ...(outcome?.exit ? { exit: outcome.exit } : {}),
          logs: lines,
        };
      } catch (error) {
        const killed = controller.signal.aborted && String(controller.signal.reason).includes("killed");
        const outputs = (error as { outputs?: Readonly<Record<string, unknown>> }).outputs;
        event = {
          type: "task.ended",
          taskRunId: command.taskRunId,
          state: killed ? "KILLED" : "FAILED",
          error: error instanceof Error ? error.message : String(error),
          ...(outputs ? { outputs } : {}),
          logs: lines,
        };
      } finally {
        timeout?.();
        this.running.delete(command.taskRunId);
      }
      this.push(event);
    })();
  }

  private taskContext(
    command: Extract<ExecutorCommand, { type: "task.run" }>,
    properties: Readonly<Record<string, unknown>>,
    variables: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
    lines: LogLine[],
  ): TaskContext {
    const engine = this.options.engine;
    const log =
      (level: LogLine["level"]) =>
      (message: string): void => {
        lines.push({
          taskRunId: command.taskRunId,
          taskId: command.taskId,
          attemptNumber: command.attemptNumber,
          level,
          message,
          timestamp: this.clock.now().toISOString(),
        });
      };
    const logger: TaskLogger = {
      trace: log("TRACE"),
      debug: log("DEBUG"),
      info: log("INFO"),
      warn: log("WARN"),
      error: log("ERROR"),
    };
    const execution = this.state.execution;
    return {
      executionId: execution.id,
      namespace: execution.namespace,
      flowId: execution.flowId,
      taskId: command.taskId,
      taskRunId: command.taskRunId,
      attemptNumber: command.attemptNumber,
      properties,
      render: (value) => engine.renderValueAsync(value, variables),
      renderString: (template) => engine.renderAsync(template, variables),
      logger,
      signal,
      now: () => this.clock.now(),
    };
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
