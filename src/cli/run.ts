/**
 * `tern run flow.yaml --input key=value [--flows DIR] [--namespace-files DIR] [--json]`: runs a flow on the local
 * host, shows the logs as they come, then the task tree with states and durations and the
 * outputs; `--json` prints the final execution as Kestra's API returns it. With `--flows`,
 * every flow of DIR is deployed first, so Subflow tasks can start them; their executions
 * are shown after the main one. With `--namespace-files`, the (text) files of DIR are the
 * flow namespace's files, at their path below DIR. `SECRET_*` environment variables (base64)
 * are the flows' secrets, as in Kestra OSS. Exit code 0 for SUCCESS or WARNING.
 */

import type { Execution, TaskRun } from "../executor/model.js";
import { createEngine } from "../expression/index.js";
import { toJson } from "../expression/values.js";
import type { Flow } from "../flow/index.js";
import { parseFlow } from "../flow/index.js";
import { MemoryInputFileStore, resolveInputs } from "../inputs/index.js";
import { LocalHost } from "../local/host.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { MemoryBlobStore } from "../storage/internal.js";
import { memoryNamespaceFiles, type NamespaceFiles } from "../storage/namespace-files.js";
import { secretsFromEnv } from "../storage/secrets.js";
import { messageOf } from "../util/errors.js";
import { newId } from "../util/ids.js";
import type { CliIo } from "./io.js";

const USAGE = "usage: tern run FLOW.yaml [--input key=value]... [--flows DIR] [--namespace-files DIR] [--json]";

interface RunArgs {
  file?: string;
  inputs: Record<string, string>;
  flows?: string;
  namespaceFiles?: string;
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
    } else if (arg === "--flows") {
      const dir = args[++i];
      if (dir === undefined || dir === "") return "--flows expects a directory";
      if (out.flows !== undefined) return "--flows is given twice";
      out.flows = dir;
    } else if (arg === "--namespace-files") {
      const dir = args[++i];
      if (dir === undefined || dir === "") return "--namespace-files expects a directory";
      if (out.namespaceFiles !== undefined) return "--namespace-files is given twice";
      out.namespaceFiles = dir;
    } else if (out.file === undefined && !arg.startsWith("-")) out.file = arg;
    else return `unexpected argument "${arg}"`;
  }
  return out.file === undefined ? USAGE : out;
}

type Parsed = { ok: true; flow: Flow; source: string } | { ok: false };

/** Reads and parses a flow file; its problems are written as `file:line:column: path: message`. */
async function readFlow(file: string, io: CliIo, registry: PluginRegistry): Promise<Parsed> {
  let source: string;
  try {
    source = await io.readFile(file);
  } catch (error) {
    io.err(`${file}: ${messageOf(error)}\n`);
    return { ok: false };
  }
  const parsed = parseFlow(source, { registry });
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const where = issue.line === undefined ? "" : `${issue.line}:${issue.column ?? 1}:`;
      io.err(`${file}:${where} ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}\n`);
    }
    return { ok: false };
  }
  return { ok: true, flow: parsed.flow, source };
}

/**
 * The flows of `--flows DIR` (every *.yml / *.yaml under it), or undefined after reporting
 * every invalid file. A file defining the main flow again is left out (the main file wins);
 * two files defining the same flow are an error.
 */
async function readFlowDir(
  dir: string,
  main: { flow: Flow; source: string },
  io: CliIo,
  registry: PluginRegistry,
): Promise<Flow[] | undefined> {
  let files: string[];
  try {
    files = (await io.listFiles(dir)).filter((file) => /\.ya?ml$/i.test(file));
  } catch (error) {
    io.err(`${dir}: ${messageOf(error)}\n`);
    return undefined;
  }
  const flows: Flow[] = [];
  const seen = new Map<string, string>();
  let valid = true;
  for (const file of files) {
    const parsed = await readFlow(file, io, registry);
    if (!parsed.ok) {
      valid = false;
      continue;
    }
    const { flow, source } = parsed;
    const key = `${flow.namespace}.${flow.id}`;
    if (key === `${main.flow.namespace}.${main.flow.id}`) {
      if (source !== main.source)
        io.err(`${file}: warning: ${key} is the flow being run; the file given to run wins\n`);
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      io.err(`${file}: flow ${key} is already defined in ${first}\n`);
      valid = false;
      continue;
    }
    seen.set(key, file);
    flows.push(flow);
  }
  return valid ? flows : undefined;
}

export async function runCommand(argv: readonly string[], io: CliIo, registry: PluginRegistry): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.err(`${args}\n`);
    return 2;
  }
  const file = args.file as string;
  const main = await readFlow(file, io, registry);
  if (!main.ok) return 2;
  const flow = main.flow;
  const others = args.flows === undefined ? [] : await readFlowDir(args.flows, main, io, registry);
  if (others === undefined) return 2;
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
  const storage = new MemoryBlobStore();
  /** The flow of each task run that logged: "" for the main execution's. */
  const flowOfRun = new Map<string, string>();
  const files = memoryNamespaceFiles(storage);
  const host = new LocalHost({
    registry,
    engine,
    storage,
    namespaceFiles: files,
    secrets: secretsFromEnv(io.env ?? {}, (name) => io.err(`warning: ${name} is not base64-encoded; it is ignored\n`)),
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
      : (line, execution) => {
          // A child execution's lines name its flow: `child/task`. Building the execution
          // costs O(task runs), so the flow of a task run is looked up once.
          let flowId = line.taskRunId === undefined ? undefined : flowOfRun.get(line.taskRunId);
          if (flowId === undefined) {
            const of = execution();
            flowId = of.id === id ? "" : of.flowId;
            if (line.taskRunId !== undefined) flowOfRun.set(line.taskRunId, flowId);
          }
          const source =
            flowId === "" ? (line.taskId ?? flow.id) : `${flowId}${line.taskId === undefined ? "" : `/${line.taskId}`}`;
          io.out(`${line.timestamp.slice(11, 23)} ${line.level.padEnd(5)} ${source}  ${line.message}\n`);
        },
  });
  for (const other of others) host.deploy(other);
  if (
    args.namespaceFiles !== undefined &&
    !(await loadNamespaceFiles(args.namespaceFiles, flow.namespace, files, io))
  ) {
    return 2;
  }
  const { execution } = await host.run(flow, { inputs: resolved.values });
  if (args.json) io.out(`${toJson(execution, true)}\n`);
  else
    printSummary(
      execution,
      host.executions().filter((e) => e.id !== execution.id),
      io,
    );
  return execution.state.current === "SUCCESS" || execution.state.current === "WARNING" ? 0 : 1;
}

/** Every file under `dir` becomes a namespace file at its path below `dir`; false after reporting a problem. */
async function loadNamespaceFiles(dir: string, namespace: string, files: NamespaceFiles, io: CliIo): Promise<boolean> {
  try {
    // The host's paths as written (`./dir/a` may come back as `dir/a`): compared without `./`.
    const plain = (path: string) =>
      path
        .replaceAll("\\", "/")
        .replace(/^(\.\/)+/, "")
        .replace(/\/+$/, "");
    const base = plain(dir);
    for (const file of await io.listFiles(dir)) {
      const full = plain(file);
      const path = full.startsWith(`${base}/`) ? full.slice(base.length) : full.slice(full.lastIndexOf("/"));
      await files.put(namespace, path, new TextEncoder().encode(await io.readFile(file)));
    }
    return true;
  } catch (error) {
    io.err(`${dir}: ${messageOf(error)}\n`);
    return false;
  }
}

function duration(run: { state: { histories: readonly { date: string }[] } }): string {
  const first = run.state.histories[0]?.date;
  const last = run.state.histories.at(-1)?.date;
  if (!first || !last) return "";
  return `${((Date.parse(last) - Date.parse(first)) / 1000).toFixed(3)}s`;
}

function printTree(execution: Execution, io: CliIo): void {
  const depth = new Map<string, number>();
  for (const run of execution.taskRunList) {
    const level = run.parentTaskRunId ? (depth.get(run.parentTaskRunId) ?? 0) + 1 : 0;
    depth.set(run.id, level);
    const value = run.value === undefined ? "" : ` [${run.value}]`;
    io.out(`${"  ".repeat(level + 1)}${run.taskId}${value}  ${run.state.current}  ${duration(run)}\n`);
  }
}

/** The main execution's task tree, then each child execution's (in creation order), then the outputs. */
function printSummary(execution: Execution, children: readonly Execution[], io: CliIo): void {
  io.out(
    `\n${execution.namespace}.${execution.flowId} ${execution.id}: ${execution.state.current} in ${duration(execution)}\n`,
  );
  printTree(execution, io);
  for (const child of children) {
    const trigger = child.trigger;
    const parentFlow = trigger?.variables?.flowId;
    const from = typeof parentFlow === "string" && trigger ? ` (from ${parentFlow}/${trigger.id})` : "";
    io.out(
      `\nsubflow ${child.namespace}.${child.flowId} ${child.id}${from}: ${child.state.current} in ${duration(child)}\n`,
    );
    printTree(child, io);
  }
  const outputs = execution.taskRunList.filter((run: TaskRun) => run.outputs && Object.keys(run.outputs).length > 0);
  if (outputs.length > 0) {
    io.out("\noutputs:\n");
    for (const run of outputs)
      io.out(`  ${run.taskId}${run.value === undefined ? "" : ` [${run.value}]`}: ${toJson(run.outputs)}\n`);
  }
  if (execution.outputs) io.out(`\nflow outputs: ${toJson(execution.outputs)}\n`);
}
