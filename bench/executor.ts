/**
 * The executor alone on the local host (fake clock): sequential flows of N Return tasks,
 * and a ForEach over N values without a concurrency limit. Figures are task runs per second:
 * of the first run of each flow, and the median of several runs after a warm-up.
 */
import { registry } from "../plugins/index.js";
import { createEngine } from "../src/expression/index.js";
import { describeIssue, type Flow, parseFlow } from "../src/flow/index.js";
import { fakeClock } from "../src/local/clock.js";
import { LocalHost } from "../src/local/host.js";

export interface ExecutorBenchRow {
  readonly name: string;
  readonly taskRuns: number;
  /** The first run of the flow: indexFlow, template parsing and a cold JIT included. */
  readonly firstMillis: number;
  readonly firstPerSecond: number;
  /** Runs measured after the warm-up; millis is their median. */
  readonly rounds: number;
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

/** One run on a fresh host: the time from host.run() to the ended execution. */
async function once(name: string, target: Flow): Promise<{ taskRuns: number; millis: number }> {
  const host = new LocalHost({ registry, engine: createEngine(), clock: fakeClock() });
  const start = performance.now();
  const { execution } = await host.run(target);
  const millis = performance.now() - start;
  if (execution.state.current !== "SUCCESS") throw new Error(`${name} ended ${execution.state.current}`);
  return { taskRuns: execution.taskRunList.length, millis };
}

/**
 * The first run of a flow (a fresh engine and flow: indexFlow, template parsing and the JIT
 * warming up count), then WARM_UP runs not counted, then `rounds` runs whose median is the
 * steady-state figure.
 */
async function measure(name: string, target: Flow, rounds: number): Promise<ExecutorBenchRow> {
  const first = await once(name, target);
  for (let i = 0; i < WARM_UP; i++) await once(name, target);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push((await once(name, target)).millis);
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const millis =
    times.length % 2 === 1 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return {
    name,
    taskRuns: first.taskRuns,
    rounds,
    firstMillis: first.millis,
    firstPerSecond: (first.taskRuns * 1000) / first.millis,
    millis,
    perSecond: (first.taskRuns * 1000) / millis,
  };
}

const WARM_UP = 2;

export async function runExecutorBench(): Promise<ExecutorBenchRow[]> {
  const rows: ExecutorBenchRow[] = [];
  for (const [n, rounds] of [
    [100, 51],
    [1000, 15],
    [10_000, 5],
  ] as const) {
    rows.push(await measure(`sequential ${n} Return`, sequential(n), rounds));
  }
  rows.push(await measure("ForEach over 1,000 values, no limit", forEach(1000), 15));
  return rows;
}
