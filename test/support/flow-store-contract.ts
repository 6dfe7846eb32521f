/**
 * The FlowStore contract: Kestra's revision rules, soft deletes, the latest-revision
 * queries, search, and a write race turned into a conflict. Run against every SQL driver
 * (D1 inside workerd, libSQL in Node); `store(tenant)` gives a store of its own tenant so
 * tests can share one database.
 */
import { describe, expect, it } from "vitest";
import type { FlowInput, FlowStore } from "../../src/storage/flow-store.js";

function input(namespace: string, id: string, source = `id: ${id}\nnamespace: ${namespace}\n`): FlowInput {
  return { namespace, id, source, value: { id, namespace, description: `about ${id}` }, disabled: false };
}

export function flowStoreContract(driver: string, store: (tenantId: string) => FlowStore): void {
  describe(`SQL flow repository on ${driver}`, () => {
    it("keeps every revision and writes one only when the source changes", async () => {
      const flows = store("rev");
      const created = await flows.create(input("a", "f"));
      expect(created).toMatchObject({ ok: true, flow: { tenantId: "rev", revision: 1, deleted: false } });
      expect(created.ok && created.flow.updated).toBe("2026-01-01T00:00:00.000Z");

      expect(await flows.update(input("a", "f"))).toMatchObject({ ok: true, changed: false, flow: { revision: 1 } });
      expect(await flows.update(input("a", "f", "changed"))).toMatchObject({
        ok: true,
        changed: true,
        flow: { revision: 2 },
      });
      expect(await flows.create(input("a", "f"))).toEqual({ ok: false, code: "flow.exists" });
      expect(await flows.update(input("a", "missing"))).toEqual({ ok: false, code: "flow.not-found" });

      expect((await flows.get("a", "f"))?.source).toBe("changed");
      expect((await flows.get("a", "f", { revision: 1 }))?.source).toBe(`id: f\nnamespace: a\n`);
      expect(await flows.get("a", "f", { revision: 9 })).toBeUndefined();
      expect((await flows.revisions("a", "f")).map((f) => f.revision)).toEqual([1, 2]);
    });

    it("deletes by writing a deleted revision, and re-creates after it", async () => {
      const flows = store("del");
      await flows.create(input("a", "f"));
      expect(await flows.delete("a", "f")).toMatchObject({
        revision: 2,
        deleted: true,
        source: `id: f\nnamespace: a\n`,
      });
      expect(await flows.delete("a", "f")).toBeUndefined();
      expect(await flows.get("a", "f")).toBeUndefined();
      expect(await flows.get("a", "f", { allowDeleted: true })).toMatchObject({ revision: 2, deleted: true });
      expect(await flows.get("a", "f", { revision: 2 })).toMatchObject({ deleted: true });
      expect(await flows.listByNamespace("a")).toEqual([]);
      expect(await flows.search({ page: 1, size: 10 })).toEqual({ results: [], total: 0 });

      expect(await flows.create(input("a", "f"))).toMatchObject({ ok: true, flow: { revision: 3, deleted: false } });
      expect((await flows.revisions("a", "f", { allowDeleted: true })).map((f) => [f.revision, f.deleted])).toEqual([
        [1, false],
        [2, true],
        [3, false],
      ]);
    });

    it("searches the latest live revisions with prefix namespaces, text, paging and sort", async () => {
      const flows = store("search");
      for (const [ns, id] of [
        ["company", "z"],
        ["company.team", "b"],
        ["company.team", "a"],
        ["companyx", "c"],
        ["other", "100%_done"],
      ] as const)
        await flows.create(input(ns, id));
      await flows.update(input("company.team", "a", "new source"));

      const all = await flows.search({ page: 1, size: 10, namespace: "company" });
      expect(all.total).toBe(3);
      expect(all.results.map((f) => [f.namespace, f.id, f.revision])).toEqual([
        ["company", "z", 1],
        ["company.team", "a", 2],
        ["company.team", "b", 1],
      ]);
      const sorted = await flows.search({ page: 2, size: 2, sort: [{ field: "id", order: "desc" }] });
      expect(sorted.total).toBe(5);
      expect(sorted.results.map((f) => f.id)).toEqual(["b", "a"]);
      // LIKE wildcards in the text match themselves.
      expect((await flows.search({ page: 1, size: 10, q: "0%_" })).results.map((f) => f.id)).toEqual(["100%_done"]);
      expect((await flows.search({ page: 1, size: 10, q: "%" })).total).toBe(1);
      expect((await flows.search({ page: 1, size: 10, q: "ABOUT Z" })).results.map((f) => f.id)).toEqual(["z"]);
      expect(await flows.namespaces()).toEqual(["company", "company.team", "companyx", "other"]);
      expect(await flows.namespaces("team")).toEqual(["company.team"]);
      expect((await store("elsewhere").search({ page: 1, size: 10 })).total).toBe(0);
    });

    it("turns two writers racing for the same revision into one conflict", async () => {
      const flows = store("race");
      await flows.create(input("a", "f"));
      const results = await Promise.all([flows.update(input("a", "f", "one")), flows.update(input("a", "f", "two"))]);
      expect(results.map((r) => (r.ok ? r.flow.revision : r.code)).sort()).toEqual([2, "flow.conflict"]);
      expect((await flows.revisions("a", "f")).map((f) => f.revision)).toEqual([1, 2]);
    });
  });
}
