/**
 * Access to the API: HTTP Basic auth (what Kestra OSS ≥ 0.24 requires, so Kestra clients
 * and its web UI send `Authorization: Basic base64(user:password)`) and bearer tokens
 * (`Authorization: Bearer <token>`, for scripts and CI). Portable: the runtime reads its
 * secrets and passes them in `ApiDeps.auth` on every request.
 *
 * Open without credentials:
 * - `GET /health`: uptime monitors and load balancers probe it without secrets; it tells
 *   only the version and whether each binding answers.
 * - webhook triggers (`/api/v1[/main]/executions/webhook/{namespace}/{flowId}/{key}`): the
 *   systems that call them (GitHub, Stripe...) cannot send Tern's credentials; the key in
 *   the path, matched against the flow's trigger, is what guards them.
 */
import type { MiddlewareHandler } from "hono";
import { fromBase64 } from "../util/base64.js";
import { ApiError } from "./errors.js";

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

export interface AuthOptions {
  /** Accepted Basic auth users. */
  readonly basic?: BasicCredentials | readonly BasicCredentials[];
  /** Accepted bearer tokens. */
  readonly tokens?: readonly string[];
  /** Serve every request without credentials: local development only (`npm start`). */
  readonly open?: boolean;
}

export const REALM = "Tern";

/** What a Worker without credentials answers, word for word how to set them. */
export const NOT_CONFIGURED_MESSAGE =
  "Tern has no API credentials configured, so it refuses every API call. Set a Basic auth user with " +
  "`npx wrangler secret put TERN_BASIC_AUTH` and enter `user:password` (several separated by commas), " +
  "and/or bearer tokens with `npx wrangler secret put TERN_API_TOKENS` and enter `token1,token2`. " +
  "Then call the API with `curl -u user:password ...` or `-H 'Authorization: Bearer token1'`. " +
  "(TERN_AUTH=open is honored only by `npm start` on localhost.)";

const WEBHOOK = /^\/api\/v1(?:\/main)?\/executions\/webhook\//;

/** Paths served without credentials; see the module comment for why. */
export function isPublicPath(path: string): boolean {
  return path === "/health" || WEBHOOK.test(path);
}

/**
 * The middleware. No credentials configured (and not open) → 403 with
 * {@link NOT_CONFIGURED_MESSAGE}: no credentials could succeed, so it sends no Basic
 * challenge (a browser would otherwise prompt for a login that can never work).
 * Missing or wrong credentials → 401 with `WWW-Authenticate: Basic realm="Tern"`.
 */
export function authMiddleware(getOptions: () => AuthOptions | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (isPublicPath(c.req.path)) return next();
    const options = getOptions() ?? {};
    if (options.open) return next();
    const basic = options.basic === undefined ? [] : Array.isArray(options.basic) ? options.basic : [options.basic];
    const users = (basic as readonly BasicCredentials[]).filter((u) => u.username !== "" && u.password !== "");
    const tokens = (options.tokens ?? []).filter((t) => t !== "");
    if (users.length === 0 && tokens.length === 0) throw new ApiError("forbidden", NOT_CONFIGURED_MESSAGE);

    const presented = parseAuthorization(c.req.header("authorization"));
    let accepted = false;
    if (presented?.scheme === "basic" && users.length > 0) {
      accepted = await matchesAny(
        presented.value,
        users.map((u) => `${u.username}:${u.password}`),
      );
    } else if (presented?.scheme === "bearer" && tokens.length > 0) {
      accepted = await matchesAny(presented.value, tokens);
    }
    if (accepted) return next();

    c.header("WWW-Authenticate", `Basic realm="${REALM}", charset="UTF-8"`);
    throw new ApiError(
      "unauthorized",
      presented === undefined
        ? "Authentication required: send `Authorization: Basic base64(user:password)` (curl -u user:password) or `Authorization: Bearer <token>`"
        : "Invalid credentials",
    );
  };
}

/** `Basic <base64(user:password)>` → `user:password`; `Bearer <token>` → the token. */
function parseAuthorization(header: string | undefined): { scheme: "basic" | "bearer"; value: string } | undefined {
  const match = header?.trim().match(/^(\S+)\s+(\S+)$/);
  if (!match) return undefined;
  const scheme = match[1]?.toLowerCase();
  const value = match[2] ?? "";
  if (scheme === "bearer") return { scheme, value };
  if (scheme !== "basic") return undefined;
  try {
    const bytes = fromBase64(value);
    return { scheme, value: new TextDecoder().decode(bytes) };
  } catch {
    return { scheme, value: "" };
  }
}

/**
 * Compares the presented secret with every accepted one in constant time: both sides are
 * hashed with SHA-256 first, so the comparison never depends on where the strings differ
 * or on their lengths, and every candidate is checked (no early exit on a match).
 */
async function matchesAny(presented: string, accepted: readonly string[]): Promise<boolean> {
  const mine = await sha256(presented);
  let found = 0;
  for (const candidate of accepted) {
    const theirs = await sha256(candidate);
    let diff = 0;
    for (let i = 0; i < mine.length; i++) diff |= (mine[i] ?? 0) ^ (theirs[i] ?? 0);
    found |= diff === 0 ? 1 : 0;
  }
  return found === 1;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/**
 * Reads the Worker's secrets: `TERN_BASIC_AUTH` ("user:password", several separated by
 * commas; the password may contain `:`), `TERN_API_TOKENS` (comma-separated), and
 * `open` as decided by the runtime.
 */
export function authFromSecrets(secrets: {
  basic?: string | undefined;
  tokens?: string | undefined;
  open?: boolean;
}): AuthOptions {
  const basic = splitList(secrets.basic).flatMap((pair) => {
    const colon = pair.indexOf(":");
    return colon > 0 ? [{ username: pair.slice(0, colon), password: pair.slice(colon + 1) }] : [];
  });
  return { basic, tokens: splitList(secrets.tokens), open: secrets.open === true };
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
