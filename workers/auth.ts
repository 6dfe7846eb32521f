/**
 * The API's credentials, read from the Worker's secrets on every request (never at
 * import time, so `wrangler secret put` takes effect without a redeploy of code):
 * - `TERN_BASIC_AUTH`: `user:password`, several separated by commas;
 * - `TERN_API_TOKENS`: bearer tokens separated by commas;
 * - `TERN_AUTH=open`: no credentials, for `npm start` (scripts/start.mjs passes it with
 *   `wrangler dev --var TERN_AUTH:open`; it is never in wrangler.toml, so never deployed).
 *   Even when set, it is honored only for requests addressed to a loopback host or a
 *   reserved local name (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`, `*.test`, RFC 6761):
 *   Cloudflare routes a deployed Worker's requests by their real hostname, which can
 *   never be one of those, so the setting cannot open a deployed Worker by mistake.
 */
import { type AuthOptions, authFromSecrets } from "../src/api/auth.js";
import type { Env } from "./env.js";

export function workerAuth(env: Env, request: Request): AuthOptions {
  const open = env.TERN_AUTH?.trim().toLowerCase() === "open" && isLocalHost(new URL(request.url).hostname);
  return authFromSecrets({ basic: env.TERN_BASIC_AUTH, tokens: env.TERN_API_TOKENS, open });
}

export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".test") ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
