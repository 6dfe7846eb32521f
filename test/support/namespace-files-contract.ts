/**
 * The NamespaceFiles contract: files and directories of a namespace with their metadata in
 * rows and their bytes in internal storage at Kestra's layout, path rules (`..` and other
 * roots refused), conflicts, listing, moving and deleting. Run against memory, libSQL (Node)
 * and D1 with R2 (workerd); `store(tenant, blobs)` gives a store of its own tenant.
 */
import { describe, expect, it } from "vitest";
import { type BlobStore, MemoryBlobStore } from "../../src/storage/internal.js";
import type { NamespaceFiles } from "../../src/storage/namespace-files.js";

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
const paths = (entries: readonly { path: string }[] | undefined) => entries?.map((entry) => entry.path);

export function namespaceFilesContract(
  driver: string,
  store: (tenantId: string, blobs: BlobStore) => NamespaceFiles,
  blobStore: () => BlobStore = () => new MemoryBlobStore(),
): void {
  describe(`namespace files on ${driver}`, () => {
    it("stores a file's bytes at Kestra's layout and its parents as directories", async () => {
      const blobs = blobStore();
      const files = store("put", blobs);
      const put = await files.put("put.team", "scripts/etl/run.py", new TextEncoder().encode("print(1)"));
      expect(put).toEqual({
        path: "/scripts/etl/run.py",
        uri: "kestra:///put/team/_files/scripts/etl/run.py",
        written: true,
      });
      expect(files.uri("put.team", "/scripts/etl/run.py")).toBe(put.uri);
      expect(text(await blobs.get(put.uri))).toBe("print(1)");
      expect(text(await files.get("put.team", "/scripts/etl/run.py"))).toBe("print(1)");
      expect(text(await files.get("put.team", "kestra:///put/team/_files/scripts/etl/run.py"))).toBe("print(1)");
      expect(await files.stat("put.team", "scripts/etl/run.py")).toMatchObject({ directory: false, size: 8 });
      expect(await files.stat("put.team", "/scripts")).toMatchObject({ directory: true });
      expect(await files.stat("put.team", "/")).toMatchObject({ path: "/", directory: true });
      expect(paths(await files.list("put.team", "/"))).toEqual(["/scripts"]);
      expect(paths(await files.list("put.team", "scripts"))).toEqual(["/scripts/etl"]);
      expect(paths(await files.list("put.team", "/scripts/etl"))).toEqual(["/scripts/etl/run.py"]);
      expect(await files.list("put.team", "/missing")).toBeUndefined();
      await expect(files.list("put.team", "/scripts/etl/run.py")).rejects.toMatchObject({
        code: "nsfile.not-a-directory",
      });
      const opened = await files.open("put.team", "/scripts/etl/run.py");
      expect(opened?.size).toBe(8);
      expect(await new Response(opened?.body).text()).toBe("print(1)");
      expect(await files.get("put.team", "/scripts")).toBeUndefined();
      expect(await files.get("put.other", "/scripts/etl/run.py")).toBeUndefined();
    });

    it("refuses paths that leave the namespace's files", async () => {
      const files = store("paths", blobStore());
      for (const bad of ["../secret.txt", "/a/../../b", "a/%2E%2E/b", "C:\\Windows\\x", "file:///etc/passwd"]) {
        await expect(files.put("paths.team", bad, new Uint8Array()), bad).rejects.toMatchObject({
          code: "nsfile.invalid-path",
        });
      }
      await expect(files.get("paths.team", "../x")).rejects.toThrow(
        "File should be accessed with their full path and not using relative '..' path.",
      );
      await expect(files.get("paths.team", "kestra:///other/ns/_files/x")).rejects.toThrow(
        "Invalid Kestra URI. Expected prefix for namespace 'paths.team'",
      );
      await files.put("paths.team", "./a//b\\c.txt", new TextEncoder().encode("x"));
      expect(paths(await files.all("paths.team"))).toEqual(["/a/b/c.txt"]);
    });

    it("overwrites, fails or skips an existing file as asked", async () => {
      const files = store("conflicts", blobStore());
      const bytes = (s: string) => new TextEncoder().encode(s);
      await files.put("conflicts.ns", "/f.txt", bytes("one"));
      await expect(files.put("conflicts.ns", "/f.txt", bytes("two"), { conflict: "ERROR" })).rejects.toThrow(
        "File '/f.txt' already exists in namespace 'conflicts.ns' and conflict is set to ERROR",
      );
      expect(await files.put("conflicts.ns", "/f.txt", bytes("three"), { conflict: "SKIP" })).toMatchObject({
        written: false,
      });
      expect(text(await files.get("conflicts.ns", "/f.txt"))).toBe("one");
      await files.put("conflicts.ns", "/f.txt", bytes("four"));
      expect(text(await files.get("conflicts.ns", "/f.txt"))).toBe("four");
      expect((await files.stat("conflicts.ns", "/f.txt"))?.size).toBe(4);
      await expect(files.put("conflicts.ns", "/f.txt/inside", bytes("x"))).rejects.toMatchObject({
        code: "nsfile.not-a-directory",
      });
      await files.createDirectory("conflicts.ns", "/dir");
      await expect(files.put("conflicts.ns", "/dir", bytes("x"))).rejects.toMatchObject({
        code: "nsfile.is-a-directory",
      });
      await expect(files.createDirectory("conflicts.ns", "/f.txt")).rejects.toMatchObject({ code: "nsfile.exists" });
    });

    it("creates empty directories and lists them", async () => {
      const files = store("dirs", blobStore());
      await files.createDirectory("dirs.ns", "/a/b");
      await files.createDirectory("dirs.ns", "/a/b");
      expect(paths(await files.list("dirs.ns", "/"))).toEqual(["/a"]);
      expect(paths(await files.list("dirs.ns", "/a/b"))).toEqual([]);
      expect(await files.all("dirs.ns")).toEqual([]);
    });

    it("moves a file or a directory with everything in it", async () => {
      const blobs = blobStore();
      const files = store("move", blobs);
      const bytes = (s: string) => new TextEncoder().encode(s);
      await files.put("move.ns", "/src/a.txt", bytes("a"));
      await files.put("move.ns", "/src/deep/b.txt", bytes("b"));
      await files.move("move.ns", "/src/a.txt", "/renamed.txt");
      expect(text(await files.get("move.ns", "/renamed.txt"))).toBe("a");
      expect(await files.get("move.ns", "/src/a.txt")).toBeUndefined();
      expect(await blobs.get("kestra:///move/ns/_files/src/a.txt")).toBeUndefined();
      await files.move("move.ns", "/src", "/dst/moved");
      expect(paths(await files.all("move.ns"))).toEqual(["/dst/moved/deep/b.txt", "/renamed.txt"]);
      expect(text(await files.get("move.ns", "/dst/moved/deep/b.txt"))).toBe("b");
      expect(await files.stat("move.ns", "/src")).toBeUndefined();
      await expect(files.move("move.ns", "/missing", "/x")).rejects.toMatchObject({ code: "nsfile.not-found" });
      await expect(files.move("move.ns", "/renamed.txt", "/dst/moved/deep/b.txt")).rejects.toMatchObject({
        code: "nsfile.exists",
      });
      await expect(files.move("move.ns", "/dst", "/dst/inner")).rejects.toMatchObject({ code: "nsfile.invalid-path" });
    });

    it("deletes a file or a directory, pruning empty parents when asked", async () => {
      const blobs = blobStore();
      const files = store("delete", blobs);
      const bytes = (s: string) => new TextEncoder().encode(s);
      await files.put("delete.ns", "/folder/file.txt", bytes("x"));
      await files.put("delete.ns", "/kept/one.txt", bytes("1"));
      await files.put("delete.ns", "/kept/two.txt", bytes("2"));
      await files.put("delete.ns", "/tree/a/b.txt", bytes("b"));
      expect(await files.delete("delete.ns", "/folder/file.txt", { pruneEmptyParents: true })).toBe(true);
      expect(await files.stat("delete.ns", "/folder")).toBeUndefined();
      expect(await files.delete("delete.ns", "/kept/one.txt", { pruneEmptyParents: true })).toBe(true);
      expect(paths(await files.list("delete.ns", "/kept"))).toEqual(["/kept/two.txt"]);
      expect(await files.delete("delete.ns", "/kept/two.txt")).toBe(true);
      expect(await files.stat("delete.ns", "/kept")).toMatchObject({ directory: true });
      expect(await files.delete("delete.ns", "/tree")).toBe(true);
      expect(await blobs.get("kestra:///delete/ns/_files/tree/a/b.txt")).toBeUndefined();
      expect(paths(await files.list("delete.ns", "/"))).toEqual(["/kept"]);
      expect(await files.delete("delete.ns", "/missing")).toBe(false);
      expect(await files.delete("delete.ns", "/")).toBe(true);
      expect(await files.list("delete.ns", "/")).toEqual([]);
    });

    it("lists every file of a namespace, other namespaces apart", async () => {
      const files = store("all", blobStore());
      const bytes = new Uint8Array([1]);
      await files.put("all.ns", "/b.txt", bytes);
      await files.put("all.ns", "/a/z.txt", bytes);
      await files.put("all.ns.child", "/c.txt", bytes);
      expect(paths(await files.all("all.ns"))).toEqual(["/a/z.txt", "/b.txt"]);
      expect(paths(await files.all("all.ns.child"))).toEqual(["/c.txt"]);
    });
  });
}
