/**
 * Namespace files on Workers: the contract on D1 (metadata) and R2 (bytes), Kestra's
 * `/namespaces/{namespace}/files` endpoints through the Worker, and an ExecutionObject's
 * tasks reading, downloading and loading them into a WorkingDirectory.
 */
import { env, SELF } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { createSqlNamespaceFiles } from "../../src/storage/sql/namespace-files-repository.js";
import { R2BlobStore } from "../../workers/r2-blob-store.js";
import { namespaceFilesContract } from "../support/namespace-files-contract.js";

const API = "http://tern.test/api/v1/main";

namespaceFilesContract(
  "D1 and R2",
  (tenantId, blobs) => createSqlNamespaceFiles(drizzle(env.DB), blobs, { tenantId }),
  () => new R2BlobStore(env.STORAGE),
);

async function upload(namespace: string, path: string, content: string): Promise<Response> {
  const form = new FormData();
  form.append("fileContent", new File([content], path.slice(path.lastIndexOf("/") + 1)));
  return SELF.fetch(`${API}/namespaces/${namespace}/files?path=${encodeURIComponent(path)}`, {
    method: "POST",
    body: form,
  });
}

async function message(response: Response): Promise<string> {
  return String(((await response.json()) as { message?: unknown }).message);
}

describe("namespace files API", () => {
  it("uploads a file into R2 at Kestra's layout, reads, lists and stats it", async () => {
    expect((await upload("api.nsfiles", "/scripts/hello.py", "print('hi')")).status).toBe(200);
    const object = await env.STORAGE.get("api/nsfiles/_files/scripts/hello.py");
    expect(await object?.text()).toBe("print('hi')");

    const content = await SELF.fetch(`${API}/namespaces/api.nsfiles/files?path=/scripts/hello.py`);
    expect(content.status).toBe(200);
    expect(content.headers.get("content-type")).toBe("application/octet-stream");
    expect(await content.text()).toBe("print('hi')");

    const root = (await (await SELF.fetch(`${API}/namespaces/api.nsfiles/files/directory`)).json()) as unknown[];
    expect(root).toEqual([
      {
        fileName: "scripts",
        type: "Directory",
        size: 0,
        creationTime: expect.any(Number),
        lastModifiedTime: expect.any(Number),
      },
    ]);
    const stats = await SELF.fetch(`${API}/namespaces/api.nsfiles/files/stats?path=/scripts/hello.py`);
    expect(await stats.json()).toMatchObject({ fileName: "hello.py", type: "File", size: 11 });
    // An empty namespace lists nothing (Kestra creates its root on first listing).
    expect(await (await SELF.fetch(`${API}/namespaces/api.nsfiles.empty/files/directory`)).json()).toEqual([]);
  });

  it("creates directories, moves, searches and deletes, pruning emptied folders", async () => {
    const ns = `${API}/namespaces/api.nsfiles.ops/files`;
    expect((await SELF.fetch(`${ns}/directory?path=/empty`, { method: "POST" })).status).toBe(200);
    await upload("api.nsfiles.ops", "/folder/a.txt", "a");
    await upload("api.nsfiles.ops", "/folder/sub/b.txt", "b");
    expect((await SELF.fetch(`${ns}?from=/folder&to=/moved`, { method: "PUT" })).status).toBe(200);
    expect(await (await SELF.fetch(`${ns}/search?q=.txt`)).json()).toEqual(["/moved/a.txt", "/moved/sub/b.txt"]);
    expect(await env.STORAGE.get("api/nsfiles/ops/_files/folder/a.txt")).toBeNull();
    expect(await (await SELF.fetch(`${ns}?path=/moved/sub/b.txt`)).text()).toBe("b");

    expect((await SELF.fetch(`${ns}?path=/moved/sub/b.txt`, { method: "DELETE" })).status).toBe(200);
    expect((await SELF.fetch(`${ns}/stats?path=/moved/sub`)).status).toBe(404);
    expect((await SELF.fetch(`${ns}/stats?path=/moved`)).status).toBe(200);
    expect((await SELF.fetch(`${ns}?path=/moved`, { method: "DELETE" })).status).toBe(200);
    const left = (await (await SELF.fetch(`${ns}/directory`)).json()) as { fileName: string }[];
    expect(left.map((entry) => entry.fileName)).toEqual(["empty"]);
  });

  it("answers 404 for an unknown file, 400 for traversal, 422 for the _flows folder, 409 for a taken target", async () => {
    const ns = `${API}/namespaces/api.nsfiles.bad/files`;
    const missing = await SELF.fetch(`${ns}?path=/nope.txt`);
    expect(missing.status).toBe(404);
    expect(await message(missing)).toBe("Not Found: File '/nope.txt' not found in namespace 'api.nsfiles.bad'");
    for (const response of [
      await SELF.fetch(`${ns}?path=${encodeURIComponent("../../other/_files/x")}`),
      await upload("api.nsfiles.bad", "/a/../../b.txt", "x"),
      await SELF.fetch(`${ns}?path=${encodeURIComponent("/a/../b")}`, { method: "DELETE" }),
    ]) {
      expect(response.status).toBe(400);
      expect(await message(response)).toBe(
        "Illegal argument: File should be accessed with their full path and not using relative '..' path.",
      );
    }
    const flows = await SELF.fetch(`${ns}?path=/_flows/test.yml`);
    expect(flows.status).toBe(422);
    expect(await message(flows)).toBe("Illegal argument: Forbidden path: /_flows/test.yml");
    await upload("api.nsfiles.bad", "/one.txt", "1");
    await upload("api.nsfiles.bad", "/two.txt", "2");
    expect((await SELF.fetch(`${ns}?from=/one.txt&to=/two.txt`, { method: "PUT" })).status).toBe(409);
    expect((await SELF.fetch(`${ns}?from=/none.txt&to=/three.txt`, { method: "PUT" })).status).toBe(404);
  });
});

describe("namespace files in an ExecutionObject", () => {
  it("reads them with read(), downloads them and loads them into a WorkingDirectory", async () => {
    await upload("api.nsfiles.flow", "/config/settings.json", '{"mode":"fast"}');
    await upload("api.nsfiles.flow", "/ignore/x.txt", "x");
    const deployed = await SELF.fetch(`${API}/flows`, {
      method: "POST",
      headers: { "content-type": "application/x-yaml" },
      body: `id: nsfiles
namespace: api.nsfiles.flow
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ json(read('config/settings.json')).mode }} {{ fileExists('ignore/x.txt') }} {{ fileExists('nope') }}"
  - id: download
    type: io.kestra.plugin.core.namespace.DownloadFiles
    namespace: api.nsfiles.flow
    files: ["/config/**"]
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    namespaceFiles:
      enabled: true
      exclude: ["/ignore/**"]
    tasks:
      - id: local
        type: io.kestra.plugin.core.storage.LocalFiles
        outputs: ["**"]
  - id: upload
    type: io.kestra.plugin.core.namespace.UploadFiles
    namespace: api.nsfiles.flow
    filesMap:
      copies/settings.json: "{{ outputs.download.files['/config/settings.json'] }}"
  - id: delete
    type: io.kestra.plugin.core.namespace.DeleteFiles
    namespace: api.nsfiles.flow
    files: "/ignore/**"
`,
    });
    expect(deployed.status).toBe(200);
    const response = await SELF.fetch(`${API}/executions/api.nsfiles.flow/nsfiles?wait=true`, { method: "POST" });
    const execution = (await response.json()) as Execution;
    expect(execution.state.current).toBe("SUCCESS");
    const outputs = Object.fromEntries(execution.taskRunList.map((run) => [run.taskId, run.outputs]));
    expect(outputs.read).toEqual({ value: "fast true false" });
    expect(Object.keys((outputs.download as { files: object }).files)).toEqual(["/config/settings.json"]);
    expect(Object.keys((outputs.local as { uris: object }).uris)).toEqual(["config/settings.json"]);
    const search = await SELF.fetch(`${API}/namespaces/api.nsfiles.flow/files/search?q=settings`);
    expect(await search.json()).toEqual(["/config/settings.json", "/copies/settings.json"]);
    expect((await SELF.fetch(`${API}/namespaces/api.nsfiles.flow/files/stats?path=/ignore/x.txt`)).status).toBe(404);
  });
});
