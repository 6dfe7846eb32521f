/**
 * The LogIndex contract: idempotent appends by position, search across executions by
 * namespace (and below), flow, execution, minimum level, text and dates, paging and sort,
 * and deletion of an execution's lines. Run against every SQL driver.
 */
import { describe, expect, it } from "vitest";
import type { LogLine } from "../../src/executor/protocol.js";
import type { LogIndex } from "../../src/storage/log-index.js";

const T = (second: number) => `2026-01-01T10:00:${String(second).padStart(2, "0")}.000Z`;

function line(second: number, level: LogLine["level"], message: string, taskId = "t"): LogLine {
  return { taskId, taskRunId: `${taskId}-run`, attemptNumber: 1, level, message, timestamp: T(second) };
}

const A = { id: "exec-a", namespace: "company.team", flowId: "etl" };
const B = { id: "exec-b", namespace: "company.team.sub", flowId: "report" };
const C = { id: "exec-c", namespace: "companyx", flowId: "etl" };

async function seed(index: LogIndex): Promise<void> {
  await index.append({
    execution: A,
    from: 0,
    lines: [line(1, "INFO", "started"), line(2, "WARN", "slow 50% of the time"), line(3, "ERROR", "boom")],
  });
  await index.append({ execution: B, from: 0, lines: [line(4, "DEBUG", "detail"), line(5, "INFO", "done")] });
  await index.append({ execution: C, from: 0, lines: [line(6, "ERROR", "elsewhere")] });
}

export function logIndexContract(driver: string, indexOf: (tenantId: string) => LogIndex): void {
  describe(`SQL log index on ${driver}`, () => {
    it("appends by position: the same lines written again are not doubled", async () => {
      const index = indexOf("append");
      await seed(index);
      await index.append({ execution: A, from: 1, lines: [line(2, "WARN", "slow 50% of the time")] });
      const found = await index.search({
        page: 1,
        size: 50,
        executionId: A.id,
        sort: [{ field: "timestamp", order: "asc" }],
      });
      expect(found.total).toBe(3);
      expect(found.results.map((entry) => entry.message)).toEqual(["started", "slow 50% of the time", "boom"]);
      expect(found.results[0]).toEqual({
        namespace: "company.team",
        flowId: "etl",
        executionId: "exec-a",
        taskId: "t",
        taskRunId: "t-run",
        attemptNumber: 1,
        level: "INFO",
        message: "started",
        timestamp: T(1),
      });
    });

    it("searches across executions by namespace and below, flow, level, text and dates, newest first", async () => {
      const index = indexOf("search");
      await seed(index);
      const messages = async (query: Parameters<LogIndex["search"]>[0]) =>
        (await index.search(query)).results.map((entry) => entry.message);
      expect(await messages({ page: 1, size: 50, namespace: "company.team" })).toEqual([
        "done",
        "detail",
        "boom",
        "slow 50% of the time",
        "started",
      ]);
      expect(await messages({ page: 1, size: 50, flowId: "etl" })).toEqual([
        "elsewhere",
        "boom",
        "slow 50% of the time",
        "started",
      ]);
      expect(await messages({ page: 1, size: 50, minLevel: "WARN" })).toEqual([
        "elsewhere",
        "boom",
        "slow 50% of the time",
      ]);
      // `%` is a character to find, not a wildcard.
      expect(await messages({ page: 1, size: 50, q: "50%" })).toEqual(["slow 50% of the time"]);
      expect(await messages({ page: 1, size: 50, q: "exec-b" })).toEqual(["done", "detail"]);
      expect(await messages({ page: 1, size: 50, startDate: T(3), endDate: T(5) })).toEqual(["done", "detail", "boom"]);
      const page = await index.search({ page: 2, size: 2, sort: [{ field: "timestamp", order: "asc" }] });
      expect(page.total).toBe(6);
      expect(page.results.map((entry) => entry.message)).toEqual(["boom", "detail"]);
    });

    it("matches namespaces case-sensitively", async () => {
      const index = indexOf("case");
      await index.append({
        execution: { id: "exec-upper", namespace: "Company.team", flowId: "etl" },
        from: 0,
        lines: [line(1, "INFO", "upper")],
      });
      await index.append({ execution: A, from: 0, lines: [line(2, "INFO", "lower")] });
      const found = await index.search({ page: 1, size: 50, namespace: "company" });
      expect(found.results.map((entry) => entry.message)).toEqual(["lower"]);
    });

    it("names the executions with matching lines", async () => {
      const index = indexOf("executions");
      await seed(index);
      expect(await index.executionsWith({ namespace: "company.team" })).toEqual(["exec-a", "exec-b"]);
      expect(await index.executionsWith({ levels: ["ERROR"] })).toEqual(["exec-a", "exec-c"]);
      expect(await index.executionsWith({ flowId: "etl", endDate: T(2) })).toEqual(["exec-a"]);
    });

    it("deletes an execution's lines only, in its tenant only", async () => {
      const index = indexOf("delete");
      const other = indexOf("delete-other");
      await seed(index);
      await seed(other);
      expect(await index.deleteExecution(A.id)).toBe(3);
      expect((await index.search({ page: 1, size: 50 })).total).toBe(3);
      expect((await other.search({ page: 1, size: 50 })).total).toBe(6);
      expect(await index.deleteExecution(A.id)).toBe(0);
    });
  });
}
