/**
 * Kestra's parse and serialisation facts (parse-cases.yaml): what a parsed flow holds.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../plugins/index.js";
import { describeIssue, type Flow, parseFlow } from "../../src/flow/index.js";
import { kestraFile } from "../support/kestra.js";

interface ParseCase {
  id: string;
  flow: string;
  expect: Record<string, unknown>;
}

const cases = parse(kestraFile("parse-cases.yaml")) as ParseCase[];

function load(path: string): Flow {
  const [folder, file] = path.split("/") as [string, string];
  const result = parseFlow(kestraFile("flows", folder, file), { registry });
  if (!result.ok) throw new Error(result.issues.map(describeIssue).join("\n"));
  return result.flow;
}

/** Kestra's allTasksWithChildsAndTriggerIds: every task id at any depth plus trigger ids. */
function allIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allIds(item, out);
  else if (value && typeof value === "object") {
    const map = value as Record<string, unknown>;
    if (typeof map.id === "string" && typeof map.type === "string" && map.type.includes(".")) out.push(map.id);
    for (const child of Object.values(map)) allIds(child, out);
  }
  return out;
}

describe("Kestra parse-cases", () => {
  for (const testCase of cases) {
    it(`${testCase.id} (${testCase.flow})`, () => {
      const flow = load(testCase.flow);
      const want = testCase.expect;
      // load() throws when Tern rejects the flow: every case here is a valid flow.
      if (want.id !== undefined) expect(flow.id).toBe(want.id);
      if (want.taskCount !== undefined) expect(flow.tasks).toHaveLength(want.taskCount as number);
      const inputs = flow.inputs ?? [];
      if (want.inputCount !== undefined) expect(inputs).toHaveLength(want.inputCount as number);
      if (want.required !== undefined) expect(inputs.filter((i) => i.required)).toHaveLength(want.required as number);
      if (want.optional !== undefined) expect(inputs.filter((i) => !i.required)).toHaveLength(want.optional as number);
      if (want.withDefaults !== undefined) {
        expect(inputs.filter((i) => i.defaults !== undefined)).toHaveLength(want.withDefaults as number);
      }
      if (want.stringWithValidator !== undefined) {
        expect(inputs.filter((i) => i.type === "STRING" && i.validator !== undefined)).toHaveLength(
          want.stringWithValidator as number,
        );
      }
      if (want["inputs[0].id"] !== undefined) expect(inputs[0]?.id).toBe(want["inputs[0].id"]);
      if (want["inputs[0].type"] !== undefined) expect(inputs[0]?.type).toBe(want["inputs[0].type"]);
      const task2 = want["tasks[2]"] as Record<string, unknown> | undefined;
      if (task2) {
        expect(flow.tasks[2]?.timeout).toBe(task2.timeout);
        expect(flow.tasks[2]?.retry?.type).toBe(task2["retry.type"]);
        expect(flow.tasks[2]?.retry?.maxAttempts).toBe(task2["retry.maxAttempt"]);
        const retry = flow.tasks[2]?.retry;
        expect(retry?.type === "constant" && String(task2["retry.interval"]).startsWith(String(retry.interval))).toBe(
          true,
        );
      }
      if (want.json !== undefined) {
        const expected = JSON.parse(want.json as string) as Record<string, unknown>;
        expect(flow).toMatchObject({
          id: expected.id,
          namespace: expected.namespace,
          revision: expected.revision,
          disabled: expected.disabled,
          deleted: expected.deleted,
          labels: expected.labels,
        });
        expect(flow.tasks).toMatchObject(expected.tasks as object[]);
      }
      if (want.allTasksWithChildsAndTriggerIds !== undefined) {
        const ids = [...allIds(flow.tasks), ...allIds(flow.triggers ?? [])];
        expect(ids).toHaveLength(want.allTasksWithChildsAndTriggerIds as number);
      }
    });
  }
});
