/**
 * Flow concurrency on Workers: the flow's FlowObject counts the executions holding a slot; an
 * execution over the limit is queued (and starts when a slot is given back), cancelled or
 * failed, as Kestra does. Timers fire through runDurableObjectAlarm, never by sleeping.
 */
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import type { Execution } from "../../src/executor/model.js";
import { newExecution } from "../../src/executor/new-execution.js";
import { describeIssue, parseFlow } from "../../src/flow/index.js";
import { newId } from "../../src/util/ids.js";

function limited(id: string, behavior: "QUEUE" | "CANCEL" | "FAIL"): string {
  return `id: ${id}
namespace: company.limits
concurrency:
  limit: 1
  behavior: ${behavior}
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`;
}

async function begin(source: string) {
  const parsed = parseFlow(source, { registry });
  if (!parsed.ok) throw new Error(parsed.issues.map(describeIssue).join("\n"));
  const execution = newExecution({ id: newId(), flow: parsed.flow, now: new Date().toISOString(), inputs: {} });
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(execution.id));
  await stub.start({ source, execution });
  return stub;
}

type Stub = Awaited<ReturnType<typeof begin>>;

async function settled(stub: Stub): Promise<Execution> {
  return (await stub.settled()) as unknown as Execution;
}

async function whenDone(stub: Stub): Promise<Execution> {
  return (await stub.whenDone()) as unknown as Execution;
}

function counter(flowId: string) {
  return env.FLOWS.get(env.FLOWS.idFromName(`company.limits/${flowId}`));
}

describe("Flow concurrency on Workers", () => {
  it("queues an execution over the limit and starts it when the slot is given back", async () => {
    const source = limited("queued", "QUEUE");
    const first = await begin(source);
    const second = await begin(source);
    expect((await settled(first)).state.current).toBe("RUNNING");
    const waiting = await settled(second);
    expect(waiting.state.current).toBe("QUEUED");
    const logs = (await second.logs()) as unknown as { message: string }[];
    expect(logs.map((line) => line.message)).toContain(
      "Execution is queued due to concurrency limit exceeded, 1 running(s)",
    );
    expect(await counter("queued").counts()).toEqual({ holders: [(await settled(first)).id], queued: [waiting.id] });

    expect(await runDurableObjectAlarm(first)).toBe(true);
    expect((await whenDone(first)).state.current).toBe("SUCCESS");
    // settled() waits for the slot to be given back, which starts the queued execution.
    await settled(first);
    // The slot went to the queued execution, which now runs (and sleeps).
    const running = await settled(second);
    expect(running.state.histories.map((h) => h.state)).toEqual(["CREATED", "QUEUED", "RUNNING"]);
    expect(await counter("queued").counts()).toEqual({ holders: [running.id], queued: [] });
    expect(await runDurableObjectAlarm(second)).toBe(true);
    expect((await whenDone(second)).state.current).toBe("SUCCESS");
    expect(await counter("queued").counts()).toEqual({ holders: [], queued: [] });
  });

  it("cancels or fails an execution over the limit, as the flow says", async () => {
    const cancelSource = limited("cancelled", "CANCEL");
    const cancelHolder = await begin(cancelSource);
    const cancelled = await settled(await begin(cancelSource));
    expect(cancelled.state.current).toBe("CANCELLED");

    const failSource = limited("failed", "FAIL");
    const failHolder = await begin(failSource);
    const failing = await begin(failSource);
    const failed = await settled(failing);
    expect(failed.state.current).toBe("FAILED");
    const logs = (await failing.logs()) as unknown as { message: string }[];
    expect(logs.map((line) => line.message)).toContain("Execution is FAILED due to concurrency limit exceeded");

    // Neither took a slot: only the holders count.
    expect((await counter("cancelled").counts()).holders).toEqual([(await settled(cancelHolder)).id]);
    expect((await counter("failed").counts()).holders).toEqual([(await settled(failHolder)).id]);
    await cancelHolder.kill();
    await failHolder.kill();
  });

  it("gives the slot of a deleted execution to the next queued one", async () => {
    const source = limited("deleted-holder", "QUEUE");
    const holder = await begin(source);
    const queued = await begin(source);
    expect((await settled(queued)).state.current).toBe("QUEUED");
    await holder.delete();
    expect((await settled(queued)).state.current).toBe("RUNNING");
    expect((await counter("deleted-holder").counts()).queued).toEqual([]);
    await queued.kill();
  });

  it("drops a killed queued execution from the queue without freeing a slot", async () => {
    const source = limited("killed-in-queue", "QUEUE");
    const holder = await begin(source);
    const queued = await begin(source);
    expect((await settled(queued)).state.current).toBe("QUEUED");
    await queued.kill();
    expect((await whenDone(queued)).state.current).toBe("KILLED");
    await settled(queued);
    const counts = await counter("killed-in-queue").counts();
    expect(counts).toEqual({ holders: [(await settled(holder)).id], queued: [] });
    await holder.kill();
  });
});
