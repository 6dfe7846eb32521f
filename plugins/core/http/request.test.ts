import { describe, expect, it } from "vitest";
import plugin from "./request.js";

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
