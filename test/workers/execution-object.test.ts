/**
 * The ExecutionObject inside workerd with the real bindings: it runs an execution with
 * step(), keeps it in its SQLite storage, sleeps on an alarm (fired here through
 * runDurableObjectAlarm, no sleeps), serves kill and resume, and carries on after a reload.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import type { ExecutionObject } from "../../durable/execution-object.js";
import { registry } from "../../plugins/index.js";
import type { Execution } from "../../src/executor/model.js";
import { newExecution } from "../../src/executor/new-execution.js";
import { describeIssue, parseFlow } from "../../src/flow/index.js";
import { createSqlKvStore } from "../../src/storage/sql/kv-repository.js";
import { newId } from "../../src/util/ids.js";

async function begin(source: string, inputs: Record<string, unknown> = {}) {
  const parsed = parseFlow(source, { registry });
  if (!parsed.ok) throw new Error(parsed.issues.map(describeIssue).join("\n"));
  const execution = newExecution({ id: newId(), flow: parsed.flow, now: new Date().toISOString(), inputs });
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(execution.id));
  const started = (await stub.start({ source, execution })) as unknown as Execution;
  return { stub, started };
}

type Stub = DurableObjectStub<ExecutionObject>;

// RPC types cannot express `unknown` values (inputs, outputs): the clone is an Execution.
async function settled(stub: Stub): Promise<Execution> {
  return (await stub.settled()) as unknown as Execution;
}

async function resume(stub: Stub, inputs: Record<string, unknown>): Promise<Execution> {
  return (await stub.resume(inputs)) as unknown as Execution;
}

/** The message of the error an RPC call was refused with. */
async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("the call was not refused");
}

function states(execution: Execution): Record<string, string> {
  return Object.fromEntries(execution.taskRunList.map((run) => [run.taskId, run.state.current]));
}

const LOG_RETURN = `id: hello
namespace: company.team
inputs:
  - id: name
    type: STRING
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: Hello {{ inputs.name }}
  - id: both
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: a
        type: io.kestra.plugin.core.debug.Return
        format: "a-{{ inputs.name }}"
      - id: b
        type: io.kestra.plugin.core.debug.Return
        format: "b-{{ outputs.log is defined }}"
  - id: last
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.a.value }}+{{ outputs.b.value }}"
`;

describe("ExecutionObject", () => {
  it("runs a flow of Log and Return tasks to SUCCESS with their outputs and logs", async () => {
    const { stub, started } = await begin(LOG_RETURN, { name: "Ada" });
    expect(started.state.current).not.toBe("CREATED");
    const execution = await settled(stub);
    expect(execution.state.current).toBe("SUCCESS");
    expect(states(execution)).toEqual({ log: "SUCCESS", both: "SUCCESS", a: "SUCCESS", b: "SUCCESS", last: "SUCCESS" });
    expect(execution.taskRunList.find((run) => run.taskId === "last")?.outputs).toEqual({ value: "a-Ada+b-false" });
    const logs = await stub.logs();
    expect(logs.some((line) => line.taskId === "log" && line.message === "Hello Ada")).toBe(true);
  });

  it("keeps the execution in its SQLite storage, one row per task run", async () => {
    const { stub } = await begin(LOG_RETURN, { name: "Bo" });
    await settled(stub);
    await runInDurableObject(stub, (_instance: ExecutionObject, state) => {
      const sql = state.storage.sql;
      expect(sql.exec<{ n: number }>("select count(*) as n from task_runs").one().n).toBe(5);
      expect(sql.exec<{ n: number }>("select count(*) as n from commands").one().n).toBe(0);
      const header = sql.exec<{ value: string }>("select value from meta where key = 'execution'").one();
      expect(JSON.parse(header.value).state.current).toBe("SUCCESS");
    });
  });

  it("sleeps on an alarm and ends when it fires", async () => {
    const { stub } = await begin(`id: sleepy
namespace: company.team
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: awake
`);
    const waiting = await settled(stub);
    expect(states(waiting)).toEqual({ nap: "RUNNING" });
    const alarm = await runInDurableObject(stub, (_instance: ExecutionObject, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const execution = await settled(stub);
    expect(execution.state.current).toBe("SUCCESS");
    expect(states(execution)).toEqual({ nap: "SUCCESS", after: "SUCCESS" });
    expect(await runInDurableObject(stub, (_instance: ExecutionObject, state) => state.storage.getAlarm())).toBeNull();
  });

  it("arms a watchdog alarm while tasks run, which wakes the object without firing a timer early", async () => {
    const { stub } = await begin(`id: watched
namespace: company.team
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`);
    await settled(stub);
    // As if the alarm that fires now had been armed while a task ran (then the object crashed).
    await runInDurableObject(stub, (_instance: ExecutionObject, state) => {
      state.storage.sql.exec("insert or replace into meta (key, value) values ('alarm', 'watchdog')");
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(states(await settled(stub))).toEqual({ nap: "RUNNING" });
    // It re-armed for the Sleep's timer: that one ends the Sleep.
    const alarm = await runInDurableObject(stub, (_instance: ExecutionObject, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await settled(stub)).state.current).toBe("SUCCESS");
  });

  it("waits for a retry on an alarm and records the attempts", async () => {
    const { stub } = await begin(`id: retrying
namespace: company.team
tasks:
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
    retry:
      type: constant
      interval: PT10M
      maxAttempts: 2
`);
    const first = await settled(stub);
    expect(first.state.current).toBe("RETRYING");
    expect(first.taskRunList[0]?.attempts?.length).toBe(1);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const execution = await settled(stub);
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList[0]?.attempts?.map((a) => a.state.current)).toEqual(["FAILED", "FAILED"]);
  });

  it("kills a sleeping execution and drops its alarm", async () => {
    const { stub } = await begin(`id: killed
namespace: company.team
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`);
    await settled(stub);
    await stub.kill();
    const execution = await settled(stub);
    expect(execution.state.current).toBe("KILLED");
    expect(states(execution)).toEqual({ nap: "KILLED" });
    expect(await runInDurableObject(stub, (_instance: ExecutionObject, state) => state.storage.getAlarm())).toBeNull();
    expect(await refusal(async () => stub.kill())).toContain("Execution is already terminated");
  });

  it("forgets a deleted execution: its storage and alarm are gone and later calls are refused", async () => {
    const { stub } = await begin(`id: deleted
namespace: company.team
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`);
    await settled(stub);
    await stub.delete();
    await runInDurableObject(stub, async (_instance: ExecutionObject, state) => {
      expect(await state.storage.getAlarm()).toBeNull();
      expect(state.storage.sql.exec<{ n: number }>("select count(*) as n from task_runs").one().n).toBe(0);
      expect(state.storage.sql.exec<{ n: number }>("select count(*) as n from meta").one().n).toBe(0);
    });
    expect(await refusal(async () => stub.execution())).toContain("No execution is held");
    expect(await refusal(async () => stub.delete())).toContain("No execution is held");
  });

  it("resumes a Pause with its onResume inputs", async () => {
    const { stub } = await begin(`id: approval
namespace: company.team
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
    onResume:
      - id: approved
        type: BOOLEAN
  - id: decision
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.wait.onResume.approved }}"
`);
    expect((await settled(stub)).state.current).toBe("PAUSED");
    expect(await refusal(async () => stub.resume({}))).toContain("approved");
    const resumed = await resume(stub, { approved: true });
    expect(resumed.state.current).toBe("RESTARTED");
    const execution = await settled(stub);
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList.find((run) => run.taskId === "decision")?.outputs).toEqual({ value: "true" });
  });

  it("carries on after a reload: a task run RUNNING at the eviction runs again as a new attempt", async () => {
    const source = `id: evicted
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.debug.Return
    format: one
  - id: second
    type: io.kestra.plugin.core.debug.Return
    format: two
`;
    const parsed = parseFlow(source, { registry });
    if (!parsed.ok) throw new Error("invalid flow");
    const execution = newExecution({ id: newId(), flow: parsed.flow, now: new Date().toISOString() });
    const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(execution.id));
    await runInDurableObject(stub, (instance: ExecutionObject) => {
      // start() commits the first tick and sends `first` off; the object is evicted before it answers.
      const started = instance.start({ source, execution });
      expect(states(started)).toEqual({ first: "RUNNING" });
      instance.reload();
    });
    const done = await settled(stub);
    expect(done.state.current).toBe("SUCCESS");
    const first = done.taskRunList.find((run) => run.taskId === "first");
    expect(first?.attempts?.map((a) => a.state.current)).toEqual(["RESUBMITTED", "SUCCESS"]);
    expect(first?.outputs).toEqual({ value: "one" });
    expect(states(done)).toEqual({ first: "SUCCESS", second: "SUCCESS" });
  });

  it("restarts a failed execution from its failed task run, as a new attempt", async () => {
    const { stub } = await begin(`id: flaky
namespace: company.team
tasks:
  - id: ok
    type: io.kestra.plugin.core.debug.Return
    format: fine
  - id: boom
    type: io.kestra.plugin.core.execution.Fail
`);
    expect((await settled(stub)).state.current).toBe("FAILED");
    const restarted = (await stub.restart()) as unknown as Execution;
    expect(restarted.state.current).toBe("RESTARTED");
    const execution = await settled(stub);
    expect(execution.state.current).toBe("FAILED");
    expect(execution.state.histories.map((h) => h.state)).toContain("RESTARTED");
    const boom = execution.taskRunList.find((run) => run.taskId === "boom");
    expect(boom?.attempts?.map((a) => a.state.current)).toEqual(["FAILED", "FAILED"]);
    expect(execution.taskRunList.find((run) => run.taskId === "ok")?.attempts).toHaveLength(1);
  });

  it("shares a WorkingDirectory's directory between its tasks and uploads its output files to R2", async () => {
    const { stub } = await begin(`id: shared
namespace: company.team
tasks:
  - id: dir
    type: io.kestra.plugin.core.flow.WorkingDirectory
    inputFiles:
      given.txt: "from inputFiles"
    outputFiles:
      - "*.txt"
    tasks:
      - id: write
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          made.txt: "made by {{ task.id }}"
      - id: collect
        type: io.kestra.plugin.core.storage.LocalFiles
        outputs:
          - "*.txt"
  - id: check
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(outputs.collect.uris['given.txt']) }} / {{ read(outputs.dir.outputFiles['made.txt']) }}"
`);
    const execution = await settled(stub);
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList.find((run) => run.taskId === "check")?.outputs).toEqual({
      value: "from inputFiles / made by write",
    });
    const outputFiles = execution.taskRunList.find((run) => run.taskId === "dir")?.outputs?.outputFiles;
    const uri = String((outputFiles as Record<string, string> | undefined)?.["made.txt"]);
    expect(uri).toMatch(/^kestra:\/\/\/company\/team\/shared\/executions\//);
    const object = await env.STORAGE.get(uri.slice("kestra:///".length));
    expect(await object?.text()).toBe("made by write");
  });

  it("fails a WorkingDirectory whose directory was lost with its object, naming why", async () => {
    const { stub } = await begin(`id: lost
namespace: company.team
tasks:
  - id: dir
    type: io.kestra.plugin.core.flow.WorkingDirectory
    tasks:
      - id: write
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          made.txt: made
      - id: nap
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT1H
      - id: collect
        type: io.kestra.plugin.core.storage.LocalFiles
        outputs:
          - made.txt
`);
    await settled(stub);
    await runInDurableObject(stub, (instance: ExecutionObject) => instance.reload());
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const execution = await settled(stub);
    expect(execution.state.current).toBe("FAILED");
    expect(states(execution)).toMatchObject({ dir: "FAILED", write: "SUCCESS", nap: "SUCCESS", collect: "FAILED" });
    const messages = (await stub.logs()).map((line) => line.message);
    expect(messages).toContainEqual(expect.stringContaining("The working directory was lost"));
  });

  it("retries as a new execution in its own object (retry behavior CREATE_NEW_EXECUTION), Kestra's case", async () => {
    // valids/retry-new-execution-task-attempts.yml: RETRIED, RETRIED, then FAILED.
    const { stub } = await begin(`id: retry-new-execution-task-attempts
namespace: io.kestra.tests
tasks:
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
    retry:
      behavior: CREATE_NEW_EXECUTION
      type: constant
      maxAttempt: 3
      interval: PT1S
`);
    const chain: Execution[] = [await settled(stub)];
    for (let current = stub; chain.length < 3; ) {
      expect(chain.at(-1)?.state.current).toBe("RETRIED");
      expect(await runDurableObjectAlarm(current)).toBe(true);
      await settled(current);
      const next = await runInDurableObject(current, (_instance: ExecutionObject, state) =>
        state.storage.sql.exec<{ value: string }>("select value from meta where key = 'retryStarted'").one(),
      );
      current = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(next.value));
      chain.push(await settled(current));
    }
    expect(chain.map((execution) => execution.state.current)).toEqual(["RETRIED", "RETRIED", "FAILED"]);
    expect(chain[1]?.parentId).toBe(chain[0]?.id);
    expect(chain[2]?.parentId).toBe(chain[1]?.id);
    expect(new Set(chain.map((execution) => execution.originalId))).toEqual(new Set([chain[0]?.id]));
    expect(chain.map((execution) => execution.metadata?.attemptNumber)).toEqual([1, 2, 3]);
  });

  it("passes a 20 MB output between two tasks, stored in chunks, and keeps it after a reload", async () => {
    // 20,480 times a kilobyte of text: 20 MB, ten times what a row of the object's SQLite holds.
    const { stub } = await begin(`id: big
namespace: company.team
tasks:
  - id: make
    type: io.kestra.plugin.core.debug.Return
    format: "{% for i in range(1, 20480) %}${"0123456789abcdef".repeat(64)}{% endfor %}"
  - id: measure
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.make.value | length }}"
`);
    const execution = await settled(stub);
    expect(execution.state.current).toBe("SUCCESS");
    const size = 20480 * 1024;
    expect(execution.taskRunList.find((run) => run.taskId === "measure")?.outputs).toEqual({ value: String(size) });
    await runInDurableObject(stub, (instance: ExecutionObject, state) => {
      const chunks = state.storage.sql.exec<{ n: number }>("select count(*) as n from chunks").one().n;
      expect(chunks).toBeGreaterThanOrEqual(Math.ceil(size / 500_000));
      instance.reload();
    });
    const reloaded = (await stub.execution()) as unknown as Execution;
    expect(String(reloaded.taskRunList.find((run) => run.taskId === "make")?.outputs?.value)).toHaveLength(size);
  });

  it("reads the KV store in the executor's own renders (If condition, runIf), afresh at each step", async () => {
    await createSqlKvStore(drizzle(env.DB)).put("company.kv", "mode", "fast");
    const { stub } = await begin(`id: kv-conditions
namespace: company.kv
tasks:
  - id: check
    type: io.kestra.plugin.core.flow.If
    condition: "{{ kv('mode') == 'fast' }}"
    then:
      - id: fast
        type: io.kestra.plugin.core.debug.Return
        format: "fast {{ kv('mode') }}"
  - id: change
    type: io.kestra.plugin.core.kv.Set
    key: mode
    value: slow
  - id: now-slow
    type: io.kestra.plugin.core.debug.Return
    runIf: "{{ kv('mode') == 'slow' }}"
    format: now slow
`);
    const execution = await settled(stub);
    expect((await stub.logs()).filter((line) => line.level === "ERROR")).toEqual([]);
    expect(execution.state.current).toBe("SUCCESS");
    expect(states(execution)).toEqual({ check: "SUCCESS", fast: "SUCCESS", change: "SUCCESS", "now-slow": "SUCCESS" });
  });

  it("runs Kestra's errors-global case (valids/errors.yaml, inlined: workerd reads no files)", async () => {
    const { stub } = await begin(KESTRA_ERRORS);
    const execution = await settled(stub);
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList).toHaveLength(7);
    expect(states(execution).failed).toBe("FAILED");
    const logs = await stub.logs();
    expect(logs).toContainEqual(
      expect.objectContaining({ taskId: "t2", message: "- task: failed, message: Task failure" }),
    );
  });
});

/** ../shared/kestra/flows/valids/errors.yaml; expected outcome from ../shared/kestra/cases/errors-global.yaml. */
const KESTRA_ERRORS = `id: errors
namespace: io.kestra.tests

tasks:
- id: failed
  type: io.kestra.plugin.core.execution.Fail
errors:
  - id: t2
    type: io.kestra.plugin.core.log.Log
    message: |
      {%- for log in errorLogs() -%}
      - task: {{ log.taskId }}, message: {{ log.message }}
      {%- endfor -%}

  - id: t3
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: t3-t1
        type: io.kestra.plugin.core.flow.Parallel
        tasks:
          - id: t3-t1-t1
            type: io.kestra.plugin.core.flow.Parallel
            tasks:
              - id: t3-t1-t1-t1
                type: io.kestra.plugin.core.flow.Parallel
                tasks:
                  - id: t3-t1-t1-t1-last
                    type: io.kestra.plugin.core.log.Log
                    message: "t3-t1-t1-t1-last : {{task.id}}"
`;
