/**
 * Namespace files on the local host: the namespace tasks, the file functions, a
 * WorkingDirectory's namespaceFiles, and Kestra's /namespaces/{namespace}/files API on the
 * portable app (memory stores).
 */
import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import { createApp } from "../../src/api/app.js";
import type { Execution } from "../../src/executor/model.js";
import { MemoryBlobStore } from "../../src/storage/internal.js";
import { memoryNamespaceFiles, type NamespaceFiles } from "../../src/storage/namespace-files.js";
import { flowOf, localHost } from "../support/flows.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => (data === undefined ? undefined : new TextDecoder().decode(data));
const outputsOf = (execution: Execution, taskId: string) =>
  execution.taskRunList.find((run) => run.taskId === taskId)?.outputs;
const stateOf = (execution: Execution, taskId: string) =>
  execution.taskRunList.find((run) => run.taskId === taskId)?.state.current;

async function seeded(): Promise<{ storage: MemoryBlobStore; files: NamespaceFiles }> {
  const storage = new MemoryBlobStore();
  const files = memoryNamespaceFiles(storage);
  await files.put("company.team", "/scripts/hello.py", bytes("print('hello')"));
  await files.put("company.team", "/data/in.csv", bytes("a,b\n1,2\n"));
  await files.put("company.team", "/data/empty.txt", bytes(""));
  await files.put("company.other", "/shared.txt", bytes("shared"));
  return { storage, files };
}

describe("namespace files on the local host", () => {
  it("reads them with read(), fileURI(), fileExists(), isFileEmpty() and fileSize()", async () => {
    const { storage, files } = await seeded();
    const { execution, logs } = await localHost({ storage, namespaceFiles: files }).run(
      flowOf(`id: functions
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read('scripts/hello.py') }}|{{ read('/data/in.csv') | trim }}|{{ read('nsfile://company.other/shared.txt') }}"
  - id: uri
    type: io.kestra.plugin.core.debug.Return
    format: "{{ fileURI('scripts/hello.py') }}|{{ read(fileURI('scripts/hello.py')) }}|{{ fileSize(fileURI('data/in.csv')) }}"
  - id: tests
    type: io.kestra.plugin.core.debug.Return
    format: "{{ fileExists('data/in.csv') }} {{ fileExists('nope.txt') }} {{ isFileEmpty('data/empty.txt') }} {{ isFileEmpty('data/in.csv') }}"
  - id: missing
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read('nope.txt') }}"
`),
    );
    expect(outputsOf(execution, "read")).toEqual({ value: "print('hello')|a,b\n1,2|shared" });
    expect(outputsOf(execution, "uri")).toEqual({
      value: "kestra:///company/team/_files/scripts/hello.py|print('hello')|8",
    });
    expect(outputsOf(execution, "tests")).toEqual({ value: "true false true false" });
    expect(stateOf(execution, "missing")).toBe("FAILED");
    expect(logs.map((line) => line.message).join("\n")).toContain(
      "File not found: kestra:///company/team/_files/nope.txt",
    );
  });

  it("refuses a path climbing out of the namespace files", async () => {
    const { storage, files } = await seeded();
    const { execution, logs } = await localHost({ storage, namespaceFiles: files }).run(
      flowOf(`id: traversal
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read('../secret.txt') }}"
`),
    );
    expect(execution.state.current).toBe("FAILED");
    expect(logs.map((line) => line.message).join("\n")).toContain("Path must not contain '../'");
  });

  it("uploads, downloads and deletes with the namespace tasks", async () => {
    const { storage, files } = await seeded();
    const { execution } = await localHost({ storage, namespaceFiles: files }).run(
      flowOf(`id: tasks
namespace: company.team
tasks:
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    tasks:
      - id: local
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          out/report.txt: report
          out/skip.log: log
        outputs: ["out/report.txt"]
      - id: upload
        type: io.kestra.plugin.core.namespace.UploadFiles
        namespace: company.target
        files: ["glob:**/*.txt"]
        destination: /uploaded
  - id: byMap
    type: io.kestra.plugin.core.namespace.UploadFiles
    namespace: company.target
    filesMap:
      copied/report.txt: "{{ outputs.local.uris['out/report.txt'] }}"
      copied/missing.txt: "kestra:///company/team/tasks/executions/r1/nothing.txt"
  - id: keep
    type: io.kestra.plugin.core.namespace.UploadFiles
    namespace: company.target
    conflict: SKIP
    filesMap:
      uploaded/out/report.txt: "{{ outputs.local.uris['out/report.txt'] }}"
  - id: download
    type: io.kestra.plugin.core.namespace.DownloadFiles
    namespace: company.team
    files: ["/data/**"]
  - id: readDownloaded
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(outputs.download.files['/data/in.csv']) | trim }}"
  - id: delete
    type: io.kestra.plugin.core.namespace.DeleteFiles
    namespace: company.team
    files: "**.csv"
    deleteParentFolder: true
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    expect((await files.all("company.target")).map((f) => f.path)).toEqual([
      "/copied/report.txt",
      "/uploaded/out/report.txt",
    ]);
    expect(text(await files.get("company.target", "/copied/report.txt"))).toBe("report");
    const downloaded = outputsOf(execution, "download") as { files: Record<string, string> };
    expect(Object.keys(downloaded.files).sort()).toEqual(["/data/empty.txt", "/data/in.csv"]);
    expect(downloaded.files["/data/in.csv"]).toMatch(
      /^kestra:\/\/\/company\/team\/tasks\/executions\/\w+\/tasks\/download\/\w+\/data\/in\.csv$/,
    );
    expect(outputsOf(execution, "readDownloaded")).toEqual({ value: "a,b\n1,2" });
    expect((await files.all("company.team")).map((f) => f.path)).toEqual(["/data/empty.txt", "/scripts/hello.py"]);
  });

  it("fails UploadFiles with conflict ERROR on an existing file, naming it", async () => {
    const { storage, files } = await seeded();
    const { execution, logs } = await localHost({ storage, namespaceFiles: files }).run(
      flowOf(`id: conflict
namespace: company.team
tasks:
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    tasks:
      - id: local
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          new.py: new
        outputs: ["new.py"]
  - id: upload
    type: io.kestra.plugin.core.namespace.UploadFiles
    namespace: company.team
    conflict: ERROR
    filesMap:
      scripts/hello.py: "{{ outputs.local.uris['new.py'] }}"
`),
    );
    expect(stateOf(execution, "upload")).toBe("FAILED");
    expect(logs.map((line) => line.message).join("\n")).toContain(
      "File '/scripts/hello.py' already exists in namespace 'company.team' and conflict is set to ERROR",
    );
    expect(text(await files.get("company.team", "/scripts/hello.py"))).toBe("print('hello')");
  });

  it("loads a WorkingDirectory's namespaceFiles with include, exclude and folderPerNamespace", async () => {
    const { storage, files } = await seeded();
    const { execution } = await localHost({ storage, namespaceFiles: files }).run(
      flowOf(`id: wd
namespace: company.team
tasks:
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    namespaceFiles:
      enabled: true
      include: ["/data/**", "shared.txt"]
      exclude: ["**/empty.txt"]
      namespaces: [company.team, company.other]
      folderPerNamespace: true
    tasks:
      - id: list
        type: io.kestra.plugin.core.storage.LocalFiles
        outputs: ["**"]
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    const uris = (outputsOf(execution, "list") as { uris: Record<string, string> }).uris;
    expect(Object.keys(uris).sort()).toEqual(["company.other/shared.txt", "company.team/data/in.csv"]);
  });
});

describe("namespace files API on the portable app", () => {
  const app = (files: NamespaceFiles) =>
    createApp({
      registry,
      version: "test",
      auth: { open: true },
      flows: undefined as never,
      namespaceFiles: files,
    });
  const API = "http://localhost/api/v1/main/namespaces/company.team/files";

  it("creates, lists, reads, moves, searches and deletes", async () => {
    const files = memoryNamespaceFiles(new MemoryBlobStore());
    const api = app(files);
    const form = new FormData();
    form.append("fileContent", new File(["Hello"], "test.txt"));
    expect((await api.request(`${API}?path=/folder/test.txt`, { method: "POST", body: form })).status).toBe(200);
    expect((await api.request(`${API}/directory?path=/empty`, { method: "POST" })).status).toBe(200);

    const root = await api.request(`${API}/directory`);
    expect(await root.json()).toEqual([
      expect.objectContaining({ fileName: "empty", type: "Directory" }),
      expect.objectContaining({ fileName: "folder", type: "Directory" }),
    ]);
    const content = await api.request(`${API}?path=/folder/test.txt`);
    expect(content.headers.get("content-type")).toBe("application/octet-stream");
    expect(await content.text()).toBe("Hello");
    expect(await (await api.request(`${API}/stats?path=/folder/test.txt`)).json()).toMatchObject({
      fileName: "test.txt",
      type: "File",
      size: 5,
    });
    expect(await (await api.request(`${API}/stats`)).json()).toMatchObject({ fileName: "_files", type: "Directory" });

    expect((await api.request(`${API}?from=/folder&to=/moved`, { method: "PUT" })).status).toBe(200);
    expect(await (await api.request(`${API}/search?q=test`)).json()).toEqual(["/moved/test.txt"]);
    expect((await api.request(`${API}?path=/moved/test.txt`, { method: "DELETE" })).status).toBe(200);
    // A folder left empty goes with its last file, as in Kestra.
    expect((await api.request(`${API}/stats?path=/moved`)).status).toBe(404);
  });

  it("answers 404 for an unknown file and 400 for traversal, 422 for the _flows folder", async () => {
    const api = app(memoryNamespaceFiles(new MemoryBlobStore()));
    const missing = await api.request(`${API}?path=/nope.txt`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe(
      "Not Found: File '/nope.txt' not found in namespace 'company.team'",
    );
    const traversal = await api.request(`${API}?path=../../etc/passwd`);
    expect(traversal.status).toBe(400);
    expect(((await traversal.json()) as { message: string }).message).toBe(
      "Illegal argument: File should be accessed with their full path and not using relative '..' path.",
    );
    const flows = await api.request(`${API}/directory?path=/_flows`);
    expect(flows.status).toBe(422);
    expect(((await flows.json()) as { message: string }).message).toBe("Illegal argument: Forbidden path: /_flows");
    expect((await api.request(`${API}`)).status).toBe(400);
  });
});
