/**
 * Bad input ends the right task run FAILED with an ERROR log naming the cause, and the host
 * never crashes: an unknown output, an expression error in runIf, a ForEach over a non-list,
 * a subflow that does not exist or is missing a required input, and a kill that cascades
 * from a parent to the child execution of its Subflow.
 */
import { describe, expect, it } from "vitest";
import type { Execution, TaskRun } from "../../src/executor/model.js";
import type { Flow } from "../../src/flow/index.js";
import type { LocalHost } from "../../src/local/host.js";
import { flowOf, localHost } from "../support/flows.js";

const flow = (source: string): Flow => flowOf(source);

const host = (onChange?: (execution: () => Execution) => void) => localHost(onChange ? { onChange } : {});

function runOf(execution: Execution, taskId: string): TaskRun {
  const run = execution.taskRunList.find((r) => r.taskId === taskId);
  if (!run) throw new Error(`no task run of ${taskId} in ${execution.id}`);
  return run;
}

/** The ERROR lines of a task run. */
function errors(h: LocalHost, execution: Execution, taskRunId: string): string[] {
  return h
    .logs(execution.id)
    .filter((line) => line.taskRunId === taskRunId && line.level === "ERROR")
    .map((line) => line.message);
}

/** Runs a flow; the task run `taskId` must be FAILED with an ERROR line containing every `cause`. */
async function expectTaskFailure(source: string, taskId: string, causes: readonly string[]) {
  const h = host();
  const { execution } = await h.run(flow(source));
  const run = runOf(execution, taskId);
  expect(run.state.current).toBe("FAILED");
  expect(execution.state.current).toBe("FAILED");
  const lines = errors(h, execution, run.id);
  expect(lines.length).toBeGreaterThan(0);
  for (const cause of causes) expect(lines.join("\n")).toContain(cause);
  return { h, execution, run, lines };
}

describe("bad input on the local host", () => {
  it("a task rendering an unknown output fails, naming the output and the expression", async () => {
    const { execution, lines } = await expectTaskFailure(
      `id: unknown_output
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.debug.Return
    format: fine
  - id: use
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.nope.value }}"
  - id: never
    type: io.kestra.plugin.core.log.Log
    message: unreachable
`,
      "use",
      ["Unable to find `nope` used in the expression `{{ outputs.nope.value }}` at line 1"],
    );
    expect(lines).toEqual(["Unable to find `nope` used in the expression `{{ outputs.nope.value }}` at line 1"]);
    expect(execution.taskRunList.map((r) => [r.taskId, r.state.current])).toEqual([
      ["first", "SUCCESS"],
      ["use", "FAILED"],
    ]);
  });

  it("a flowable rendering an unknown output attribute fails, naming the attribute", async () => {
    await expectTaskFailure(
      `id: unknown_output_attribute
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.debug.Return
    format: fine
  - id: branch
    type: io.kestra.plugin.core.flow.If
    condition: "{{ outputs.first.missing }}"
    then:
      - id: then
        type: io.kestra.plugin.core.log.Log
        message: then
`,
      "branch",
      ["`missing`", "{{ outputs.first.missing }}"],
    );
  });

  it("a flow output referencing an unknown task output fails the execution with an ERROR log", async () => {
    const h = host();
    const { execution } = await h.run(
      flow(`id: unknown_flow_output
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.debug.Return
    format: fine
outputs:
  - id: out
    type: STRING
    value: "{{ outputs.ghost.value }}"
`),
    );
    expect(runOf(execution, "first").state.current).toBe("SUCCESS");
    expect(execution.state.current).toBe("FAILED");
    const lines = h
      .logs(execution.id)
      .filter((line) => line.level === "ERROR")
      .map((line) => line.message)
      .join("\n");
    expect(lines).toContain("Failed to render output values");
    expect(lines).toContain("`ghost`");
  });

  it("a runIf referencing an unknown output fails the task run, naming the output and the expression", async () => {
    const { execution, lines } = await expectTaskFailure(
      `id: runif_unknown_output
namespace: company.team
tasks:
  - id: guarded
    type: io.kestra.plugin.core.log.Log
    runIf: "{{ outputs.missing.value }}"
    message: never
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: never either
`,
      "guarded",
      [
        "Unable to evaluate runIf: Unable to find `missing` used in the expression `{{ outputs.missing.value }}` at line 1",
      ],
    );
    expect(execution.taskRunList.map((r) => r.taskId)).toEqual(["guarded"]);
    expect(lines).toHaveLength(1);
  });

  it("a runIf comparing an undeclared input fails the task run, naming the runIf expression", async () => {
    // Pebble wraps the failure inside an operator: "Could not perform equals comparison (template:1)".
    const { execution, lines } = await expectTaskFailure(
      `id: runif_unknown
namespace: company.team
tasks:
  - id: guarded
    type: io.kestra.plugin.core.log.Log
    runIf: "{{ inputs.undeclared == 'yes' }}"
    message: never
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: never either
`,
      "guarded",
      ["Unable to evaluate runIf", "Could not perform equals comparison", "{{ inputs.undeclared == 'yes' }}"],
    );
    expect(execution.taskRunList.map((r) => r.taskId)).toEqual(["guarded"]);
    expect(lines).toHaveLength(1);
  });

  // Kestra's ParserException names the template, "Unexpected token of value "}}" ({{ 1 + }}:1)", as
  // every other render error here does; the ERROR line must let one find the expression.
  it("a runIf with a syntax error fails the task run, naming the runIf expression", async () => {
    await expectTaskFailure(
      `id: runif_syntax
namespace: company.team
tasks:
  - id: guarded
    type: io.kestra.plugin.core.log.Log
    runIf: "{{ 1 + }}"
    message: never
`,
      "guarded",
      ["Unable to evaluate runIf", "{{ 1 + }}"],
    );
  });

  it("a runIf whose filter fails at run time fails the task run", async () => {
    await expectTaskFailure(
      `id: runif_filter
namespace: company.team
tasks:
  - id: guarded
    type: io.kestra.plugin.core.log.Log
    runIf: "{{ 'abc' | number }}"
    message: never
`,
      "guarded",
      ["Unable to evaluate runIf", "abc"],
    );
  });

  it("a ForEach over an expression that is not a list fails, naming the value", async () => {
    const { execution } = await expectTaskFailure(
      `id: foreach_number
namespace: company.team
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ 6 * 7 }}"
    tasks:
      - id: inner
        type: io.kestra.plugin.core.log.Log
        message: "{{ taskrun.value }}"
`,
      "each",
      ["values", "42"],
    );
    expect(execution.taskRunList.map((r) => r.taskId)).toEqual(["each"]);
  });

  it("a ForEach over a map from an input fails, naming the value", async () => {
    const h = host();
    const { execution } = await h.run(
      flow(`id: foreach_map
namespace: company.team
inputs:
  - id: things
    type: JSON
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ inputs.things }}"
    tasks:
      - id: inner
        type: io.kestra.plugin.core.log.Log
        message: "{{ taskrun.value }}"
`),
      { inputs: { things: '{"color": "red"}' } },
    );
    const run = runOf(execution, "each");
    expect(run.state.current).toBe("FAILED");
    expect(execution.state.current).toBe("FAILED");
    const lines = errors(h, execution, run.id).join("\n");
    expect(lines).toContain("values");
    expect(lines).toContain("color");
  });

  it("a ForEach over a string that is not a JSON array fails, naming the string", async () => {
    await expectTaskFailure(
      `id: foreach_text
namespace: company.team
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "not a list"
    tasks:
      - id: inner
        type: io.kestra.plugin.core.log.Log
        message: "{{ taskrun.value }}"
`,
      "each",
      ["not a list"],
    );
  });

  it("a Subflow of a flow that does not exist fails, naming its namespace and id", async () => {
    const { h, execution, lines } = await expectTaskFailure(
      `id: parent
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.elsewhere
    flowId: ghost
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: never
`,
      "call",
      ["Unable to find flow 'company.elsewhere'.'ghost'"],
    );
    expect(lines).toEqual(["Unable to find flow 'company.elsewhere'.'ghost'"]);
    expect(execution.taskRunList.map((r) => r.taskId)).toEqual(["call"]);
    expect(h.executions().map((e) => e.id)).toEqual([execution.id]);
  });

  it("a Subflow of a deployed flow at a revision that does not exist fails, naming the revision", async () => {
    const h = host();
    h.deploy(
      flow(`id: child
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: hello
`),
    );
    const { execution } = await h.run(
      flow(`id: parent
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: child
    revision: 7
`),
    );
    const run = runOf(execution, "call");
    expect(run.state.current).toBe("FAILED");
    expect(execution.state.current).toBe("FAILED");
    expect(errors(h, execution, run.id)).toEqual(["Unable to find flow 'company.team'.'child' with revision 7"]);
  });

  it("a Subflow not giving a required input of the child fails with Kestra's input message", async () => {
    const h = host();
    h.deploy(
      flow(`id: child
namespace: company.team
inputs:
  - id: who
    type: STRING
  - id: optional
    type: STRING
    required: false
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "Hello {{ inputs.who }}"
`),
    );
    const { execution } = await h.run(
      flow(`id: parent
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: child
    inputs:
      optional: given
`),
    );
    const run = runOf(execution, "call");
    expect(run.state.current).toBe("FAILED");
    expect(execution.state.current).toBe("FAILED");
    expect(errors(h, execution, run.id)).toEqual([
      "Invalid input for `who`, missing required input, but received `null`",
    ]);
    // No child execution was created.
    expect(h.executions().map((e) => e.flowId)).toEqual(["parent"]);
  });

  it("a Subflow giving a required input of the wrong type fails with Kestra's input message", async () => {
    const h = host();
    h.deploy(
      flow(`id: child
namespace: company.team
inputs:
  - id: count
    type: INT
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.count }}"
`),
    );
    const { execution } = await h.run(
      flow(`id: parent
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: child
    inputs:
      count: many
`),
    );
    const run = runOf(execution, "call");
    expect(run.state.current).toBe("FAILED");
    expect(execution.state.current).toBe("FAILED");
    const lines = errors(h, execution, run.id).join("\n");
    expect(lines).toContain("Invalid input for `count`");
    expect(lines).toContain("many");
  });

  it("killing a parent while its child subflow runs kills the child, then the parent", async () => {
    const ended: string[] = [];
    const seen = new Map<string, string>();
    const h = host((get) => {
      const execution = get();
      const state = execution.state.current;
      if (seen.get(execution.id) === state) return;
      seen.set(execution.id, state);
      if (state === "KILLING" || state === "KILLED") ended.push(`${execution.flowId} ${state}`);
    });
    h.deploy(
      flow(`id: child
namespace: company.team
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: never
`),
    );
    const parentId = h.start(
      flow(`id: parent
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: child
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: never
`),
    );
    const child = () => h.executions().find((e) => e.flowId === "child");
    await h.settle(() => child()?.state.current === "RUNNING");
    const childId = child()?.id as string;
    expect(runOf(h.execution(childId), "nap").state.current).toBe("RUNNING");
    expect(runOf(h.execution(parentId), "call").state.current).toBe("RUNNING");

    expect(h.kill(parentId).state.current).toBe("KILLING");
    await h.settle();

    const parent = h.execution(parentId);
    const killedChild = h.execution(childId);
    expect(killedChild.state.current).toBe("KILLED");
    expect(killedChild.taskRunList.map((r) => [r.taskId, r.state.current])).toEqual([["nap", "KILLED"]]);
    expect(killedChild.trigger?.variables?.executionId).toBe(parentId);
    expect(parent.state.current).toBe("KILLED");
    expect(parent.taskRunList.map((r) => [r.taskId, r.state.current])).toEqual([["call", "KILLED"]]);
    expect(runOf(parent, "call").outputs?.executionId).toBe(childId);
    // The child ends before the parent does.
    // (The child goes KILLING and KILLED in one step: its Sleep is only a timer.)
    expect(ended).toEqual(["parent KILLING", "child KILLED", "parent KILLED"]);
    // The host is still usable: the Sleep's timer is gone and nothing is left to do.
    await h.settle();
    expect(h.execution(childId).state.current).toBe("KILLED");
  });
});

describe("good input the host must not refuse", () => {
  it("a Subflow input mixing text and an expression is given to the child as text", async () => {
    const h = host();
    h.deploy(
      flow(`id: child
namespace: company.team
inputs:
  - id: who
    type: STRING
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.who }}"
`),
    );
    const { execution } = await h.run(
      flow(`id: parent
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: child
    inputs:
      who: "n{{ 1 + 1 }}"
`),
    );
    const run = runOf(execution, "call");
    expect(errors(h, execution, run.id)).toEqual([]);
    expect(run.state.current).toBe("SUCCESS");
    const child = h.executions().find((e) => e.flowId === "child");
    expect(child?.inputs).toEqual({ who: "n2" });
  });

  it("a flow output mixing text and an expression renders as text", async () => {
    const h = host();
    const { execution } = await h.run(
      flow(`id: mixed_output
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.debug.Return
    format: fine
outputs:
  - id: out
    type: STRING
    value: "got {{ outputs.first.value }}"
`),
    );
    expect(h.logs(execution.id).filter((line) => line.level === "ERROR")).toEqual([]);
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.outputs).toEqual({ out: "got fine" });
  });
});
