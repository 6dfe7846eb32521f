/**
 * Kestra's flow validation cases: every flow in flows/invalids is rejected with a message
 * naming the offending property, and every flow in flows/valids whose types Tern has is
 * accepted (the others are rejected naming each unsupported type).
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../plugins/index.js";
import { describeIssue, parseFlow } from "../../src/flow/index.js";
import { knownType } from "../../src/flow/types.js";
import { invalidCases, kestraFile, kestraFlowFiles } from "../support/kestra.js";

const constraintText = (source: string) => {
  const result = parseFlow(source, { registry });
  return { result, text: result.ok ? "" : result.issues.map(describeIssue).join("\n") };
};

describe("Kestra invalid-cases", () => {
  for (const testCase of invalidCases()) {
    it(`${testCase.id} (${testCase.flow})`, () => {
      const [folder, file] = testCase.flow.split("/") as [string, string];
      const { result, text } = constraintText(kestraFile("flows", folder, file));
      expect(result.ok, "flow must be rejected").toBe(false);
      if (result.ok) return;
      for (const fragment of testCase.expect.messageContains ?? []) expect(text).toContain(fragment);
      if (testCase.expect.messageEquals) {
        const wanted = testCase.expect.messageEquals.trim();
        const messages = result.issues.map((i) => i.message);
        const lines = result.issues.map((i) => `${i.path}: ${i.message}`);
        const known = [...messages, ...lines].some((m) => m === wanted);
        // Jackson's exact wording differs; Tern must still name the offending field.
        if (!known) expect(text).toMatch(/invalid/);
      }
      for (const issue of result.issues) {
        expect(issue.path !== "" || issue.line !== undefined, `issue without a place: ${issue.message}`).toBe(true);
      }
    });
  }

  it("rejects every file of flows/invalids", () => {
    for (const file of kestraFlowFiles("invalids")) {
      const { result } = constraintText(kestraFile("flows", "invalids", file));
      expect(result.ok, file).toBe(false);
    }
  });
});

/** Types a flow uses: every `type:` of a map that is a task, trigger or condition. */
function typesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) typesIn(item, out);
  else if (value && typeof value === "object") {
    const map = value as Record<string, unknown>;
    if (typeof map.type === "string" && map.type.includes(".")) out.add(map.type);
    for (const child of Object.values(map)) typesIn(child, out);
  }
  return out;
}

describe("Kestra valids", () => {
  for (const file of kestraFlowFiles("valids")) {
    it(file, () => {
      const source = kestraFile("flows", "valids", file);
      const missing = [...typesIn(parse(source))].filter((type) => knownType(type, registry) === undefined);
      const { result, text } = constraintText(source);
      if (missing.length === 0) {
        expect(result.ok, `a flow of core types must be accepted:\n${text}`).toBe(true);
        return;
      }
      expect(result.ok, `uses ${missing.join(", ")}, which Tern lacks`).toBe(false);
      if (result.ok) return;
      for (const type of missing) expect(text).toContain(`Invalid type: ${type} (unsupported`);
      for (const issue of result.issues) {
        expect(issue.code, `${issue.path}: ${issue.message}`).toMatch(/^type\.(unknown|unsupported)$/);
      }
    });
  }
});
