/**
 * The Cloudflare Worker entry: builds the API from the request's bindings and exports
 * the Durable Object classes wrangler.toml declares.
 */
import { drizzle } from "drizzle-orm/d1";
import { registry } from "../plugins/index.js";
import { createApp } from "../src/api/app.js";
import { createSqlFlowStore } from "../src/storage/sql/flow-repository.js";
import { TERN_VERSION } from "../src/version.js";
import type { Env } from "./env.js";
import { healthChecks } from "./health.js";

export { ExecutionObject } from "../durable/execution-object.js";

export default {
  fetch(request, env, ctx) {
    const app = createApp({
      registry,
      version: TERN_VERSION,
      healthChecks: healthChecks(env),
      flows: createSqlFlowStore(drizzle(env.DB)),
    });
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
