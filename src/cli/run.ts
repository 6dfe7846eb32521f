/**
 * `tern run flow.yaml --input key=value [--json]`: runs a flow on the local host, shows the
 * logs as they come, then the task tree with states and durations and the outputs; `--json`
 * prints the final execution as Kestra's API returns it. Exit code 0 for SUCCESS or WARNING.
 */

import type { Execution, TaskRun } from "../executor/model.js";
import { createEngine } from "../expression/index.js";
import { toJson } from "../expression/values.js";
import { parseFlow } from "../flow/index.js";
import { MemoryInputFileStore, resolveInputs } from "../inputs/index.js";
import { LocalHost } from "../local/host.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { newId } from "../util/ids.js";
import type { CliIo } from "./io.js";

interface RunArgs {
  file?: string;
  inputs: Record<string, string>;
  json: boolean;
}

function parseArgs(args: readonly string[]): RunArgs | string {
  const out: RunArgs = { inputs: {}, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json") out.json = true;
    else if (arg === "--input" || arg === "-i") {
      const pair = args[++i] ?? "";
      const eq = pair.indexOf("=");
      if (eq <= 0) return `--input expects key=value, got "${pair}"`;
      out.inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === "--flows")
      return "--flows (subflows) is not supported yet: Subflow tasks cannot run on the local host yet";
    else if (out.file === undefined && !arg.startsWith("-")) out.file = arg;
    else return `unexpected argument "${arg}"`;
  }
  return out.file === undefined ? "usage: tern run FLOW.yaml [--input key=value]... [--json]" : out;
}

export async function runCommand(argv: readonly string[], io: CliIo, registry: PluginRegistry): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.err(`${args}\n`);
    return 2;
  }
  const file = args.file as string;
  const parsed = parseFlow(await io.readFile(file), { registry });
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const where = issue.line === undefined ? "" : `${issue.line}:${issue.column ?? 1}:`;
      io.err(`${file}:${where} ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}\n`);
    }
    return 2;
  }
  const flow = parsed.flow;
  const engine = createEngine();
  const id = newId();
  const resolved = await resolveInputs(flow.inputs ?? [], args.inputs, {
    engine,
    execution: { id, namespace: flow.namespace, flowId: flow.id },
    files: new MemoryInputFileStore(),
  });
  const [firstError] = resolved.errors;
  if (firstError) {
    // The message is already Kestra's: "Invalid input for `id`, reason, but received `value`".
    io.err(`${firstError.message}\n`);
    return 2;
  }
  const host = new LocalHost({
    registry,
    engine,
    ids: (() => {
      let first = true;
      return () => {
        if (first) {
          first = false;
          return id;
        }
        return newId();
      };
    })(),
    onLog: args.json
      ? undefined
      : (line) =>
          io.out(
            `${line.timestamp.slice(11, 23)} ${line.level.padEnd(5)} ${line.taskId ?? flow.id}  ${line.message}\n`,
          ),
  });
  const { execution } = await host.run(flow, { inputs: resolved.values });
  if (args.json) io.out(`${toJson(execution, true)}\n`);
  else printSummary(execution, io);
  return execution.state.current === "SUCCESS" || execution.state.current === "WARNING" ? 0 : 1;
}

function duration(run: { state: { histories: readonly { date: string }[] } }): string {
  const first = run.state.histories[0]?.date;
  const last = run.state.histories.at(-1)?.date;
  if (!first || !last) return "";
  return `${((Date.parse(last) - Date.parse(first)) / 1000).toFixed(3)}s`;
}

function printSummary(execution: Execution, io: CliIo): void {
  io.out(
    `\n${execution.namespace}.${execution.flowId} ${execution.id}: ${execution.state.current} in ${duration(execution)}\n`,
  );
  const depth = new Map<string, number>();
  for (const run of execution.taskRunList) {
    const level = run.parentTaskRunId ? (depth.get(run.parentTaskRunId) ?? 0) + 1 : 0;
    depth.set(run.id, level);
    const value = run.value === undefined ? "" : ` [${run.value}]`;
    io.out(`${"  ".repeat(level + 1)}${run.taskId}${value}  ${run.state.current}  ${duration(run)}\n`);
  }
  const outputs = execution.taskRunList.filter((run: TaskRun) => run.outputs && Object.keys(run.outputs).length > 0);
  if (outputs.length > 0) {
    io.out("\noutputs:\n");
    for (const run of outputs)
      io.out(`  ${run.taskId}${run.value === undefined ? "" : ` [${run.value}]`}: ${toJson(run.outputs)}\n`);
  }
  if (execution.outputs) io.out(`\nflow outputs: ${toJson(execution.outputs)}\n`);
}
