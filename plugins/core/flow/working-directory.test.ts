import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/plugin/define.js";
import { createRegistry } from "../../../src/plugin/registry.js";
import log from "../log/log.js";
import pause from "./pause.js";
import sleep from "./sleep.js";
import workingDirectory from "./working-directory.js";

const registry = createRegistry([log, pause, sleep, workingDirectory]);
const context: CheckContext = { flowId: "f", namespace: "n", lookup: (type) => registry.get(type) };
const logTask = { id: "log", type: "io.kestra.plugin.core.log.Log", message: "Hello World" };
const sleepTask = { id: "sleep", type: "io.kestra.plugin.core.flow.Sleep", duration: "PT1S" };
const parse = (value: unknown) => workingDirectory.properties.safeParse(value);

function check(value: unknown) {
  const run = workingDirectory.check;
  if (run === undefined) throw new Error("WorkingDirectory has a check");
  return run(workingDirectory.properties.parse(value), context);
}

describe("WorkingDirectory", () => {
  it("is the flowable Kestra type, with its legacy names (including the old Worker)", () => {
    expect(workingDirectory.type).toBe("io.kestra.plugin.core.flow.WorkingDirectory");
    expect(workingDirectory.aliases).toEqual([
      "io.kestra.core.tasks.flows.WorkingDirectory",
      "io.kestra.core.tasks.flows.Worker",
    ]);
  });

  it("accepts the shapes of working-directory*.yaml", () => {
    expect(parse({ tasks: [logTask], errors: [logTask], finally: [logTask] }).success).toBe(true);
    expect(parse({ tasks: [logTask], cache: { ttl: "PT5m", patterns: ["*.txt"] } }).success).toBe(true);
    expect(parse({ tasks: [logTask], inputFiles: { "input.txt": "Hello World" } }).success).toBe(true);
    expect(parse({ tasks: [logTask], inputFiles: "{{ outputs.files.value }}" }).success).toBe(true);
    expect(parse({ tasks: [logTask], outputFiles: ["output.txt"] }).success).toBe(true);
    expect(parse({ tasks: [logTask], namespaceFiles: { enabled: true, exclude: ["/ignore/**"] } }).data).toEqual({
      tasks: [logTask],
      namespaceFiles: { enabled: true, exclude: ["/ignore/**"] },
    });
    expect(parse({ tasks: [logTask], namespaceFiles: { include: ["a.py"] } }).data?.namespaceFiles).toEqual({
      enabled: true,
      include: ["a.py"],
    });
  });

  it("rejects a cache without patterns, bad files and unknown namespaceFiles options", () => {
    expect(parse({ tasks: [logTask], cache: { ttl: "PT1H" } }).success).toBe(false);
    expect(parse({ tasks: [logTask], cache: { patterns: ["*"], ttl: "an hour" } }).success).toBe(false);
    expect(parse({ tasks: [logTask], inputFiles: ["input.txt"] }).success).toBe(false);
    expect(parse({ tasks: [logTask], outputFiles: "output.txt" }).success).toBe(false);
    expect(parse({ tasks: [logTask], namespaceFiles: { enable: true } }).success).toBe(false);
  });

  it("lets a missing task list through the schema and reports it with Kestra's message (workingdirectory-no-tasks.yaml)", () => {
    expect(parse({}).success).toBe(true);
    const message = "The 'tasks' property cannot be empty";
    expect(check({})).toEqual([{ message, path: ["tasks"] }]);
    expect(check({ tasks: [] })).toEqual([{ message, path: ["tasks"] }]);
  });

  it("only allows runnable children (workingdirectory-invalid.yaml)", () => {
    expect(check({ tasks: [logTask, sleepTask] })).toEqual([]);
    const pauseTask = {
      id: "pause",
      type: "io.kestra.plugin.core.flow.Pause",
      pauseDuration: "PT5S",
      tasks: [logTask],
    };
    expect(check({ tasks: [logTask, pauseTask] })).toEqual([
      { message: "Only runnable tasks are allowed as children of a WorkingDirectory task", path: ["tasks", 1] },
    ]);
    // A legacy alias resolves to the same plugin.
    expect(check({ tasks: [{ ...pauseTask, type: "io.kestra.core.tasks.flows.Pause" }] })).toHaveLength(1);
  });

  it("leaves children of unknown or invalid types to their own errors", () => {
    const run = workingDirectory.check;
    if (run === undefined) throw new Error("WorkingDirectory has a check");
    expect(run({ tasks: [undefined, { id: "x", type: "io.kestra.plugin.unknown.Task" }] }, context)).toEqual([]);
  });

  it("refuses worker groups on children", () => {
    const messages = check({ tasks: [{ ...logTask, workerGroup: { key: "gpu" } }] }).map((issue) => issue.message);
    expect(messages).toEqual([
      "Cannot set a Worker Group in any WorkingDirectory sub-tasks, it is only supported at the WorkingDirectory level",
    ]);
  });

  it("outputs the URIs of the output files", () => {
    expect(
      workingDirectory.outputs.safeParse({ outputFiles: { "output.txt": "kestra:///a/output.txt" } }).success,
    ).toBe(true);
  });
});
