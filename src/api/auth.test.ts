import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { type AuthOptions, authFromSecrets, authMiddleware, isPublicPath, NOT_CONFIGURED_MESSAGE } from "./auth.js";
import { errorResponse } from "./errors.js";

function app(options: AuthOptions): Hono {
  const hono = new Hono();
  hono.onError((error, c) => errorResponse(c, error));
  hono.use(
    "*",
    authMiddleware(() => options),
  );
  hono.all("*", (c) => c.text("ok"));
  return hono;
}

const basic = (pair: string) => ({ authorization: `Basic ${btoa(pair)}` });

describe("authMiddleware (portable, in Node)", () => {
  it("accepts one Basic pair given without an array, and compares the whole pair", async () => {
    const hono = app({ basic: { username: "u", password: "p:q" } });
    expect((await hono.request("/api/v1/flows", { headers: basic("u:p:q") })).status).toBe(200);
    expect((await hono.request("/api/v1/flows", { headers: basic("u:p") })).status).toBe(401);
    expect((await hono.request("/api/v1/flows", { headers: basic("u:p:qq") })).status).toBe(401);
  });

  it("refuses with 403 and the how-to message when nothing is configured, empty values included", async () => {
    for (const options of [{}, { basic: [], tokens: [""] }, { basic: { username: "", password: "" } }]) {
      const response = await app(options).request("/api/v1/flows", { headers: { authorization: "Bearer x" } });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ message: NOT_CONFIGURED_MESSAGE, code: "forbidden" });
    }
  });

  it("leaves health and webhook triggers to their own guards", () => {
    expect(isPublicPath("/health")).toBe(true);
    expect(isPublicPath("/api/v1/main/executions/webhook/ns/flow/key")).toBe(true);
    expect(isPublicPath("/api/v1/executions/webhook/ns/flow/key")).toBe(true);
    expect(isPublicPath("/api/v1/main/executions/ns/flow")).toBe(false);
    expect(isPublicPath("/healthz")).toBe(false);
  });
});

describe("authFromSecrets", () => {
  it("splits users and tokens on commas, keeps colons in passwords, drops malformed entries", () => {
    expect(authFromSecrets({ basic: " a:b , c:d:e,nocolon,:x", tokens: "t1, t2,,", open: false })).toEqual({
      basic: [
        { username: "a", password: "b" },
        { username: "c", password: "d:e" },
      ],
      tokens: ["t1", "t2"],
      open: false,
    });
  });
});
