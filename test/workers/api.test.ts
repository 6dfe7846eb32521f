/**
 * The Worker inside workerd with the real wrangler.toml bindings: health touches D1, R2
 * and the SQLite-backed ExecutionObject; flow validation answers Kestra's shape on both
 * the `/api/v1/main` and the tenant-less paths.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ValidateConstraintViolation } from "../../src/api/routes/flows.js";

const VALID = `id: hello
namespace: company.team
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: Hello {{ inputs.name }}
`;

const INVALID = `id: broken
namespace: company.team
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    mesage: typo
`;

type Violation = ValidateConstraintViolation;

async function validate(body: string, path = "/api/v1/main/flows/validate"): Promise<Violation[]> {
  const response = await SELF.fetch(`http://tern.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-yaml" },
    body,
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe("Worker API", () => {
  it("reports every binding healthy", async () => {
    const response = await SELF.fetch("http://tern.test/health");
    const body = await response.json<{ status: string; details: Record<string, { status: string }> }>();
    expect(body.details).toEqual({ d1: { status: "UP" }, r2: { status: "UP" }, durableObjects: { status: "UP" } });
    expect(response.status).toBe(200);
    expect(body.status).toBe("UP");
  });

  it("accepts a valid flow", async () => {
    const [result] = await validate(VALID);
    expect(result).toEqual({
      index: 0,
      flow: "hello",
      namespace: "company.team",
      outdated: false,
      deprecationPaths: [],
      warnings: [],
      infos: [],
    });
  });

  it("names the unknown property, its line and the likely fix", async () => {
    for (const path of ["/api/v1/main/flows/validate", "/api/v1/flows/validate"]) {
      const [result] = await validate(INVALID, path);
      expect(result?.flow).toBe("broken");
      expect(result?.constraints).toContain(`tasks[0].mesage: Unrecognized field "mesage"; did you mean 'message'?`);
      expect(result?.errors?.find((e) => e.path === "tasks[0].mesage")).toMatchObject({ line: 6, column: 5 });
      expect(result?.errors?.find((e) => e.path === "tasks[0].message")).toMatchObject({ message: "must not be null" });
    }
  });

  it("validates several documents separated by ---", async () => {
    const results = await validate(`${VALID}---\n${INVALID}`);
    expect(results.map((r) => [r.index, r.flow, r.constraints === undefined])).toEqual([
      [0, "hello", true],
      [1, "broken", false],
    ]);
  });

  it("refuses a body over the size limit with 413", async () => {
    const response = await SELF.fetch("http://tern.test/api/v1/main/flows/validate", {
      method: "POST",
      body: `id: big\nnamespace: a\ndescription: "${"x".repeat(1_200_000)}"\n`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "payload-too-large" });
  });

  it("serves the flow JSON Schema", async () => {
    const response = await SELF.fetch("http://tern.test/api/v1/main/plugins/schemas/flow");
    const schema = await response.json<{ definitions: Record<string, unknown> }>();
    expect(schema.definitions["io.kestra.plugin.core.log.Log"]).toBeDefined();
  });

  it("answers unknown routes with a Kestra-style 404", async () => {
    const response = await SELF.fetch("http://tern.test/api/v1/main/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: expect.stringContaining("/api/v1/main/nope") });
  });
});
