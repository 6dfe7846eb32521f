import { describe, expect, it } from "vitest";
import type { FunctionDefinition } from "../extension.js";
import { testContext } from "../test-context.js";
import { printValue } from "../values.js";
import errorLogs from "./error-logs.js";
import fileEmpty from "./file-empty.js";
import fileExists from "./file-exists.js";
import fileSize from "./file-size.js";
import fileUri from "./file-uri.js";
import http from "./http.js";
import isFileEmpty from "./is-file-empty.js";
import kv from "./kv.js";
import read from "./read.js";
import secret from "./secret.js";
import { argsFor, callWithStores, type StoreSeed, seededStores } from "./support/seeded-stores.js";
import type { HttpCall, HttpReply } from "./support/storage.js";

const TESTS_FLOW = { flow: { id: "flow", namespace: "io.kestra.tests" }, execution: { id: "exec1" } };
const FILE = "kestra:///my/namespace/flow/executions/exec1/tasks/task/tr1/123456.ion";
const INTERNAL: StoreSeed = { internalStorage: { [FILE]: "Hello from a task output" } };
const PARENT_RUN = {
  flow: { id: "subflow", namespace: "my.namespace" },
  execution: { id: "exec2" },
  trigger: { flowId: "flow", namespace: "my.namespace", executionId: "exec1" },
};

interface Run {
  readonly variables: Record<string, unknown>;
  readonly seed: StoreSeed;
  readonly worker?: boolean;
}

async function run(definition: FunctionDefinition, positional: unknown[], setup: Run, named = {}) {
  const stores = seededStores(setup.seed, { worker: setup.worker ?? false });
  return callWithStores((context) => definition.call(argsFor(definition, positional, named), context), {
    variables: setup.variables,
    stores,
  });
}

async function result(definition: FunctionDefinition, positional: unknown[], setup: Run, named = {}) {
  return (await run(definition, positional, setup, named)).result;
}

describe("secret (function-storage cases)", () => {
  const setup = { variables: TESTS_FLOW, seed: { secrets: { MY_SECRET: "s3cr3t", PASSWORD: "pa55" } } };

  it("returns the value and registers it for masking", async () => {
    const { result: value, secrets } = await run(secret, ["MY_SECRET"], setup);
    expect(value).toBe("s3cr3t");
    expect(secrets).toEqual(["s3cr3t"]);
    expect(await result(secret, ["password"], setup)).toBe("pa55");
  });

  it("subkey and full (Kestra 1.x)", async () => {
    const json = { variables: TESTS_FLOW, seed: { secrets: { DB: '{"user":"me","port":5432,"opts":{"a":1}}' } } };
    expect(await result(secret, ["DB"], json, { subkey: "user" })).toBe("me");
    expect(await result(secret, ["DB"], json, { subkey: "port" })).toBe("5432");
    expect(await result(secret, ["DB"], json, { subkey: "opts" })).toBe('{"a":1}');
    expect(await result(secret, ["DB", null, null, true], json)).toEqual({
      value: '{"user":"me","port":5432,"opts":{"a":1}}',
    });
    await expect(result(secret, ["DB"], json, { subkey: "nope" })).rejects.toThrow(
      "Cannot find secret sub-key 'nope' in secret 'DB'.",
    );
    await expect(result(secret, ["MY_SECRET"], setup, { subkey: "x" })).rejects.toThrow(
      "Failed to read secret sub-key 'x' from secret 'MY_SECRET'.",
    );
  });

  it("fails like Kestra", async () => {
    await expect(result(secret, ["NOPE"], setup)).rejects.toThrow("Cannot find secret for key 'NOPE'.");
    await expect(result(secret, [], setup)).rejects.toThrow("The 'secret' function expects an argument 'key'");
  });

  it("looks the secret up under its await key", () => {
    const context = testContext({
      variables: TESTS_FLOW,
      resolved: { "secret:io.kestra.tests:K": { ok: true, value: "v" } },
    });
    expect(secret.call(argsFor(secret, ["K"]), context)).toBe("v");
  });
});

describe("kv (function-storage cases)", () => {
  const seed: StoreSeed = {
    kv: {
      "io.kestra.tests": { "my-key": { field: "value" }, k: "v" },
      "company.team": { k: "v2" },
      company: { up: 1 },
    },
    expiredKv: { "io.kestra.tests": ["old"] },
  };
  const setup = { variables: TESTS_FLOW, seed };

  it("reads typed values, by default from the flow namespace", async () => {
    expect(await result(kv, ["my-key"], setup)).toEqual({ field: "value" });
    expect(await result(kv, [], setup, { key: "k", errorOnMissing: false })).toBe("v");
    expect(await result(kv, ["k"], setup, { namespace: "company.team" })).toBe("v2");
  });

  it("inherits from parent namespaces only without an explicit namespace (Kestra 1.x)", async () => {
    const child = { variables: { flow: { id: "f", namespace: "company.team.sub" } }, seed };
    expect(await result(kv, ["up"], child)).toBe(1);
    await expect(result(kv, ["up", "company.team.sub"], child)).rejects.toThrow(
      "The key 'up' does not exist in the namespace 'company.team.sub'.",
    );
  });

  it("a missing key fails unless errorOnMissing=false (default true since 0.22)", async () => {
    const empty = { variables: { ...TESTS_FLOW, inputs: { namespace: "io.kestra.tests" } }, seed: {} };
    await expect(result(kv, ["my-key", "io.kestra.tests", true], empty)).rejects.toThrow(
      "The key 'my-key' does not exist in the namespace 'io.kestra.tests'.",
    );
    await expect(result(kv, ["my-key"], empty)).rejects.toThrow("does not exist");
    expect(await result(kv, ["my-key", null, false], empty)).toBeNull();
  });

  it("an expired key fails, or gives null with errorOnMissing=false", async () => {
    await expect(result(kv, ["old"], setup)).rejects.toThrow("The requested value has expired");
    expect(await result(kv, ["old"], setup, { errorOnMissing: false })).toBeNull();
  });

  it("validates arguments", async () => {
    await expect(result(kv, [], setup)).rejects.toThrow("The 'kv' function expects an argument 'key'");
    await expect(result(kv, ["bad key"], setup)).rejects.toThrow("Key must start with an alphanumeric character");
  });
});

describe("read (function-storage cases)", () => {
  const files = { namespaceFiles: { "io.kestra.tests": { "file.txt": "Hello from {{ flow.namespace }}" } } };

  it("reads a namespace file without rendering it", async () => {
    const setup = { variables: { flow: { namespace: "io.kestra.tests" } }, seed: files };
    expect(await result(read, ["file.txt"], setup)).toBe("Hello from {{ flow.namespace }}");
    expect(await result(read, ["/file.txt"], setup)).toBe("Hello from {{ flow.namespace }}");
    expect(await result(read, ["nsfile:///file.txt"], setup)).toBe("Hello from {{ flow.namespace }}");
    const other = { variables: { flow: { namespace: "elsewhere" } }, seed: files };
    expect(await result(read, ["file.txt"], other, { namespace: "io.kestra.tests" })).toBe(
      "Hello from {{ flow.namespace }}",
    );
    expect(await result(read, ["nsfile://io.kestra.tests/file.txt"], other)).toBe("Hello from {{ flow.namespace }}");
    await expect(result(read, ["unknown.txt"], setup)).rejects.toThrow("File not found");
    await expect(result(read, ["../x"], setup)).rejects.toThrow("Path must not contain '../'");
  });

  it("reads internal storage of the current or the parent execution only", async () => {
    const current = {
      variables: { flow: { id: "flow", namespace: "my.namespace" }, execution: { id: "exec1" } },
      seed: INTERNAL,
    };
    expect(await result(read, [FILE], current)).toBe("Hello from a task output");
    expect(await result(read, [FILE], { variables: PARENT_RUN, seed: INTERNAL })).toBe("Hello from a task output");
    const stranger = {
      variables: { flow: { id: "notme", namespace: "notme" }, execution: { id: "notme" } },
      seed: INTERNAL,
    };
    await expect(result(read, [FILE], stranger)).rejects.toThrow(
      `Unable to read the file '${FILE}' as it didn't belong to the current execution`,
    );
    await expect(result(read, ["kestra:///my/namespace/flow/executions/exec1/../exec9/x"], current)).rejects.toThrow(
      "relative '..' path",
    );
  });

  it("fails like Kestra", async () => {
    const setup = { variables: { flow: { namespace: "io.kestra.tests" } }, seed: {} };
    await expect(result(read, [], setup)).rejects.toThrow("The 'read' function expects an argument 'path'");
    await expect(result(read, [1n], setup)).rejects.toThrow("Unable to read the file 1");
    await expect(result(read, ["s3://bucket/x"], setup)).rejects.toThrow("scheme not supported");
    await expect(result(read, ["file:///etc/passwd"], setup)).rejects.toThrow("file:// protocol has been disabled");
  });
});

describe("fileSize, fileExists, isFileEmpty", () => {
  it("fileSize is a Long, for the current or parent execution", async () => {
    expect(await result(fileSize, [FILE], { variables: PARENT_RUN, seed: INTERNAL })).toBe(24n);
    const current = {
      variables: { flow: { id: "flow", namespace: "my.namespace" }, execution: { id: "exec1" } },
      seed: INTERNAL,
    };
    expect(printValue(await result(fileSize, [FILE], current))).toBe("24");
  });

  it("fileSize fails like Kestra", async () => {
    const noTrigger = { variables: { ...PARENT_RUN, trigger: undefined }, seed: INTERNAL };
    await expect(result(fileSize, [FILE], noTrigger)).rejects.toThrow("Unable to read the file");
    const current = {
      variables: { flow: { id: "flow", namespace: "my.namespace" }, execution: { id: "exec1" } },
      seed: {},
    };
    await expect(result(fileSize, ["/tmp/x"], current)).rejects.toThrow(
      "Unable to create the URI from the path /tmp/x",
    );
    await expect(result(fileSize, [], current)).rejects.toThrow("The 'fileSize' function expects an argument 'path'");
    await expect(result(fileSize, [FILE], current)).rejects.toThrow("File not found");
  });

  it("fileExists and isFileEmpty take namespace files and internal URIs", async () => {
    const seed: StoreSeed = {
      ...INTERNAL,
      namespaceFiles: { "my.namespace": { "empty.txt": "", "full.txt": "x" } },
    };
    const setup = { variables: { flow: { id: "flow", namespace: "my.namespace" }, execution: { id: "exec1" } }, seed };
    expect(await result(fileExists, [FILE], setup)).toBe(true);
    expect(await result(fileExists, ["empty.txt"], setup)).toBe(true);
    expect(await result(fileExists, ["nope.txt"], setup)).toBe(false);
    expect(await result(isFileEmpty, ["empty.txt"], setup)).toBe(true);
    expect(await result(isFileEmpty, ["full.txt"], setup)).toBe(false);
    expect(await result(fileEmpty, [FILE], setup)).toBe(false);
    await expect(result(isFileEmpty, ["nope.txt"], setup)).rejects.toThrow("File not found");
    await expect(result(fileExists, [], setup)).rejects.toThrow("The 'fileExists' function expects an argument 'path'");
  });
});

describe("fileURI (function-fileURI cases)", () => {
  const variables = { flow: { id: "flow", namespace: "my.namespace" }, fileA: "../test" };

  it("builds the namespace file URI", () => {
    const call = (path: unknown) => fileUri.call(argsFor(fileUri, [path]), testContext({ variables }));
    expect(call("/dir/a.txt")).toBe("kestra:///my/namespace/_files/dir/a.txt");
    expect(call("a.txt")).toBe("kestra:///my/namespace/_files/a.txt");
    expect(() => call("../test")).toThrow("Path must not contain '../'");
    expect(() => fileUri.call({}, testContext({ variables }))).toThrow(
      "The 'fileURI' function expects an argument 'path'",
    );
  });
});

describe("errorLogs (function-storage cases)", () => {
  const logs = [
    { executionId: "exec1", level: "ERROR", message: "boom" },
    { executionId: "exec1", level: "INFO", message: "fine" },
  ];

  it("is refused off the Worker", async () => {
    await expect(result(errorLogs, [], { variables: TESTS_FLOW, seed: { logs: [] } })).rejects.toThrow(
      "The 'errorLogs' function can only be used in the Worker",
    );
  });

  it("returns the execution's ERROR entries on the Worker", async () => {
    expect(await result(errorLogs, [], { variables: TESTS_FLOW, seed: { logs }, worker: true })).toEqual([logs[0]]);
  });
});

describe("http (Kestra 1.x)", () => {
  function host(reply: Partial<HttpReply>, seen: HttpCall[] = []) {
    const stores = {
      ...seededStores({}),
      http: async (request: HttpCall): Promise<HttpReply> => {
        seen.push(request);
        return { status: 200, reason: "OK", contentType: "application/json", body: "", ...reply };
      },
    };
    return (positional: unknown[], named: Record<string, unknown> = {}) =>
      callWithStores((context) => http.call(argsFor(http, positional, named), context), { stores }).then(
        (r) => r.result,
      );
  }

  it("sends the request and parses a JSON reply", async () => {
    const seen: HttpCall[] = [];
    const call = host({ body: '{"a":[1,2]}' }, seen);
    expect(
      await call(["https://example.com/x"], {
        method: "post",
        query: { q: "a b", n: 1n },
        body: { k: "v" },
        headers: { "X-One": "1", "X-Many": ["a", "b"], "Content-Type": "text/plain" },
      }),
    ).toEqual({ a: [1, 2] });
    expect(seen[0]).toEqual({
      uri: "https://example.com/x?q=a+b&n=1",
      method: "POST",
      headers: { "X-One": ["1"], "X-Many": ["a", "b"], Accept: ["application/json"] },
      body: '{"k":"v"}',
      contentType: "application/json",
    });
    expect(await host({ contentType: "text/plain", body: "hi" })(["https://example.com"])).toBe("hi");
  });

  it("fails like Kestra", async () => {
    await expect(host({})([])).rejects.toThrow("The 'http' function expects an argument 'uri'.");
    await expect(host({ status: 404, reason: "Not Found" })(["https://example.com"])).rejects.toThrow(
      "Failed to execute HTTP Request, server respond with status 404 : Not Found",
    );
    await expect(host({})(["https://example.com"], { body: { a: 1 }, contentType: "application/xml" })).rejects.toThrow(
      "Unsupported content type",
    );
  });
});
