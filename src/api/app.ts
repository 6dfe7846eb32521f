/**
 * createApp(deps): the Hono app with Kestra-compatible routes. Every route is mounted
 * twice, under `/api/v1/main` (Kestra ≥ 0.23, OSS tenant `main`) and `/api/v1` (older
 * clients), but `/api/v1/configs`, which Kestra serves without a tenant. CORS is open to any
 * origin (credentials travel in the Authorization header, never in cookies), so a web UI
 * served elsewhere can call the API. Runtime specifics (bindings, storage) arrive through `deps`.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { PluginRegistry } from "../plugin/registry.js";
import type { FlowStore } from "../storage/flow-store.js";
import type { KvStore } from "../storage/kv-store.js";
import type { NamespaceFiles } from "../storage/namespace-files.js";
import { messageOf } from "../util/errors.js";
import { type AuthOptions, authMiddleware } from "./auth.js";
import { ApiError, errorResponse } from "./errors.js";
import { configRoutes } from "./routes/configs.js";
import { type ExecutionRouteDeps, executionRoutes } from "./routes/executions.js";
import { flowRoutes } from "./routes/flows.js";
import { kvRoutes } from "./routes/kv.js";
import { namespaceFileRoutes } from "./routes/namespace-files.js";
import { type WebhookRouteDeps, webhookRoutes } from "./routes/webhooks.js";

export type HealthStatus = "UP" | "DOWN";

export interface ApiDeps {
  readonly registry: PluginRegistry;
  readonly version: string;
  /** Flows and their revisions: D1 on Workers, libSQL locally. */
  readonly flows: FlowStore;
  /** Where executions run and where their files go; without them the execution routes are not served. */
  readonly executions?: Omit<ExecutionRouteDeps, "registry" | "flows"> & Pick<WebhookRouteDeps, "stores" | "variables">;
  /** The KV store (`/namespaces/{namespace}/kv`); without it those routes are not served. */
  readonly kv?: KvStore;
  /** Namespace files (`/namespaces/{namespace}/files`); without them those routes are not served. */
  readonly namespaceFiles?: NamespaceFiles;
  /** Named checks of the runtime's dependencies (database, storage...); each throws when unhealthy. */
  readonly healthChecks?: Readonly<Record<string, () => Promise<void>>>;
  /** Who may call the API (src/api/auth.ts); nothing configured and not open refuses every call but health and webhooks. */
  readonly auth: AuthOptions;
}

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => errorResponse(c, new ApiError("not-found", `no route for ${c.req.method} ${c.req.path}`)));
  // Before auth: a browser's preflight (OPTIONS) carries no credentials.
  app.use("*", cors({ maxAge: 600 }));
  app.use(
    "*",
    authMiddleware(() => deps.auth),
  );

  app.get("/health", async (c) => {
    const details: Record<string, { status: HealthStatus; error?: string }> = {};
    for (const [name, check] of Object.entries(deps.healthChecks ?? {})) {
      try {
        await check();
        details[name] = { status: "UP" };
      } catch (error) {
        details[name] = { status: "DOWN", error: messageOf(error) };
      }
    }
    const status: HealthStatus = Object.values(details).every((d) => d.status === "UP") ? "UP" : "DOWN";
    return c.json({ name: "tern", version: deps.version, status, details }, status === "UP" ? 200 : 503);
  });

  const api = new Hono();
  api.route("/", flowRoutes(deps));
  if (deps.kv) api.route("/", kvRoutes({ kv: deps.kv }));
  if (deps.namespaceFiles) api.route("/", namespaceFileRoutes({ namespaceFiles: deps.namespaceFiles }));
  if (deps.executions) {
    const executionDeps = { ...deps.executions, registry: deps.registry, flows: deps.flows };
    api.route("/", webhookRoutes(executionDeps));
    api.route("/", executionRoutes(executionDeps));
  }
  app.route(
    "/api/v1",
    configRoutes({
      version: deps.version,
      registry: deps.registry,
      auth: deps.auth,
      ...(deps.executions?.baseUrl ? { url: deps.executions.baseUrl } : {}),
    }),
  );
  app.route("/api/v1/main", api);
  app.route("/api/v1", api);
  return app;
}
