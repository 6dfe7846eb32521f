import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/expression/index.js";
import { describeIssue, parseFlow } from "../../../src/flow/index.js";
import { fakeClock } from "../../../src/local/clock.js";
import { LocalHost } from "../../../src/local/host.js";
import { registry } from "../../index.js";
import pause from "./pause.js";

/** Runs `pause` (given its properties) followed by a Log task, on the local host with a fake clock. */
async function runPause(properties: string) {
  const source = `id: f
namespace: n
tasks:
  - id: pause
    type: io.kestra.plugin.core.flow.Pause
${properties}
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: after
`;
  const parsed = parseFlow(source, { registry });
  if (!parsed.ok) throw new Error(parsed.issues.map(describeIssue).join("\n"));
  const { execution, logs } = await new LocalHost({ registry, engine: createEngine(), clock: fakeClock() }).run(
    parsed.flow,
  );
  return {
    state: execution.state.current,
    runs: execution.taskRunList.map((r) => `${r.taskId}:${r.state.current}`),
    resumed: (execution.taskRunList[0]?.outputs as { resumed?: { to: string } } | null)?.resumed?.to,
    logs: logs.map((l) => l.message),
  };
}

const log = { id: "a", type: "io.kestra.plugin.core.log.Log", message: "hi" };
const parse = (value: unknown) => pause.properties.safeParse(value);

describe("Pause", () => {
  it("is the flowable Kestra type, with its legacy name", () => {
    expect(pause.type).toBe("io.kestra.plugin.core.flow.Pause");
    expect(pause.kind).toBe("flowable");
    expect(pause.aliases).toContain("io.kestra.core.tasks.flows.Pause");
  });

  it("renames the old `delay` to `pauseDuration`", () => {
    expect(pause.renamedProperties).toEqual({ delay: "pauseDuration" });
    // The flow model applies the rename before parsing: the schema itself only knows the new name.
    expect(parse({ delay: "PT1S" }).success).toBe(false);
  });

  it("waits for a manual resume by default and resumes when the duration elapses", () => {
    expect(parse({}).data).toEqual({ behavior: "RESUME" });
    expect(parse({ pauseDuration: "PT5M", behavior: "WARN" }).success).toBe(true);
    expect(parse({ pauseDuration: "{{ inputs.wait }}", behavior: "{{ inputs.behavior }}" }).success).toBe(true);
  });

  it("accepts the shapes of Kestra's flows: deprecated child tasks, onResume inputs (pause_on_resume.yaml)", () => {
    expect(parse({ pauseDuration: "PT1S", tasks: [log] }).success).toBe(true);
    const onResume = [
      { id: "asked", type: "STRING" },
      { id: "data", type: "FILE", required: false },
    ];
    expect(parse({ onResume }).success).toBe(true);
    expect(parse({ onPause: log, errors: [log], finally: [log] }).success).toBe(true);
  });

  it("rejects an unknown behavior, a bad duration and onResume that is not a list", () => {
    expect(parse({ behavior: "STOP" }).success).toBe(false);
    expect(parse({ pauseDuration: "5 minutes" }).success).toBe(false);
    expect(parse({ onResume: { id: "asked", type: "STRING" } }).error?.issues[0]?.message).toBe(
      "must be a list of inputs",
    );
  });

  it("applies its behavior when pauseDuration elapses (Kestra 1.x)", async () => {
    expect(await runPause("    pauseDuration: PT1M")).toMatchObject({
      state: "SUCCESS",
      runs: ["pause:SUCCESS", "after:SUCCESS"],
      resumed: "RUNNING",
    });
    expect(await runPause("    pauseDuration: PT1M\n    behavior: WARN")).toMatchObject({
      state: "WARNING",
      runs: ["pause:WARNING", "after:SUCCESS"],
      resumed: "WARNING",
    });
    expect(await runPause("    pauseDuration: PT1M\n    behavior: FAIL")).toMatchObject({
      state: "FAILED",
      runs: ["pause:FAILED"],
    });
    expect(await runPause("    pauseDuration: PT1M\n    behavior: CANCEL")).toMatchObject({
      state: "CANCELLED",
      runs: ["pause:CANCELLED"],
    });
  });

  it("fails when its timeout elapses without a pauseDuration, without running what follows", async () => {
    const result = await runPause("    timeout: PT1S");
    expect(result).toMatchObject({ state: "FAILED", runs: ["pause:FAILED"] });
    expect(result.logs).toContain("Timeout after 00:00:01.000");
  });

  it("outputs the resume inputs and how the pause ended", () => {
    const outputs = { onResume: { asked: "yes" }, resumed: { on: "2025-01-01T00:00:00", to: "SUCCESS" } };
    expect(pause.outputs.safeParse(outputs).success).toBe(true);
    expect(pause.outputs.safeParse({ resumed: { on: "2025-01-01T00:00:00", to: "DONE" } }).success).toBe(false);
  });
});
