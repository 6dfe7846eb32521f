/**
 * Kestra's execution cases on the local host. A case whose types and actions Tern supports
 * must pass, unless it is listed in cases-known-failures.yaml with the reason (a listed
 * case that starts passing fails the suite, so the list stays true). Cases Tern cannot run
 * yet are reported as unsupported, never as passed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { category, loadCases, runCase, type Verdict } from "./cases.js";

const known = new Map(
  Object.entries(
    (parse(readFileSync(join(import.meta.dirname, "cases-known-failures.yaml"), "utf8")) as Record<
      string,
      string
    > | null) ?? {},
  ),
);
const cases = loadCases();
const tally = new Map<string, Record<Verdict["kind"] | "known", number>>();

describe("Kestra execution cases", () => {
  for (const testCase of cases) {
    it(testCase.id, async () => {
      const verdict = await runCase(testCase);
      const row = tally.get(category(testCase)) ?? { passed: 0, failed: 0, unsupported: 0, known: 0 };
      tally.set(category(testCase), row);
      if (known.has(testCase.id)) {
        expect(verdict.kind, `${testCase.id} now passes: remove it from cases-known-failures.yaml`).not.toBe("passed");
        row.known++;
        return;
      }
      row[verdict.kind]++;
      expect(verdict.kind === "failed" ? verdict.why : "ok").toBe("ok");
    });
  }

  afterAll(() => {
    const totals = { passed: 0, failed: 0, unsupported: 0, known: 0 };
    for (const row of tally.values())
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += row[key];
    console.log(
      `Kestra cases: ${totals.passed} passed, ${totals.known} known failures, ${totals.unsupported} unsupported, of ${cases.length}`,
    );
  });
});
