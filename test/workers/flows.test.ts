/**
 * Kestra's flow endpoints inside workerd, against the real D1 binding with the generated
 * migrations: create, get, update with revisions, search with paging, delete, and the
 * status codes and messages of bad input, on both `/api/v1/main` and `/api/v1`.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

type Json = Record<string, unknown>;

const PREFIXES = ["/api/v1/main", "/api/v1"] as const;

function flowYaml(namespace: string, id: string, message = "Hello"): string {
  return `id: ${id}
namespace: ${namespace}
labels:
  team: data
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: ${message}
`;
}

async function call(method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const response = await SELF.fetch(`http://tern.test${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { "content-type": "application/x-yaml" } }),
  });
  const text = await response.text();
  return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
}

describe("flow endpoints", () => {
  for (const prefix of PREFIXES) {
    it(`runs the whole lifecycle under ${prefix}`, async () => {
      const ns = `lifecycle${prefix.replaceAll("/", ".")}`;
      const source = flowYaml(ns, "hello");

      const created = await call("POST", `${prefix}/flows`, source);
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        id: "hello",
        namespace: ns,
        tenantId: "main",
        revision: 1,
        deleted: false,
        disabled: false,
        source,
        labels: [{ key: "team", value: "data" }],
        tasks: [{ id: "log", type: "io.kestra.plugin.core.log.Log", message: "Hello" }],
      });
      expect(Date.parse((created.json as Json).updated as string)).not.toBeNaN();

      const got = await call("GET", `${prefix}/flows/${ns}/hello`);
      expect(got.status).toBe(200);
      expect(got.json).toMatchObject({ id: "hello", namespace: ns, revision: 1, deleted: false });
      expect(got.json).not.toHaveProperty("source");
      const withSource = await call("GET", `${prefix}/flows/${ns}/hello?source=true`);
      expect(withSource.json).toMatchObject({ revision: 1, source });

      const changed = flowYaml(ns, "hello", "Hello again");
      const updated = await call("PUT", `${prefix}/flows/${ns}/hello`, changed);
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({ revision: 2, source: changed, tasks: [{ message: "Hello again" }] });

      const unchanged = await call("PUT", `${prefix}/flows/${ns}/hello`, changed);
      expect(unchanged.status).toBe(200);
      expect(unchanged.json).toMatchObject({ revision: 2, source: changed });

      const first = await call("GET", `${prefix}/flows/${ns}/hello?revision=1&source=true`);
      expect(first.json).toMatchObject({ revision: 1, source, tasks: [{ message: "Hello" }] });

      const revisions = await call("GET", `${prefix}/flows/${ns}/hello/revisions`);
      expect(revisions.status).toBe(200);
      expect((revisions.json as Json[]).map((r) => [r.revision, r.source])).toEqual([
        [1, source],
        [2, changed],
      ]);

      const deleted = await call("DELETE", `${prefix}/flows/${ns}/hello`);
      expect(deleted.status).toBe(204);
      expect(deleted.json).toBeUndefined();

      const gone = await call("GET", `${prefix}/flows/${ns}/hello`);
      expect(gone.status).toBe(404);
      expect(gone.json).toMatchObject({ code: "not-found", message: `flow ${ns}.hello not found` });
      expect((await call("DELETE", `${prefix}/flows/${ns}/hello`)).status).toBe(404);
      expect((await call("PUT", `${prefix}/flows/${ns}/hello`, changed)).status).toBe(404);

      // Kestra keeps the deletion as a revision: visible with allowDeleted, and a re-create continues after it.
      const tombstone = await call("GET", `${prefix}/flows/${ns}/hello?allowDeleted=true`);
      expect(tombstone.json).toMatchObject({ revision: 3, deleted: true });
      expect(((await call("GET", `${prefix}/flows/${ns}/hello/revisions`)).json as Json[]).length).toBe(2);
      const withDeleted = await call("GET", `${prefix}/flows/${ns}/hello/revisions?allowDelete=true`);
      expect((withDeleted.json as Json[]).map((r) => [r.revision, r.deleted])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
      const recreated = await call("POST", `${prefix}/flows`, source);
      expect(recreated.status).toBe(200);
      expect(recreated.json).toMatchObject({ revision: 4, deleted: false });
    });
  }

  it("refuses to create a flow that exists, with 422 as Kestra does", async () => {
    const source = flowYaml("dup.team", "twice");
    expect((await call("POST", "/api/v1/main/flows", source)).status).toBe(200);
    const again = await call("POST", "/api/v1/main/flows", source);
    expect(again.status).toBe(422);
    expect(again.json).toMatchObject({
      code: "unprocessable",
      message: "Invalid entity: id: Flow id already exists: dup.team.twice",
    });
  });

  it("answers invalid YAML with 422, the problem, its line and column", async () => {
    const broken = "id: broken\nnamespace: bad.yaml\ntasks:\n  - id: log\n    type: [unclosed\n";
    for (const prefix of PREFIXES) {
      const response = await call("POST", `${prefix}/flows`, broken);
      expect(response.status).toBe(422);
      const body = response.json as { message: string; errors: { code: string; line: number; column: number }[] };
      expect(body.message).toMatch(/^Invalid entity: .*\(line \d+, column \d+\)/);
      expect(body.errors[0]).toMatchObject({
        code: "yaml.syntax",
        line: expect.any(Number),
        column: expect.any(Number),
      });
    }
  });

  it("answers an invalid flow with 422 naming the property and its position", async () => {
    const typo = flowYaml("bad.flow", "typo").replace("message:", "mesage:");
    const response = await call("POST", "/api/v1/main/flows", typo);
    expect(response.status).toBe(422);
    expect((response.json as Json).message).toContain(`tasks[0].mesage: Unrecognized field "mesage"`);
    expect((response.json as { errors: Json[] }).errors).toContainEqual(
      expect.objectContaining({ path: "tasks[0].mesage", line: 8, column: 5 }),
    );
    expect((await call("GET", "/api/v1/main/flows/bad.flow/typo")).status).toBe(404);
  });

  it("answers an unknown flow with 404 naming it, on every flow route", async () => {
    for (const prefix of PREFIXES) {
      const get = await call("GET", `${prefix}/flows/no.such/flow`);
      expect(get.status).toBe(404);
      expect(get.json).toMatchObject({ code: "not-found", message: "flow no.such.flow not found" });
      const revision = await call("GET", `${prefix}/flows/no.such/flow?revision=7`);
      expect(revision.json).toMatchObject({ message: "flow no.such.flow at revision 7 not found" });
      expect((await call("PUT", `${prefix}/flows/no.such/flow`, flowYaml("no.such", "flow"))).status).toBe(404);
      expect((await call("DELETE", `${prefix}/flows/no.such/flow`)).status).toBe(404);
      // Kestra lists no revisions for an unknown flow rather than failing.
      expect(await call("GET", `${prefix}/flows/no.such/flow/revisions`)).toEqual({ status: 200, json: [] });
    }
  });

  it("refuses an update whose source names another flow", async () => {
    expect((await call("POST", "/api/v1/main/flows", flowYaml("rename.team", "original"))).status).toBe(200);
    const response = await call("PUT", "/api/v1/main/flows/rename.team/original", flowYaml("other.team", "renamed"));
    expect(response.status).toBe(422);
    const message = (response.json as Json).message as string;
    expect(message).toContain(`namespace: Illegal flow namespace update: the URL names "rename.team"`);
    expect(message).toContain(`id: Illegal flow id update: the URL names "original" but the source says "renamed"`);
    expect((await call("GET", "/api/v1/main/flows/rename.team/original")).json).toMatchObject({ revision: 1 });
  });

  it("refuses a flow body over the size limit with 413", async () => {
    const big = `${flowYaml("big.team", "big")}description: "${"x".repeat(1_200_000)}"\n`;
    const response = await call("POST", "/api/v1/main/flows", big);
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ code: "payload-too-large" });
  });

  it("lists a namespace and searches with paging, filters and sort", async () => {
    for (const id of ["c-flow", "a-flow", "b-flow"])
      expect((await call("POST", "/api/v1/main/flows", flowYaml("search.team", id))).status).toBe(200);
    expect((await call("POST", "/api/v1/main/flows", flowYaml("search.team.sub", "d-flow"))).status).toBe(200);
    expect((await call("POST", "/api/v1/main/flows", flowYaml("searchx", "e-flow"))).status).toBe(200);
    expect((await call("DELETE", "/api/v1/main/flows/search.team/c-flow")).status).toBe(204);

    const list = await call("GET", "/api/v1/main/flows/search.team");
    expect((list.json as Json[]).map((f) => f.id)).toEqual(["a-flow", "b-flow"]);

    const page1 = await call("GET", "/api/v1/main/flows/search?namespace=search.team&sort=id:asc&size=2&page=1");
    expect(page1.status).toBe(200);
    const body1 = page1.json as { results: Json[]; total: number };
    expect(body1.total).toBe(3);
    expect(body1.results.map((f) => `${f.namespace}.${f.id}`)).toEqual(["search.team.a-flow", "search.team.b-flow"]);
    expect(body1.results[0]).not.toHaveProperty("source");
    const page2 = await call("GET", "/api/v1/flows/search?namespace=search.team&sort=id:asc&size=2&page=2");
    expect((page2.json as { results: Json[] }).results.map((f) => f.id)).toEqual(["d-flow"]);

    const desc = await call("GET", "/api/v1/main/flows/search?namespace=search.team&sort=id:desc");
    expect((desc.json as { results: Json[] }).results.map((f) => f.id)).toEqual(["d-flow", "b-flow", "a-flow"]);

    const q = await call("GET", "/api/v1/main/flows/search?q=B-FL");
    expect((q.json as { results: Json[] }).results.map((f) => f.id)).toEqual(["b-flow"]);
    const labelled = await call("GET", "/api/v1/main/flows/search?namespace=searchx&labels=team:data");
    expect((labelled.json as { total: number }).total).toBe(1);
    const otherLabel = await call("GET", "/api/v1/main/flows/search?namespace=searchx&labels=team:ops");
    expect(otherLabel.json).toEqual({ results: [], total: 0 });

    const namespaces = await call("GET", "/api/v1/main/flows/distinct-namespaces?q=search");
    expect(namespaces.json).toEqual(expect.arrayContaining(["search.team", "search.team.sub", "searchx"]));
  });

  it("names bad paging and sort parameters", async () => {
    const size = await call("GET", "/api/v1/main/flows/search?size=0");
    expect(size.status).toBe(422);
    expect(size.json).toMatchObject({ message: "query parameter size must be at least 1, got 0" });
    const page = await call("GET", "/api/v1/main/flows/search?page=two");
    expect(page.status).toBe(400);
    expect(page.json).toMatchObject({ message: `query parameter page must be an integer, got "two"` });
    const sort = await call("GET", "/api/v1/main/flows/search?sort=color:asc");
    expect(sort.status).toBe(400);
    expect((sort.json as Json).message).toContain(`cannot sort by "color"`);
  });
});
