/**
 * The Cloudflare Worker entry: builds the API from the request's bindings and exports
 * the Durable Object classes wrangler.toml declares.
 */
import { drizzle } from "drizzle-orm/d1";
import { registry } from "../plugins/index.js";
import { createApp } from "../src/api/app.js";
import { createEngine } from "../src/expression/index.js";
import { renderStoresOf } from "../src/runtime/data-stores.js";
import { createSqlExecutionIndex } from "../src/storage/sql/execution-index.js";
import { createSqlFlowStore } from "../src/storage/sql/flow-repository.js";
import { createSqlKvStore } from "../src/storage/sql/kv-repository.js";
import { createSqlLogIndex } from "../src/storage/sql/log-index.js";
import { createSqlNamespaceFiles } from "../src/storage/sql/namespace-files-repository.js";
import { TERN_VERSION } from "../src/version.js";
import { workerAuth } from "./auth.js";
import type { Env } from "./env.js";
import { durableExecutions, maskedExecutionIndex } from "./execution-runtime.js";
import { healthChecks } from "./health.js";
import { R2BlobStore } from "./r2-blob-store.js";
import { workerSecrets } from "./secrets.js";

export { ExecutionObject } from "../durable/execution-object.js";
export { FlowObject } from "../durable/flow-object.js";

/** One expression engine per isolate: it only caches parsed templates. */
const engine = createEngine();

export default {
  fetch(request, env, ctx) {
    const db = drizzle(env.DB);
    const kv = createSqlKvStore(db);
    const blobs = new R2BlobStore(env.STORAGE);
    const namespaceFiles = createSqlNamespaceFiles(db, blobs);
    // Decoded once per request: the API masks their values and webhooks may read them.
    const secrets = workerSecrets(env);
    const app = createApp({
      registry,
      version: TERN_VERSION,
      auth: workerAuth(env, request),
      healthChecks: healthChecks(env),
      flows: createSqlFlowStore(db),
      kv,
      namespaceFiles,
      executions: {
        executions: durableExecutions(env, secrets),
        index: maskedExecutionIndex(createSqlExecutionIndex(db), secrets),
        logIndex: createSqlLogIndex(db),
        engine,
        blobs,
        baseUrl: new URL(request.url).origin,
        // What a webhook's key and inputs may read: secret('...') from SECRET_* bindings, kv().
        stores: renderStoresOf({ kv, secrets, namespaceFiles, storage: blobs }),
      },
    });
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
