/**
 * The executor alone on the local host (fake clock): sequential flows of N Return tasks,
 * and a ForEach over N values without a concurrency limit. Figures are task runs per second.
 */
import { registry } from "../plugins/index.js";
import { createEngine } from "../src/expression/index.js";
import { describeIssue, type Flow, parseFlow } from "../src/flow/index.js";
import { fakeClock } from "../src/local/clock.js";
import { LocalHost } from "../src/local/host.js";

export interface ExecutorBenchRow {
  readonly name: string;
  readonly taskRuns: number;
  readonly millis: number;
  readonly perSecond: number;
}

function flow(source: string): Flow {
  const result = parseFlow(source, { registry });
  if (!result.ok) throw new Error(result.issues.map(describeIssue).join("\n"));
  return result.flow;
}

function sequential(n: number): Flow {
  const tasks = Array.from(
    { length: n },
    (_, i) => `  - id: t${i}\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ taskrun.id }}"\n`,
  );
  return flow(`id: seq${n}\nnamespace: bench\ntasks:\n${tasks.join("")}`);
}

function forEach(n: number): Flow {
  return flow(`id: each${n}
namespace: bench
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ range(1, ${n}) }}"
    concurrencyLimit: 0
    tasks:
      - id: r
        type: io.kestra.plugin.core.debug.Return
        format: "{{ taskrun.value }}"
`);
}

async function measure(name: string, target: Flow): Promise<ExecutorBenchRow> {
  const host = new LocalHost({ registry, engine: createEngine(), clock: fakeClock() });
  const start = performance.now();
  const { execution } = await host.run(target);
  const millis = performance.now() - start;
  if (execution.state.current !== "SUCCESS") throw new Error(`${name} ended ${execution.state.current}`);
  const taskRuns = execution.taskRunList.length;
  return { name, taskRuns, millis, perSecond: (taskRuns * 1000) / millis };
}

export async function runExecutorBench(): Promise<ExecutorBenchRow[]> {
  const rows: ExecutorBenchRow[] = [];
  for (const n of [100, 1000, 10_000]) rows.push(await measure(`sequential ${n} Return`, sequential(n)));
  rows.push(await measure("ForEach over 1,000 values, no limit", forEach(1000)));
  return rows;
}
