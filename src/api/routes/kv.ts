/**
 * KV store routes, as Kestra's KVController: list a namespace's keys, get a value as
 * `{type, value}`, put one (the body read as JSON, else as an ISO date or plain text; `ttl`
 * and `description` headers), delete one (`true`/`false`) or several (`{keys}` in, the deleted
 * `{keys}` out). Kestra's statuses: 404 for a missing key, 410 once expired, 422 for a key
 * with forbidden characters or a bad value or ttl.
 */
import { Hono } from "hono";
import { toJson } from "../../expression/values.js";
import { type KvStore, KvStoreError, parseKvBody, ResourceExpiredError } from "../../storage/kv-store.js";
import { readText } from "../body.js";
import { ApiError } from "../errors.js";

export interface KvRouteDeps {
  readonly kv: KvStore;
}

/** The largest value a PUT may send (a D1 row holds about 2 MB). */
const MAX_VALUE_BYTES = 1024 * 1024;

/** Kestra's answer to bad input: IllegalArgumentException is a 422 "Illegal argument: ...". */
function illegal(error: unknown): unknown {
  if (error instanceof KvStoreError) return new ApiError("unprocessable", `Illegal argument: ${error.message}`);
  return error;
}

async function kvCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw illegal(error);
  }
}

const json = (text: string) => new Response(text, { headers: { "content-type": "application/json" } });

export function kvRoutes({ kv }: KvRouteDeps): Hono {
  const app = new Hono();

  app.get("/namespaces/:namespace/kv", async (c) => c.json(await kvCall(() => kv.list(c.req.param("namespace")))));

  app.get("/namespaces/:namespace/kv/:key", async (c) => {
    const { namespace, key } = c.req.param();
    let found: Awaited<ReturnType<KvStore["get"]>>;
    try {
      found = await kvCall(() => kv.get(namespace, key));
    } catch (error) {
      if (error instanceof ResourceExpiredError) {
        // Kestra's 410 (ResourceExpiredException), which ApiError has no code for.
        return c.json({ message: `Resource has expired: ${error.message}`, code: "gone" }, 410);
      }
      throw error;
    }
    if (found === undefined) {
      throw new ApiError("not-found", `Not Found: No value found for key '${key}' in namespace '${namespace}'`);
    }
    // Kestra's Jackson JSON: Java number forms (`1.0`), dates and durations as ISO text.
    return json(`{"type":${JSON.stringify(found.type)},"value":${toJson(found.value)}}`);
  });

  app.put("/namespaces/:namespace/kv/:key", async (c) => {
    const { namespace, key } = c.req.param();
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (type !== "" && type !== "application/json" && type !== "text/plain") {
      throw new ApiError("unsupported-media-type", `Content-Type '${type}' is not application/json or text/plain`);
    }
    const text = await readText(c.req.raw, MAX_VALUE_BYTES);
    const ttl = c.req.header("ttl");
    const description = c.req.header("description");
    await kvCall(() =>
      kv.put(namespace, key, parseKvBody(text), {
        ...(ttl ? { ttl } : {}),
        ...(description ? { description } : {}),
      }),
    );
    return c.body(null, 200);
  });

  app.delete("/namespaces/:namespace/kv/:key", async (c) => {
    const { namespace, key } = c.req.param();
    return json(String(await kvCall(() => kv.delete(namespace, key))));
  });

  app.delete("/namespaces/:namespace/kv", async (c) => {
    const namespace = c.req.param("namespace");
    const text = await readText(c.req.raw, MAX_VALUE_BYTES);
    let body: unknown;
    try {
      body = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      throw new ApiError("unprocessable", 'Invalid json: the body must be {"keys": [...]}');
    }
    const keys = (body as { keys?: unknown }).keys ?? [];
    if (!Array.isArray(keys) || keys.some((key) => typeof key !== "string")) {
      throw new ApiError("unprocessable", "Invalid entity: keys must be a list of strings");
    }
    const deleted: string[] = [];
    for (const key of keys as string[]) if (await kvCall(() => kv.delete(namespace, key))) deleted.push(key);
    return c.json({ keys: deleted });
  });

  return app;
}
