import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlEncode } from "../../../src/expression/filters/support/bytes.js";
import { flowOf, localHost } from "../../../test/support/flows.js";
import { closedPort, startServer, type TestServer } from "../../../test/support/http-server.js";
import { testTask, textOf } from "../../../test/support/task-context.js";
import plugin, { dispositionFileName, MAX_DOWNLOAD_BYTES } from "./download.js";

describe("http.Download", () => {
  it("accepts a uri and fails on empty responses by default", () => {
    expect(plugin.properties.parse({ uri: "https://huggingface.co/datasets/orders.csv" })).toMatchObject({
      method: "GET",
      failOnEmptyResponse: true,
      options: { allowFailed: false },
    });
    expect(plugin.aliases).toContain("io.kestra.plugin.fs.http.Download");
  });

  it("shares Request's properties but not encryptBody", () => {
    expect(
      plugin.properties.safeParse({ uri: "https://x", headers: { a: "b" }, failOnEmptyResponse: false }).success,
    ).toBe(true);
    expect(plugin.properties.safeParse({ uri: "https://x", encryptBody: true }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });

  it("outputs uri, code, length and headers", () => {
    expect(plugin.outputs?.safeParse({ uri: "kestra:///f.csv", code: 200, length: 10, headers: {} }).success).toBe(
      true,
    );
  });
});

const CSV = "id,name\n1,a\n2,b\n3,c\n";
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    "/orders.csv": (_, res) => {
      res.writeHead(200, { "Content-Type": "text/csv", "Content-Length": String(CSV.length) }).end(CSV);
    },
    "/chunked": (_, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.write("abc");
      setTimeout(() => res.end("def"), 20);
    },
    "/204": (_, res) => {
      res.writeHead(204).end();
    },
    "/500": (_, res) => {
      res.writeHead(500, { "Content-Type": "text/plain" }).end("boom");
    },
    "/hello417": (_, res) => {
      res.writeHead(417, { "Content-Type": "application/json" }).end('{"hello":"world"}');
    },
    "/content-disposition": (_, res) => {
      res
        .writeHead(200, { "Content-Disposition": 'attachment; filename="/secure-path/filename.jpg"' })
        .end("jpeg bytes");
    },
    "/encoded-name": (_, res) => {
      res.writeHead(200, { "Content-Disposition": "attachment; filename*=UTF-8''\"my report é.pdf\"" }).end("pdf");
    },
    "/short": (req, res) => {
      // Declares more than it sends, then closes: the body comes up short.
      res.writeHead(200, { "Content-Length": "10" });
      res.write("abc");
      setTimeout(() => req.socket.destroy(), 20);
    },
    "/huge": (_, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      const chunk = Buffer.alloc(1024 * 1024, 98);
      let sent = 0;
      const next = () => {
        while (sent <= MAX_DOWNLOAD_BYTES) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once("drain", next);
            return;
          }
        }
        res.end();
      };
      res.on("error", () => undefined);
      next();
    },
  });
});

afterAll(async () => {
  await server.close();
});

describe("http.Download run", () => {
  it("stores the body in the task run's folder with the URI path's extension", async () => {
    const task = testTask(plugin, { uri: `${server.url}/orders.csv` });
    const outputs = await task.outputs<{
      uri: string;
      code: number;
      length: number;
      headers: Record<string, string[]>;
    }>();
    expect(outputs.uri).toBe("kestra:///company/team/flow/executions/exec1/tasks/task/run1/f1.csv");
    expect(outputs).toMatchObject({ code: 200, length: CSV.length });
    expect(outputs.headers["content-type"]).toEqual(["text/csv"]);
    expect(await textOf(task.store, outputs.uri)).toBe(CSV);
    expect(task.logs).toContainEqual({
      level: "DEBUG",
      message: `File '${server.url}/orders.csv' downloaded with size '${CSV.length}'`,
    });
  });

  it("streams a body sent in chunks, and names a file without extension .tmp", async () => {
    const task = testTask(plugin, { uri: `${server.url}/chunked` });
    const outputs = await task.outputs<{ uri: string; length: number }>();
    expect(outputs.uri).toMatch(/\/f1\.tmp$/);
    expect(outputs.length).toBe(6);
    expect(await textOf(task.store, outputs.uri)).toBe("abcdef");
  });

  it("fails on an empty response ('No response from server') unless told otherwise", async () => {
    await expect(testTask(plugin, { uri: `${server.url}/204` }).run()).rejects.toThrow("No response from server");
    const task = testTask(plugin, { uri: `${server.url}/204`, failOnEmptyResponse: false });
    const outputs = await task.outputs<{ uri: string; length: number; code: number }>();
    expect(outputs).toMatchObject({ length: 0, code: 204 });
    expect(await textOf(task.store, outputs.uri)).toBe("");
    expect(task.logs).toContainEqual({ level: "WARN", message: `File '${server.url}/204' is empty` });
    const allowed = await testTask(plugin, { uri: `${server.url}/204`, options: { allowFailed: true } }).outputs();
    expect(allowed).toMatchObject({ length: 0 });
  });

  it("stores nothing when it fails", async () => {
    const task = testTask(plugin, { uri: `${server.url}/204` });
    await expect(task.run()).rejects.toThrow();
    expect(await task.store.list("kestra:///")).toEqual([]);
  });

  it("fails on an error code with Kestra's message; with allowFailed it stores the body", async () => {
    await expect(testTask(plugin, { uri: `${server.url}/500` }).run()).rejects.toThrow(
      "Failed http request with response code '500' and body:\nboom",
    );
    const task = testTask(plugin, { uri: `${server.url}/hello417`, allowFailed: true });
    const outputs = await task.outputs<{ uri: string; code: number; headers: Record<string, string[]> }>();
    expect(outputs.code).toBe(417);
    expect(outputs.headers["content-type"]).toEqual(["application/json"]);
    expect(await textOf(task.store, outputs.uri)).toBe('{"hello":"world"}');
  });

  it("names the file after Content-Disposition, without its path, URL-encoded as Java does", async () => {
    const named = await testTask(plugin, { uri: `${server.url}/content-disposition` }).outputs<{ uri: string }>();
    expect(named.uri).toBe("kestra:///company/team/flow/executions/exec1/tasks/task/run1/filename.jpg");
    const encoded = await testTask(plugin, { uri: `${server.url}/encoded-name` }).outputs<{ uri: string }>();
    expect(encoded.uri).toMatch(/\/run1\/my\+report\+%C3%A9\.pdf$/);
  });

  it("fails when the body is cut short of its Content-Length", async () => {
    await expect(testTask(plugin, { uri: `${server.url}/short` }).run()).rejects.toThrow(
      `Reading the response of ${server.url}/short failed: other side closed`,
    );
  });

  it("refuses more than 32 MiB, streaming, and stores nothing", async () => {
    const task = testTask(plugin, { uri: `${server.url}/huge` });
    await expect(task.run()).rejects.toThrow(
      `The response of ${server.url}/huge is larger than ${MAX_DOWNLOAD_BYTES} bytes, the most the Download task accepts`,
    );
    expect(await task.store.list("kestra:///")).toEqual([]);
  });

  it("fails with the connection error on a closed port", async () => {
    const port = await closedPort();
    await expect(testTask(plugin, { uri: `http://127.0.0.1:${port}/f.csv` }).run()).rejects.toThrow(
      `Connect to http://127.0.0.1:${port} failed: connect ECONNREFUSED`,
    );
  });
});

describe("Content-Disposition and URL encoding", () => {
  it("reads filename and filename* as Kestra does", () => {
    expect(dispositionFileName('attachment; filename="a b.csv"')).toBe("a b.csv");
    expect(dispositionFileName("attachment; filename=plain.txt")).toBe("plain.txt");
    expect(dispositionFileName('attachment; filename="x.txt"; filename*=UTF-8\'\'"y.txt"')).toBe("y.txt");
    expect(dispositionFileName("inline")).toBeUndefined();
  });

  it("encodes as java.net.URLEncoder", () => {
    expect(urlEncode("a b~c*d.e-f_g/h")).toBe("a+b%7Ec*d.e-f_g%2Fh");
  });
});

describe("Download and the storage tasks on the local host", () => {
  it("downloads, splits, concatenates, measures, reverses, deletes and purges the execution's files", async () => {
    const host = localHost();
    const { execution } = await host.run(
      flowOf(`id: files
namespace: company.team
tasks:
  - id: download
    type: io.kestra.plugin.core.http.Download
    uri: ${server.url}/orders.csv
  - id: split
    type: io.kestra.plugin.core.storage.Split
    from: "{{ outputs.download.uri }}"
    rows: 2
  - id: concat
    type: io.kestra.plugin.core.storage.Concat
    files: "{{ outputs.split.uris }}"
    extension: .csv
  - id: size
    type: io.kestra.plugin.core.storage.Size
    uri: "{{ outputs.concat.uri }}"
  - id: reverse
    type: io.kestra.plugin.core.storage.Reverse
    from: "{{ outputs.concat.uri }}"
  - id: check
    type: io.kestra.plugin.core.execution.Assert
    conditions:
      - "{{ read(outputs.concat.uri) == read(outputs.download.uri) }}"
      - "{{ read(outputs.reverse.uri) == '3,c\\n2,b\\n1,a\\nid,name\\n' }}"
  - id: delete
    type: io.kestra.plugin.core.storage.Delete
    uri: "{{ outputs.download.uri }}"
  - id: purge
    type: io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    const outputs = Object.fromEntries(execution.taskRunList.map((run) => [run.taskId, run.outputs]));
    expect(outputs.split?.uris).toHaveLength(2);
    expect(outputs.size).toEqual({ size: CSV.length });
    expect(outputs.delete).toMatchObject({ deleted: true });
    expect(outputs.purge?.uris).toHaveLength(4);
  });
});
