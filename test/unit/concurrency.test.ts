/**
 * Flow `concurrency`: the pure decision (concurrency.ts), step()'s state changes for a limited
 * or unqueued execution, and the local host counting slots: queue order, CANCEL, FAIL, a PAUSED
 * execution holding its slot, a queued execution killed.
 */
import { describe, expect, it } from "vitest";
import { admit, freeSlots, isGated } from "../../src/executor/concurrency.js";
import type { ExecutorEvent } from "../../src/executor/protocol.js";
import { createEngine } from "../../src/expression/index.js";
import type { Flow } from "../../src/flow/index.js";
import type { LocalHost } from "../../src/local/host.js";
import { flowOf, localHost } from "../support/flows.js";
import { stepDriver } from "../support/step-driver.js";

const _engine = createEngine();

const flow = (source: string): Flow => flowOf(source);

const limited = (behavior: string, limit = 1, task = SLEEP) =>
  flow(`id: limited\nnamespace: n\nconcurrency:\n  limit: ${limit}\n  behavior: ${behavior}\ntasks:\n${task}`);
const SLEEP = "  - id: sleep\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT2S\n";
const PAUSE = "  - id: pause\n    type: io.kestra.plugin.core.flow.Pause\n";

const host = () => localHost();

const history = (h: LocalHost, id: string) => h.execution(id).state.histories.map((s) => s.state);

describe("concurrency decision", () => {
  it("lets an execution start below the limit, and stops it at the limit", () => {
    expect(admit(undefined, 10)).toBeUndefined();
    expect(admit({ limit: 2, behavior: "QUEUE" }, 1)).toBeUndefined();
    expect(admit({ limit: 2, behavior: "QUEUE" }, 2)).toEqual({
      type: "execution.limited",
      behavior: "QUEUE",
      running: 2,
    });
    expect(admit({ limit: 1, behavior: "CANCEL" }, 3)?.behavior).toBe("CANCEL");
  });

  it("frees slots for queued executions only with QUEUE", () => {
    expect(freeSlots({ limit: 2, behavior: "QUEUE" }, 1)).toBe(1);
    expect(freeSlots({ limit: 2, behavior: "QUEUE" }, 2)).toBe(0);
    expect(freeSlots({ limit: 2, behavior: "CANCEL" }, 0)).toBe(0);
    expect(freeSlots(undefined, 0)).toBe(0);
  });

  it("gates new executions and restarts after a failure, not resumes", () => {
    const at = (...states: string[]) =>
      ({ current: states.at(-1), histories: states.map((state) => ({ state })) }) as Parameters<typeof isGated>[0];
    expect(isGated(at("CREATED"))).toBe(true);
    expect(isGated(at("CREATED", "RUNNING", "FAILED", "RESTARTED"))).toBe(true);
    expect(isGated(at("CREATED", "RUNNING", "PAUSED", "RESTARTED"))).toBe(false);
    expect(isGated(at("CREATED", "RUNNING"))).toBe(false);
  });
});

describe("step() with a concurrency limit", () => {
  function start(source: Flow) {
    const driver = stepDriver(source);
    return { send: (event: ExecutorEvent) => driver.send(event), logs: driver.logLines, execution: driver.execution };
  }

  it("QUEUE parks the execution QUEUED, and unqueued it starts its first task", () => {
    const run = start(limited("QUEUE"));
    expect(run.send({ type: "execution.limited", behavior: "QUEUE", running: 1 })).toEqual([]);
    expect(run.execution().state.current).toBe("QUEUED");
    expect(run.execution().taskRunList).toEqual([]);
    expect(run.logs()).toMatchObject([
      { level: "INFO", message: "Execution is queued due to concurrency limit exceeded, 1 running(s)" },
    ]);
    const commands = run.send({ type: "execution.unqueued" });
    expect(run.execution().state.histories.map((h) => h.state)).toEqual(["CREATED", "QUEUED", "RUNNING"]);
    expect(run.execution().taskRunList.map((r) => r.taskId)).toEqual(["sleep"]);
    expect(commands.some((c) => c.type === "timer.set")).toBe(true);
  });

  it("CANCEL ends the execution CANCELLED without a log or a task run", () => {
    const run = start(limited("CANCEL"));
    const commands = run.send({ type: "execution.limited", behavior: "CANCEL", running: 1 });
    expect(commands).toEqual([{ type: "execution.ended", state: "CANCELLED" }]);
    expect(run.execution().state.histories.map((h) => h.state)).toEqual(["CREATED", "CANCELLED"]);
    expect(run.execution().taskRunList).toEqual([]);
    expect(run.logs()).toEqual([]);
  });

  it("FAIL ends the execution FAILED with Kestra's error line", () => {
    const run = start(limited("FAIL"));
    const commands = run.send({ type: "execution.limited", behavior: "FAIL", running: 1 });
    expect(commands).toEqual([{ type: "execution.ended", state: "FAILED" }]);
    expect(run.execution().state.histories.map((h) => h.state)).toEqual(["CREATED", "FAILED"]);
    expect(run.logs()).toMatchObject([
      { level: "ERROR", message: "Execution is FAILED due to concurrency limit exceeded" },
    ]);
    expect(run.logs()[0]?.taskRunId).toBeUndefined();
  });

  it("kills a queued execution at once (nothing is running)", () => {
    const run = start(limited("QUEUE"));
    run.send({ type: "execution.limited", behavior: "QUEUE", running: 1 });
    expect(run.send({ type: "execution.kill" })).toEqual([{ type: "execution.ended", state: "KILLED" }]);
    expect(run.execution().state.histories.map((h) => h.state)).toEqual(["CREATED", "QUEUED", "KILLED"]);
    expect(run.send({ type: "execution.unqueued" })).toEqual([]);
    expect(run.execution().state.current).toBe("KILLED");
  });

  it("ignores a limit once the execution has started", () => {
    const run = start(limited("CANCEL"));
    run.send({ type: "execution.start" });
    expect(run.send({ type: "execution.limited", behavior: "CANCEL", running: 1 })).toEqual([]);
    expect(run.execution().state.current).toBe("RUNNING");
  });
});

describe("LocalHost with a concurrency limit", () => {
  it("QUEUE: the queued executions start in the order they arrived, one per freed slot", async () => {
    const h = host();
    const f = h.deploy(limited("QUEUE"));
    const ids = [h.start(f), h.start(f), h.start(f)];
    await h.settle(() => h.execution(ids[2] as string).state.current !== "CREATED");
    expect(ids.map((id) => h.execution(id).state.current)).toEqual(["RUNNING", "QUEUED", "QUEUED"]);
    expect(h.logs(ids[1] as string).map((l) => l.message)).toContain(
      "Execution is queued due to concurrency limit exceeded, 1 running(s)",
    );
    await h.settle();
    for (const id of ids) expect(h.execution(id).state.current).toBe("SUCCESS");
    expect(history(h, ids[0] as string)).toEqual(["CREATED", "RUNNING", "SUCCESS"]);
    expect(history(h, ids[1] as string)).toEqual(["CREATED", "QUEUED", "RUNNING", "SUCCESS"]);
    // Each starts when the previous one ends, never two at a time.
    const date = (id: string, state: string) =>
      h.execution(id).state.histories.find((s) => s.state === state)?.date as string;
    expect(date(ids[1] as string, "RUNNING")).toBe(date(ids[0] as string, "SUCCESS"));
    expect(date(ids[2] as string, "RUNNING")).toBe(date(ids[1] as string, "SUCCESS"));
  });

  it("QUEUE with a limit of 2: two run, the third waits", async () => {
    const h = host();
    const f = h.deploy(limited("QUEUE", 2));
    const ids = [h.start(f), h.start(f), h.start(f)];
    await h.settle(() => h.execution(ids[2] as string).state.current !== "CREATED");
    expect(ids.map((id) => h.execution(id).state.current)).toEqual(["RUNNING", "RUNNING", "QUEUED"]);
    await h.settle();
    expect(ids.map((id) => h.execution(id).state.current)).toEqual(["SUCCESS", "SUCCESS", "SUCCESS"]);
  });

  it("CANCEL and FAIL end the arrival; the first one runs on", async () => {
    for (const [behavior, state] of [
      ["CANCEL", "CANCELLED"],
      ["FAIL", "FAILED"],
    ] as const) {
      const h = host();
      const f = h.deploy(limited(behavior));
      const first = h.start(f);
      await h.settle(() => h.execution(first).state.current === "RUNNING");
      const second = h.start(f);
      await h.settle();
      expect(h.execution(first).state.current).toBe("SUCCESS");
      expect(history(h, second)).toEqual(["CREATED", state]);
      expect(h.logs(second).some((l) => l.message.startsWith("Flow completed"))).toBe(false);
      // The refused execution held no slot: a third one runs.
      const third = h.start(f);
      await h.settle();
      expect(h.execution(third).state.current).toBe("SUCCESS");
    }
  });

  it("a PAUSED execution holds its slot until it ends", async () => {
    const h = host();
    const f = h.deploy(limited("QUEUE", 1, PAUSE));
    const first = h.start(f);
    await h.settle();
    expect(h.execution(first).state.current).toBe("PAUSED");
    const second = h.start(f);
    await h.settle();
    expect(h.execution(second).state.current).toBe("QUEUED");
    await h.resume(first);
    await h.settle(() => h.execution(first).state.current === "SUCCESS");
    expect(h.execution(second).state.current).toBe("QUEUED");
    await h.settle();
    expect(h.execution(second).state.current).toBe("PAUSED");
    expect(history(h, second)).toEqual(["CREATED", "QUEUED", "RUNNING", "PAUSED"]);
  });

  it("a killed queued execution leaves the queue and frees nothing", async () => {
    const h = host();
    const f = h.deploy(limited("QUEUE", 1, PAUSE));
    const first = h.start(f);
    const second = h.start(f);
    const third = h.start(f);
    await h.settle();
    expect(h.kill(second).state.current).toBe("KILLED");
    expect(h.execution(third).state.current).toBe("QUEUED");
    await h.resume(first);
    await h.settle();
    expect(h.execution(first).state.current).toBe("SUCCESS");
    expect(history(h, second)).toEqual(["CREATED", "QUEUED", "KILLED"]);
    expect(h.execution(third).state.current).toBe("PAUSED");
  });

  it("a restart after a failure goes through the gate again", async () => {
    const h = host();
    const fail = "  - id: fail\n    type: io.kestra.plugin.core.execution.Fail\n";
    const f = h.deploy(limited("QUEUE", 1, `${PAUSE}${fail}`));
    const first = h.start(f);
    await h.settle();
    await h.resume(first);
    await h.settle();
    expect(h.execution(first).state.current).toBe("FAILED");
    const second = h.start(f);
    await h.settle();
    expect(h.execution(second).state.current).toBe("PAUSED");
    h.restart(first);
    await h.settle();
    expect(h.execution(first).state.current).toBe("QUEUED");
    await h.resume(second);
    await h.settle();
    expect(h.execution(second).state.current).toBe("FAILED");
    expect(history(h, first).slice(-5)).toEqual(["FAILED", "RESTARTED", "QUEUED", "RUNNING", "FAILED"]);
  });

  it("executions of other flows are not counted", async () => {
    const h = host();
    const a = h.deploy(limited("CANCEL"));
    const b = h.deploy({ ...limited("CANCEL"), id: "other" });
    const first = h.start(a);
    const second = h.start(b);
    await h.settle();
    expect([h.execution(first).state.current, h.execution(second).state.current]).toEqual(["SUCCESS", "SUCCESS"]);
  });
});
