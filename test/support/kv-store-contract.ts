/**
 * The KvStore contract: typed values as Kestra types them, descriptions and dates, overwrite,
 * TTL expiry (deleted on access, hidden from the list), key validation and isolation. Run
 * against memory, libSQL (Node) and D1 (workerd); `store(tenant, clock)` gives a store of its
 * own tenant reading the given clock, so tests can share one database.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { JDouble } from "../../src/expression/values.js";
import type { KvStore } from "../../src/storage/kv-store.js";

export interface Clock {
  now: () => Date;
  advance: (ms: number) => void;
}

function clock(): Clock {
  let at = Date.UTC(2026, 0, 1);
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

export function kvStoreContract(driver: string, store: (tenantId: string, now: () => Date) => KvStore): void {
  describe(`KV store on ${driver}`, () => {
    it("keeps each value with its Kestra type", async () => {
      const kv = store("types", clock().now);
      const values: [string, unknown, string][] = [
        ["string", "hello", "STRING"],
        ["int", 42, "NUMBER"],
        ["long", 9007199254740993n, "NUMBER"],
        ["double", new JDouble(1), "NUMBER"],
        ["bool", false, "BOOLEAN"],
        ["instant", Temporal.Instant.from("2024-01-02T03:04:05Z"), "DATETIME"],
        ["date", Temporal.PlainDate.from("2024-01-02"), "DATE"],
        ["duration", Temporal.Duration.from("PT5M"), "DURATION"],
        ["map", { a: 1, b: ["x"] }, "JSON"],
        ["list", [1, "two"], "JSON"],
      ];
      for (const [key, value] of values) await kv.put("company.team", key, value);
      for (const [key, value, type] of values) {
        const got = await kv.get("company.team", key);
        expect(got?.type, key).toBe(type);
        expect(got?.value, key).toEqual(value);
      }
      // Kestra reads a stored string spelling a duration back as a Duration.
      await kv.put("company.team", "spelled", "PT5S");
      expect(await kv.get("company.team", "spelled")).toEqual({
        type: "DURATION",
        value: Temporal.Duration.from("PT5S"),
      });
      expect(await kv.get("company.team", "missing")).toBeUndefined();
    });

    it("lists live keys with description and dates, sorted, per namespace", async () => {
      const time = clock();
      const kv = store("list", time.now);
      await kv.put("ns", "b", 1, { description: "the b" });
      time.advance(1000);
      await kv.put("ns", "a", 2, { ttl: "PT1H" });
      await kv.put("other", "c", 3);
      time.advance(1000);
      await kv.put("ns", "b", 4);
      expect(await kv.list("ns")).toEqual([
        {
          key: "a",
          creationDate: "2026-01-01T00:00:01.000Z",
          updateDate: "2026-01-01T00:00:01.000Z",
          expirationDate: "2026-01-01T01:00:01.000Z",
        },
        // A replaced value keeps its creation date; the description goes with the value.
        { key: "b", creationDate: "2026-01-01T00:00:00.000Z", updateDate: "2026-01-01T00:00:02.000Z" },
      ]);
      expect((await kv.list("other")).map((e) => e.key)).toEqual(["c"]);
      expect(await kv.list("none")).toEqual([]);
    });

    it("expires a key after its TTL: hidden from the list, deleted when read", async () => {
      const time = clock();
      const kv = store("ttl", time.now);
      await kv.put("ns", "short", "v", { ttl: "PT10S" });
      await kv.put("ns", "long", "v", { ttl: Temporal.Duration.from({ hours: 1 }) });
      time.advance(9_000);
      expect((await kv.get("ns", "short"))?.value).toBe("v");
      time.advance(2_000);
      expect((await kv.list("ns")).map((e) => e.key)).toEqual(["long"]);
      await expect(kv.get("ns", "short")).rejects.toMatchObject({
        name: "ResourceExpiredError",
        message: "The requested value has expired",
      });
      // Deleted by that read: now simply missing.
      expect(await kv.get("ns", "short")).toBeUndefined();
      expect(await kv.delete("ns", "short")).toBe(false);
      await expect(kv.put("ns", "neg", "v", { ttl: "-PT1S" })).rejects.toThrow("ttl cannot be negative");
    });

    it("refuses to overwrite a live value when asked, but replaces an expired one", async () => {
      const time = clock();
      const kv = store("overwrite", time.now);
      await kv.put("ns", "k", "first", { ttl: "PT1M" });
      await expect(kv.put("ns", "k", "second", { overwrite: false })).rejects.toThrow(
        "Cannot set value for key 'k'. Key already exists and `overwrite` is set to `false`.",
      );
      expect((await kv.get("ns", "k"))?.value).toBe("first");
      time.advance(61_000);
      await kv.put("ns", "k", "third", { overwrite: false });
      expect((await kv.get("ns", "k"))?.value).toBe("third");
    });

    it("deletes and says whether the key existed", async () => {
      const kv = store("delete", clock().now);
      await kv.put("ns", "k", "v");
      expect(await kv.delete("ns", "k")).toBe(true);
      expect(await kv.delete("ns", "k")).toBe(false);
      expect(await kv.get("ns", "k")).toBeUndefined();
    });

    it("refuses keys Kestra refuses", async () => {
      const kv = store("keys", clock().now);
      for (const key of ["bad$key", "-dash", ".dot", "a b", "a/b"]) {
        await expect(kv.put("ns", key, 1), key).rejects.toMatchObject({
          code: "kv.invalid-key",
          message: expect.stringContaining("Key must start with an alphanumeric character"),
        });
        await expect(kv.get("ns", key), key).rejects.toMatchObject({ code: "kv.invalid-key" });
        await expect(kv.delete("ns", key), key).rejects.toMatchObject({ code: "kv.invalid-key" });
      }
      await kv.put("ns", "Ok.key_1-2", 1);
      expect((await kv.get("ns", "Ok.key_1-2"))?.value).toBe(1);
    });

    it("keeps tenants apart", async () => {
      const a = store("tenant-a", clock().now);
      const b = store("tenant-b", clock().now);
      await a.put("ns", "k", "a");
      expect(await b.get("ns", "k")).toBeUndefined();
      expect(await b.list("ns")).toEqual([]);
    });
  });
}
