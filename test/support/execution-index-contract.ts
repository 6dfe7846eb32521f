/**
 * The ExecutionIndex contract: idempotent upserts that never go back in time, search by
 * namespace prefix, flow, states, labels, dates, text and parent, paging and sort, and soft
 * deletes. Run against every SQL driver; `indexOf(tenant)` gives an index of its own tenant.
 */
import { describe, expect, it } from "vitest";
import type { Execution, StateType } from "../../src/executor/model.js";
import type { ExecutionIndex } from "../../src/storage/execution-index.js";

function execution(
  id: string,
  states: [StateType, string][],
  extra: Partial<Pick<Execution, "namespace" | "flowId" | "labels" | "trigger">> = {},
): Execution {
  return {
    id,
    namespace: extra.namespace ?? "company.team",
    flowId: extra.flowId ?? "hello",
    flowRevision: 1,
    taskRunList: [
      {
        id: `${id}-run`,
        executionId: id,
        namespace: "company.team",
        flowId: "hello",
        taskId: "log",
        outputs: { big: "x".repeat(100) },
        state: { current: "SUCCESS", histories: [] },
      },
    ],
    inputs: {},
    labels: extra.labels ?? [],
    state: { current: states.at(-1)?.[0] ?? "CREATED", histories: states.map(([state, date]) => ({ state, date })) },
    originalId: id,
    deleted: false,
    metadata: { attemptNumber: 1, originalCreatedDate: states[0]?.[1] ?? "" },
    ...(extra.trigger === undefined ? {} : { trigger: extra.trigger }),
  };
}

const T = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, "0")}:00.000Z`;

export function executionIndexContract(driver: string, indexOf: (tenantId: string) => ExecutionIndex): void {
  describe(`SQL execution index on ${driver}`, () => {
    it("upserts idempotently and keeps the newest summary", async () => {
      const index = indexOf("upsert");
      const running = execution("e1", [
        ["CREATED", T(0)],
        ["RUNNING", T(1)],
      ]);
      const done = execution("e1", [
        ["CREATED", T(0)],
        ["RUNNING", T(1)],
        ["SUCCESS", T(2)],
      ]);
      await index.upsert(running);
      await index.upsert(done);
      await index.upsert(running); // late, out-of-order delivery
      await index.upsert(done); // replay
      const stored = await index.get("e1");
      expect(stored?.state.current).toBe("SUCCESS");
      expect(stored?.taskRunList[0]).not.toHaveProperty("outputs");
      expect((await index.search({ page: 1, size: 10 })).total).toBe(1);
      expect(await index.get("missing")).toBeUndefined();
    });

    it("searches by namespace, flow, state, labels, dates, text and parent, with paging and sort", async () => {
      const index = indexOf("search");
      await index.upsert(
        execution("a", [
          ["CREATED", T(1)],
          ["RUNNING", T(2)],
          ["SUCCESS", T(5)],
        ]),
      );
      await index.upsert(
        execution(
          "b",
          [
            ["CREATED", T(3)],
            ["RUNNING", T(4)],
          ],
          { labels: [{ key: "env", value: "prod" }] },
        ),
      );
      await index.upsert(
        execution(
          "c",
          [
            ["CREATED", T(6)],
            ["FAILED", T(7)],
          ],
          {
            namespace: "company.team.sub",
            flowId: "child",
            trigger: { id: "sub", type: "io.kestra.plugin.core.flow.Subflow", variables: { executionId: "a" } },
          },
        ),
      );
      await index.upsert(execution("d", [["CREATED", T(8)]], { namespace: "companyx" }));

      const ids = async (query: Parameters<typeof index.search>[0]) =>
        (await index.search(query)).results.map((e) => e.id);
      expect(await ids({ page: 1, size: 10 })).toEqual(["d", "c", "b", "a"]);
      expect(await ids({ page: 1, size: 10, namespace: "company.team" })).toEqual(["c", "b", "a"]);
      expect(await ids({ page: 1, size: 10, namespace: "company.team", exactNamespace: true })).toEqual(["b", "a"]);
      expect(await ids({ page: 1, size: 10, flowId: "hello", namespace: "company" })).toEqual(["b", "a"]);
      expect(await ids({ page: 1, size: 10, states: ["RUNNING", "FAILED"] })).toEqual(["c", "b"]);
      expect(await ids({ page: 1, size: 10, labels: [{ key: "env", value: "prod" }] })).toEqual(["b"]);
      expect(await ids({ page: 1, size: 10, startDate: T(3), endDate: T(7) })).toEqual(["c"]);
      expect(await ids({ page: 1, size: 10, q: "CHI" })).toEqual(["c"]);
      expect(await ids({ page: 1, size: 10, childFilter: "CHILD" })).toEqual(["c"]);
      expect(await ids({ page: 1, size: 10, triggerExecutionId: "a" })).toEqual(["c"]);
      expect(await ids({ page: 1, size: 10, childFilter: "MAIN", sort: [{ field: "id", order: "asc" }] })).toEqual([
        "a",
        "b",
        "d",
      ]);
      const page2 = await index.search({ page: 2, size: 3, sort: [{ field: "state.startDate", order: "asc" }] });
      expect(page2).toMatchObject({ total: 4, results: [{ id: "d" }] });

      expect(await index.delete("b")).toBe(true);
      expect(await index.delete("b")).toBe(false);
      expect(await index.get("b")).toBeUndefined();
      expect((await index.search({ page: 1, size: 10 })).total).toBe(3);
    });
  });
}
