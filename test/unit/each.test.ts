/**
 * ForEach with a concurrency limit, driven through step() by hand: which children start
 * after each one ends (Kestra's resolveConcurrentNexts), counted incrementally.
 */
import { describe, expect, it } from "vitest";
import type { ExecutorEvent } from "../../src/executor/protocol.js";
import { stepDriver } from "../support/step-driver.js";

function start(source: string) {
  const driver = stepDriver(source, { tick: 0 });
  /** The task runs a step asks to run, as `task[value]`. */
  const send = (event: ExecutorEvent): string[] =>
    driver.send(event).flatMap((c) => {
      if (c.type !== "task.run") return [];
      const run = driver.state().runs.get(c.taskRunId);
      return [`${c.taskId}[${run?.value}]`];
    });
  const end = (label: string): string[] => {
    const run = driver.execution().taskRunList.find((r) => `${r.taskId}[${r.value}]` === label);
    if (!run) throw new Error(`no run ${label}`);
    return send({ type: "task.ended", taskRunId: run.id, state: "SUCCESS" });
  };
  return { send, end, state: driver.execution };
}

const flow = (limit: number, values: string) => `id: f
namespace: n
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ${values}
    concurrencyLimit: ${limit}
    tasks:
      - id: a
        type: io.kestra.plugin.core.debug.Return
        format: a
      - id: b
        type: io.kestra.plugin.core.debug.Return
        format: b
`;

describe("ForEach with a concurrency limit", () => {
  it("starts a value's next task as soon as a slot frees, values in order", () => {
    const run = start(flow(2, '["1", "2", "3"]'));
    expect(run.send({ type: "execution.start" })).toEqual(["a[1]", "a[2]"]);
    expect(run.end("a[1]")).toEqual(["b[1]"]);
    expect(run.end("a[2]")).toEqual(["b[2]"]);
    expect(run.end("b[1]")).toEqual(["a[3]"]);
    // A value's next task may start while its previous one runs, as in Kestra.
    expect(run.end("b[2]")).toEqual(["b[3]"]);
    expect(run.end("b[3]")).toEqual([]);
    expect(run.end("a[3]")).toEqual([]);
    expect(run.state().state.current).toBe("SUCCESS");
    expect(run.state().taskRunList).toHaveLength(7);
  });

  it("renders the values once and keeps them while the ForEach runs", () => {
    // The values read the `tasks` variable, which changes as children end: kept as first rendered.
    const run = start(flow(1, '"{{ tasks | keys }}"'));
    expect(run.send({ type: "execution.start" })).toEqual(["a[each]"]);
    expect(run.end("a[each]")).toEqual(["b[each]"]);
    expect(run.end("b[each]")).toEqual([]);
    expect(run.state().state.current).toBe("SUCCESS");
  });
});
