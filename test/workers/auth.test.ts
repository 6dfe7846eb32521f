/**
 * Access to the Worker inside workerd: the real entry (workers/index.ts) called with the
 * secrets a deployment would carry, since configuration arrives with each request. No
 * credentials → 403 saying how to set them; missing or wrong ones → 401 with a Basic
 * challenge; Basic auth and bearer tokens accepted; `/health` open; TERN_AUTH=open
 * honored on local hosts only; both `/api/v1/main` and `/api/v1`.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { NOT_CONFIGURED_MESSAGE } from "../../src/api/auth.js";
import type { Env } from "../../workers/env.js";
import worker from "../../workers/index.js";

const PREFIXES = ["/api/v1/main", "/api/v1"] as const;
const DEPLOYED = "https://tern.example.workers.dev";

interface Secrets {
  TERN_BASIC_AUTH?: string;
  TERN_API_TOKENS?: string;
  TERN_AUTH?: string;
}

async function call(
  path: string,
  secrets: Secrets,
  headers: Record<string, string> = {},
  origin = DEPLOYED,
): Promise<Response> {
  const { TERN_AUTH: _open, TERN_BASIC_AUTH: _basic, TERN_API_TOKENS: _tokens, ...bindings } = env as Env;
  const ctx = createExecutionContext();
  const request = new Request(`${origin}${path}`, { headers }) as Request<unknown, IncomingRequestCfProperties>;
  const response = await worker.fetch(request, { ...bindings, ...secrets }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const basic = (user: string, password: string) => ({ authorization: `Basic ${btoa(`${user}:${password}`)}` });
const CONFIGURED: Secrets = { TERN_BASIC_AUTH: "admin:s3cret:with-colon, ops:other", TERN_API_TOKENS: "tok-1,tok-2" };

describe("API access", () => {
  for (const prefix of PREFIXES) {
    it(`refuses every call under ${prefix} when no credentials are configured, saying how to set them`, async () => {
      for (const headers of [{}, basic("admin", "s3cret"), { authorization: "Bearer tok-1" }]) {
        const response = await call(`${prefix}/flows/search`, {}, headers);
        expect(response.status).toBe(403);
        expect(response.headers.get("www-authenticate")).toBeNull();
        const body = await response.json<{ message: string }>();
        expect(body.message).toBe(NOT_CONFIGURED_MESSAGE);
        expect(body.message).toContain("npx wrangler secret put TERN_BASIC_AUTH");
        expect(body.message).toContain("npx wrangler secret put TERN_API_TOKENS");
      }
    });

    it(`asks for credentials under ${prefix} with 401 and a Basic challenge`, async () => {
      for (const headers of [
        {},
        basic("admin", "wrong"),
        basic("nobody", "s3cret:with-colon"),
        { authorization: "Bearer tok-3" },
        { authorization: "Basic not base64!" },
        { authorization: "Digest abc" },
      ]) {
        const response = await call(`${prefix}/flows/search`, CONFIGURED, headers);
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe('Basic realm="Tern", charset="UTF-8"');
        expect(await response.json()).toMatchObject({ message: expect.any(String), code: "unauthorized" });
      }
    });

    it(`serves ${prefix} with Basic auth or a bearer token`, async () => {
      for (const headers of [
        basic("admin", "s3cret:with-colon"),
        basic("ops", "other"),
        { authorization: "Bearer tok-1" },
        { authorization: "bearer tok-2" },
      ]) {
        const response = await call(`${prefix}/flows/search`, CONFIGURED, headers);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ results: expect.any(Array) });
      }
    });

    it(`accepts tokens alone under ${prefix}, and Basic alone`, async () => {
      const tokensOnly = await call(`${prefix}/flows/search`, { TERN_API_TOKENS: "t" }, { authorization: "Bearer t" });
      expect(tokensOnly.status).toBe(200);
      const basicOnly = await call(`${prefix}/flows/search`, { TERN_BASIC_AUTH: "u:p" }, basic("u", "p"));
      expect(basicOnly.status).toBe(200);
      const tokenWhereOnlyBasic = await call(
        `${prefix}/flows/search`,
        { TERN_BASIC_AUTH: "u:p" },
        { authorization: "Bearer u:p" },
      );
      expect(tokenWhereOnlyBasic.status).toBe(401);
    });
  }

  it("keeps /health open, configured or not", async () => {
    for (const secrets of [{}, CONFIGURED]) {
      const response = await call("/health", secrets);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ name: "tern", status: "UP" });
    }
  });

  it("guards unknown routes too, so they cannot be probed without credentials", async () => {
    expect((await call("/api/v1/main/nope", CONFIGURED)).status).toBe(401);
    expect((await call("/api/v1/main/nope", CONFIGURED, { authorization: "Bearer tok-1" })).status).toBe(404);
  });

  it("honors TERN_AUTH=open on local hosts only", async () => {
    for (const origin of ["http://localhost:8787", "http://127.0.0.1:8787", "http://tern.test"]) {
      const response = await call("/api/v1/main/flows/search", { TERN_AUTH: "open" }, {}, origin);
      expect(response.status).toBe(200);
    }
    const deployed = await call("/api/v1/main/flows/search", { TERN_AUTH: "open" });
    expect(deployed.status).toBe(403);
    expect(await deployed.json()).toMatchObject({ message: NOT_CONFIGURED_MESSAGE });
  });
});
