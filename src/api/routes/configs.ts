/**
 * `GET /api/v1/configs`, as Kestra's MiscController answers it (no tenant segment): what Kestra's
 * web UI awaits before it shows anything — version, edition, feature switches, preview sizes,
 * system namespace, whether Basic auth is set up. Tern has no custom dashboards, AI, templates
 * or task run views, and sends no usage reports, so those switches are off.
 */
import { Hono } from "hono";
import type { PluginRegistry } from "../../plugin/registry.js";
import type { AuthOptions } from "../auth.js";

export interface ConfigRouteDeps {
  readonly version: string;
  readonly registry: PluginRegistry;
  readonly auth: AuthOptions;
  /** Tern's public URL (Kestra's `kestra.url`), when known. */
  readonly url?: string;
}

/** Kestra's preview defaults (`kestra.server.preview.initial-rows` / `max-rows`). */
const PREVIEW = { initial: 100, max: 5000 } as const;

export function configRoutes(deps: ConfigRouteDeps): Hono {
  const app = new Hono();
  app.get("/configs", (c) => {
    const basicAuth = hasBasicUsers(deps.auth);
    return c.json({
      version: deps.version,
      edition: "OSS",
      chartDefaultDuration: "P30D",
      isCustomDashboardsEnabled: false,
      isAnonymousUsageEnabled: false,
      isUiAnonymousUsageEnabled: false,
      // Read by the 0.x UI to hide menus Tern has no pages for.
      isTaskRunEnabled: false,
      isTemplateEnabled: false,
      isBasicAuthEnabled: basicAuth,
      isBasicAuthInitialized: basicAuth,
      isAiEnabled: false,
      ...(deps.url ? { url: deps.url } : {}),
      preview: PREVIEW,
      systemNamespace: "system",
      hiddenLabelsPrefixes: [],
      pluginsHash: pluginsHash(deps.registry),
    });
  });
  return app;
}

function hasBasicUsers(auth: AuthOptions): boolean {
  const basic = auth.basic === undefined ? [] : Array.isArray(auth.basic) ? auth.basic : [auth.basic];
  return basic.some((user) => user.username !== "" && user.password !== "");
}

/** A number that changes when the set of plugin types does (the UI caches plugin docs by it). */
function pluginsHash(registry: PluginRegistry): number {
  let hash = 0;
  for (const plugin of [...registry.all()].sort((a, b) => (a.type < b.type ? -1 : 1))) {
    for (const char of `${plugin.type};`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  }
  return hash;
}
