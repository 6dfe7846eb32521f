import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { flowOf, localHost } from "../../../test/support/flows.js";
import { closedPort, type RecordedRequest, startServer, type TestServer } from "../../../test/support/http-server.js";
import { putText, testTask } from "../../../test/support/task-context.js";
import plugin, { MAX_RESPONSE_BYTES } from "./request.js";

describe("http.Request", () => {
  it("applies Kestra's defaults", () => {
    expect(plugin.properties.parse({ uri: "https://dummyjson.com/user/me" })).toEqual({
      uri: "https://dummyjson.com/user/me",
      method: "GET",
      contentType: "application/json",
      options: { followRedirects: true, allowFailed: false, defaultCharset: "UTF-8" },
      encryptBody: false,
    });
    expect(plugin.aliases).toContain("io.kestra.plugin.fs.http.Request");
  });

  it("accepts the documented examples: auth, timeouts, form data, headers, JSON body", () => {
    const examples = [
      {
        uri: "http://host/api",
        method: "POST",
        contentType: "multipart/form-data",
        formData: { user: { name: "my-file.txt", content: "{{ inputs.file }}" } },
        options: { auth: { type: "BASIC", username: "{{ secret('U') }}", password: "{{ secret('P') }}" } },
      },
      { uri: "https://x", options: { auth: { type: "BEARER", token: "t" }, timeout: { connectTimeout: "PT1M" } } },
      { uri: "https://x", options: { connectTimeout: "PT1M", readTimeout: "PT30S", basicAuthUser: "a" } },
      { uri: "https://x", headers: { "user-agent": "kestra-io", "X-API-KEY": "abc" }, body: "{{ inputs.payload }}" },
      { uri: "https://x", body: { title: "Kestra Pen" }, allowFailed: true, options: { allowedResponseCodes: [404] } },
    ];
    for (const props of examples) expect(plugin.properties.safeParse(props).success, JSON.stringify(props)).toBe(true);
  });

  it("rejects a missing uri, an unknown auth type and unknown options", () => {
    expect(plugin.properties.safeParse({ method: "GET" }).success).toBe(false);
    expect(plugin.properties.safeParse({ uri: "https://x", options: { auth: { type: "OAUTH" } } }).success).toBe(false);
    expect(plugin.properties.safeParse({ uri: "https://x", options: { retries: 3 } }).success).toBe(false);
    expect(
      plugin.properties.safeParse({ uri: "https://x", options: { timeout: { connectTimeout: "60s" } } }).success,
    ).toBe(false);
  });

  it("outputs code, headers and body", () => {
    const output = { uri: "https://x", code: 200, headers: { "content-type": ["application/json"] }, body: '{"a":1}' };
    expect(plugin.outputs?.safeParse(output).success).toBe(true);
  });
});

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    "/json": (_, res) => {
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.writeHead(200, { "Content-Type": "application/json", "X-Multi": "one" }).end('{"hello":"world"}');
    },
    "/echo": (req, res, body) => {
      res.writeHead(201, { "Content-Type": "text/plain" }).end(`${req.method} ${body.toString("utf8")}`);
    },
    "/empty": (_, res) => {
      res.writeHead(204).end();
    },
    "/redirect": (_, res) => {
      res.writeHead(302, { Location: "/json" }).end();
    },
    "/teapot": (_, res) => {
      res.writeHead(418, { "Content-Type": "text/plain" }).end("I'm a teapot");
    },
    "/stall": (_, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("start");
    },
    "/slow": (_, res) => {
      setTimeout(() => res.writeHead(200).end("late"), 2000);
    },
    "/big": (_, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 97));
    },
    "/unassigned": (_, res) => {
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" }).end("a\u0378b");
    },
  });
});

afterAll(async () => {
  await server.close();
});

const last = () => server.requests.at(-1) as RecordedRequest;

describe("http.Request run", () => {
  it("outputs the code, the headers as lists of values, the body as text and the request's uri", async () => {
    const outputs = await testTask(plugin, { uri: `${server.url}/json?q=a b` }).outputs();
    expect(outputs).toMatchObject({ uri: `${server.url}/json?q=a%20b`, code: 200, body: '{"hello":"world"}' });
    const headers = outputs.headers as Record<string, string[]>;
    expect(headers["content-type"]).toEqual(["application/json"]);
    expect(headers["x-multi"]).toEqual(["one"]);
    expect(headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(last()).toMatchObject({ method: "GET", path: "/json" });
    expect(last().headers["user-agent"]).toBe("Kestra");
    expect(last().headers["content-type"]).toBe("application/json");
  });

  it("sends a rendered body with its content type and charset, and rendered headers", async () => {
    const task = testTask(
      plugin,
      {
        uri: "{{ base }}/echo",
        method: "POST",
        contentType: "text/csv",
        body: "id\n{{ id }}",
        headers: { "X-Id": "{{ id }}", "User-Agent": "tern-test" },
      },
      { variables: { base: server.url, id: 42 } },
    );
    expect(await task.outputs()).toMatchObject({ code: 201, body: "POST id\n42" });
    expect(last().headers["content-type"]).toBe("text/csv; charset=UTF-8");
    expect(last().headers["x-id"]).toBe("42");
    expect(last().headers["user-agent"]).toBe("tern-test");
  });

  it("sends a map body as JSON, encoded in the default charset", async () => {
    const task = testTask(plugin, {
      uri: `${server.url}/echo`,
      method: "PUT",
      body: { title: "Kestra Pen", price: "{{ 2 * 3 }}" },
      options: { defaultCharset: "ISO-8859-1" },
    });
    await task.outputs();
    expect(last().body.toString("utf8")).toBe('{"title":"Kestra Pen","price":6}');
    expect(last().headers["content-type"]).toBe("application/json; charset=ISO-8859-1");
    await testTask(plugin, {
      uri: `${server.url}/echo`,
      method: "POST",
      body: "café",
      options: { defaultCharset: "ISO-8859-1" },
    }).outputs();
    expect([...last().body]).toEqual([0x63, 0x61, 0x66, 0xe9]);
  });

  it("sends form data URL-encoded", async () => {
    const task = testTask(plugin, {
      uri: `${server.url}/echo`,
      method: "POST",
      formData: { user: "John Doe", password: "{{ 'p&ss' }}" },
    });
    await task.outputs();
    expect(last().headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(last().body.toString("utf8")).toBe("user=John+Doe&password=p%26ss");
  });

  it("sends multipart form data with kestra:// files, named files and text parts", async () => {
    const store = new MemoryBlobStore();
    const file = await putText(store, "data.csv", "a,b\n1,2\n");
    const task = testTask(
      plugin,
      {
        uri: `${server.url}/echo`,
        method: "POST",
        contentType: "multipart/form-data",
        formData: {
          url: "{{ file }}",
          named: { name: "my-file.txt", content: "{{ file }}" },
          user: "John",
          meta: { a: 1 },
        },
      },
      { store, variables: { file } },
    );
    await task.outputs();
    expect(last().headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(last().body), {
      headers: { "Content-Type": last().headers["content-type"] as string },
    }).formData();
    const url = form.get("url") as File;
    expect(url.name).toBe("data.csv");
    expect(await url.text()).toBe("a,b\n1,2\n");
    expect((form.get("named") as File).name).toBe("my-file.txt");
    expect(form.get("user")).toBe("John");
    expect(form.get("meta")).toBe('{"a":1}');
  });

  it("authenticates with BASIC (also the deprecated basicAuthUser) and BEARER up front", async () => {
    await testTask(plugin, {
      uri: `${server.url}/json`,
      options: { auth: { type: "BASIC", username: "{{ 'us' ~ 'er' }}", password: "pässword" } },
    }).outputs();
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from("user:pässword").toString("base64")}`);
    await testTask(plugin, {
      uri: `${server.url}/json`,
      options: { basicAuthUser: "a", basicAuthPassword: "b" },
    }).outputs();
    expect(last().headers.authorization).toBe(`Basic ${btoa("a:b")}`);
    await testTask(plugin, {
      uri: `${server.url}/json`,
      options: { auth: { type: "BEARER", token: "t0k" } },
    }).outputs();
    expect(last().headers.authorization).toBe("Bearer t0k");
  });

  it("fails on a response code of 400 or more with Kestra's message, unless failures are allowed", async () => {
    await expect(testTask(plugin, { uri: `${server.url}/teapot` }).run()).rejects.toThrow(
      "Failed http request with response code '418' and body:\nI'm a teapot",
    );
    const allowed = await testTask(plugin, { uri: `${server.url}/teapot`, options: { allowFailed: true } }).outputs();
    expect(allowed).toMatchObject({ code: 418, body: "I'm a teapot" });
    const deprecated = await testTask(plugin, { uri: `${server.url}/teapot`, allowFailed: true }).outputs();
    expect(deprecated).toMatchObject({ code: 418 });
  });

  it("accepts only the allowedResponseCodes when given", async () => {
    const only201 = { allowedResponseCodes: [201] };
    await expect(testTask(plugin, { uri: `${server.url}/json`, options: only201 }).run()).rejects.toThrow(
      "Failed http request with response code '200'",
    );
    expect(await testTask(plugin, { uri: `${server.url}/echo`, options: only201 }).outputs()).toMatchObject({
      code: 201,
    });
    const teapot = { allowedResponseCodes: [418], allowFailed: false };
    expect(await testTask(plugin, { uri: `${server.url}/teapot`, options: teapot }).outputs()).toMatchObject({
      code: 418,
    });
  });

  it("follows redirects unless told not to", async () => {
    expect(await testTask(plugin, { uri: `${server.url}/redirect` }).outputs()).toMatchObject({ code: 200 });
    const kept = await testTask(plugin, {
      uri: `${server.url}/redirect`,
      options: { followRedirects: false },
    }).outputs();
    expect(kept).toMatchObject({ code: 302 });
    expect((kept.headers as Record<string, string[]>).location).toEqual(["/json"]);
  });

  it("has no body output when the response has none", async () => {
    const outputs = await testTask(plugin, { uri: `${server.url}/empty` }).outputs();
    expect(outputs).toMatchObject({ code: 204 });
    expect(outputs).not.toHaveProperty("body");
  });

  it("keeps the body encrypted with encryptBody", async () => {
    const outputs = await testTask(plugin, { uri: `${server.url}/json`, encryptBody: true }).outputs();
    expect(outputs.encryptedBody).toEqual({
      type: "io.kestra.datatype:aes_encrypted",
      value: 'encrypted({"hello":"world"})',
    });
    expect(outputs).not.toHaveProperty("body");
  });

  it("fails with the connection error on a closed port", async () => {
    const port = await closedPort();
    await expect(testTask(plugin, { uri: `http://127.0.0.1:${port}/x` }).run()).rejects.toThrow(
      `Connect to http://127.0.0.1:${port} failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it("times out waiting for the headers (connectTimeout) and between reads (readIdleTimeout)", async () => {
    await expect(
      testTask(plugin, { uri: `${server.url}/slow`, options: { timeout: { connectTimeout: "PT0.2S" } } }).run(),
    ).rejects.toThrow(`Connect to ${server.url}/slow timed out after 200 ms`);
    await expect(
      testTask(plugin, { uri: `${server.url}/stall`, options: { timeout: { readIdleTimeout: "PT0.2S" } } }).run(),
    ).rejects.toThrow(`Read timed out after 200 ms waiting for ${server.url}/stall`);
    await expect(
      testTask(plugin, { uri: `${server.url}/stall`, options: { readTimeout: "PT0.2S" } }).run(),
    ).rejects.toThrow("Read timed out after 200 ms");
  });

  it("stops when the task is killed", async () => {
    const controller = new AbortController();
    const task = testTask(plugin, { uri: `${server.url}/stall` }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("killed")), 100);
    await expect(task.run()).rejects.toThrow("killed");
  });

  it("refuses a body above 10 MiB, pointing to Download", async () => {
    await expect(testTask(plugin, { uri: `${server.url}/big` }).run()).rejects.toThrow(
      `The response of ${server.url}/big is larger than 10485760 bytes, the most the Request task (use the Download task) accepts`,
    );
  });

  it("refuses a body holding an unassigned code point, as Kestra", async () => {
    await expect(testTask(plugin, { uri: `${server.url}/unassigned` }).run()).rejects.toThrow(
      "Illegal unicode code point in request body: 888",
    );
  });

  it("logs what options.logs asks for", async () => {
    const task = testTask(plugin, {
      uri: `${server.url}/echo`,
      method: "POST",
      body: "hi",
      options: { logs: ["REQUEST_HEADERS", "REQUEST_BODY", "RESPONSE_HEADERS", "RESPONSE_BODY"] },
    });
    await task.outputs();
    const messages = task.logs.map((line) => `${line.level} ${line.message}`);
    expect(messages[0]).toBe(`DEBUG request:\n    method: POST\n    uri: ${server.url}/echo`);
    expect(messages[1]).toMatch(/^DEBUG request headers:\n {4}content-type: application\/json; charset=UTF-8/);
    expect(messages[2]).toBe("TRACE request payload:\n    hi");
    expect(messages[3]).toBe("DEBUG response:\n    reason: Created");
    expect(messages[5]).toBe("TRACE response payload:\n    POST hi");
  });

  it("refuses what fetch cannot do: a proxy, DIGEST auth, a non-HTTP uri", async () => {
    const proxy = { proxy: { address: "proxy.local", port: 3128 } };
    await expect(testTask(plugin, { uri: `${server.url}/json`, options: proxy }).run()).rejects.toThrow(
      "A proxy (options.proxy) is not supported here",
    );
    const digest = { auth: { type: "DIGEST", username: "u", password: "p" } };
    await expect(testTask(plugin, { uri: `${server.url}/json`, options: digest }).run()).rejects.toThrow(
      "Authentication of type DIGEST is not supported here",
    );
    await expect(testTask(plugin, { uri: "ftp://x/y" }).run()).rejects.toThrow("Invalid uri 'ftp://x/y'");
  });
});

describe("http.Request on the local host", () => {
  it("passes the body to the next task", async () => {
    const host = localHost();
    const { execution, logs } = await host.run(
      flowOf(`id: api
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.http.Request
    uri: ${server.url}/json
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "{{ json(outputs.call.body).hello }} {{ outputs.call.code }}"
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    expect(logs.find((line) => line.taskId === "show")?.message).toBe("world 200");
  });

  it("fails on a closed port with the connection error, and retries when told", async () => {
    const port = await closedPort();
    const host = localHost();
    const { execution, logs } = await host.run(
      flowOf(`id: api
namespace: company.team
tasks:
  - id: call
    type: io.kestra.plugin.core.http.Request
    uri: http://127.0.0.1:${port}/
    retry:
      type: constant
      interval: PT1S
      maxAttempts: 3
`),
    );
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList[0]?.attempts).toHaveLength(3);
    expect(logs.filter((line) => line.level === "ERROR").map((line) => line.message)).toContain(
      `Connect to http://127.0.0.1:${port} failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});
