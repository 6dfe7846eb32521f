import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/plugin/define.js";
import dag from "./dag.js";

const log = (id: string) => ({ id, type: "io.kestra.plugin.core.log.Log", message: `${id} !` });
const node = (id: string, ...dependsOn: string[]) =>
  dependsOn.length === 0 ? { task: log(id) } : { task: log(id), dependsOn };
const parse = (value: unknown) => dag.properties.safeParse(value);
const context: CheckContext = { flowId: "f", namespace: "n", lookup: () => undefined };

function check(tasks: unknown[]) {
  const parsed = dag.properties.parse({ tasks });
  const run = dag.check;
  if (run === undefined) throw new Error("Dag has a check");
  return run(parsed, context);
}

describe("Dag", () => {
  it("is the flowable Kestra type, with its legacy name", () => {
    expect(dag.type).toBe("io.kestra.plugin.core.flow.Dag");
    expect(dag.aliases).toContain("io.kestra.core.tasks.flows.Dag");
  });

  it("accepts tasks with dependencies (dag.yaml) and defaults concurrent to 0", () => {
    const tasks = [node("task1"), node("task2", "task1"), node("task3", "task1"), node("task5", "task2", "task3")];
    expect(parse({ tasks }).data).toEqual({ tasks, concurrent: 0 });
    expect(parse({ tasks, concurrent: 2, errors: [log("e")], finally: [log("f")] }).success).toBe(true);
    expect(check(tasks)).toEqual([]);
  });

  it("requires a non-empty list of {task, dependsOn}", () => {
    expect(parse({}).error?.issues[0]?.message).toBe("must not be empty");
    expect(parse({ tasks: [] }).error?.issues[0]?.message).toBe("must not be empty");
    expect(parse({ tasks: [log("task1")] }).success).toBe(false);
    expect(parse({ tasks: [{ task: log("a"), dependsOn: "b" }] }).success).toBe(false);
    expect(parse({ tasks: [{ task: log("a"), after: ["b"] }] }).success).toBe(false);
  });

  it("reports dependencies on unknown ids (dag-notexist-task.yaml)", () => {
    const tasks = [node("task1"), node("task2", "taskX"), node("task3", "task2"), node("task5", "task3", "taskY")];
    expect(check(tasks)).toEqual([
      { message: "Not existing task id in dependency: taskX, taskY", path: ["tasks", 1, "dependsOn"] },
    ]);
  });

  it("reports the tasks caught in a cycle, in list order (dag-cyclicdependency.yaml)", () => {
    const tasks = [
      node("task1", "task2"),
      node("task2", "task1"),
      node("task3", "task2"),
      node("task4", "task2"),
      node("task5", "task4", "task3"),
    ];
    expect(check(tasks).map((issue) => issue.message)).toEqual(["Cyclic dependency detected: task1, task2"]);
    expect(check([node("a", "c"), node("b", "a"), node("c", "b")])[0]?.message).toBe(
      "Cyclic dependency detected: a, b, c",
    );
    expect(check([node("self", "self")])[0]?.message).toBe("Cyclic dependency detected: self");
  });

  it("checks unknown dependencies before cycles, like Kestra", () => {
    const messages = check([node("a", "b"), node("b", "a", "zzz")]).map((issue) => issue.message);
    expect(messages).toEqual(["Not existing task id in dependency: zzz"]);
  });

  it("stays silent when a child could not be validated (its own errors are reported instead)", () => {
    const run = dag.check;
    if (run === undefined) throw new Error("Dag has a check");
    expect(run({ tasks: [{ task: undefined }, { task: log("b"), dependsOn: ["a"] }] }, context)).toEqual([]);
  });
});
