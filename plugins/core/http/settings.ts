/**
 * The rendered client configuration of an HTTP task (Kestra's HttpConfiguration), with the
 * deprecated spellings mapped as Kestra's builder maps them: `connectTimeout`/`readTimeout`
 * onto `timeout`, `basicAuthUser`/`basicAuthPassword` onto a BASIC `auth`, `proxy*` onto
 * `proxy`, `logLevel` onto `logs`, the task's `allowFailed` and `sslOptions` onto `options`.
 */
import { renderAsText, renderBoolean } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { toBase64 } from "../../../src/util/base64.js";
import { parseDurationMs } from "../../../src/util/duration.js";
import { HttpTaskError } from "./errors.js";

export type LogType = "REQUEST_HEADERS" | "REQUEST_BODY" | "RESPONSE_HEADERS" | "RESPONSE_BODY";

/** How the client behaves for one request. */
export interface ClientSettings {
  readonly followRedirects: boolean;
  readonly allowFailed: boolean;
  /** When set and not empty, the only accepted response codes (Kestra 1.x). */
  readonly allowedResponseCodes?: readonly number[];
  /** Until the response headers arrive (fetch does not show the connection itself). */
  readonly connectTimeoutMs?: number;
  /** The longest wait for the next bytes, headers included (Kestra's socket timeout). */
  readonly readIdleTimeoutMs?: number;
  /** The `Authorization` header the auth options make, if any. */
  readonly authorization?: string;
  readonly defaultCharset: string;
  readonly logs: ReadonlySet<LogType>;
}

type Options = Readonly<Record<string, unknown>>;

const ALL_LOGS: readonly LogType[] = ["REQUEST_HEADERS", "REQUEST_BODY", "RESPONSE_HEADERS", "RESPONSE_BODY"];
const LOG_LEVEL_LOGS: Readonly<Record<string, readonly LogType[]>> = {
  TRACE: ALL_LOGS,
  DEBUG: ["REQUEST_HEADERS", "RESPONSE_HEADERS"],
  INFO: ["RESPONSE_HEADERS"],
};

/** The client settings of a task's properties (`options`, and the deprecated task-level `allowFailed`). */
export async function clientSettings(context: TaskContext): Promise<ClientSettings> {
  const properties = context.properties;
  const options = (properties.options ?? {}) as Options;
  const allowFailed = properties.allowFailed ?? options.allowFailed ?? false;
  const codes =
    options.allowedResponseCodes === undefined ? undefined : await context.render(options.allowedResponseCodes);
  if (isMap(properties.sslOptions) || isMap(options.ssl)) {
    const ssl = (options.ssl ?? properties.sslOptions) as Options;
    if (ssl.insecureTrustAllCertificates !== undefined) {
      context.logger.warn("options.ssl.insecureTrustAllCertificates is not supported here: certificates are checked");
    }
  }
  await refuseProxy(context, options);
  const timeouts = await timeoutsOf(context, options);
  const authorization = await authorizationOf(context, options);
  return {
    followRedirects: await renderBoolean(context, "options.followRedirects", options.followRedirects ?? true),
    allowFailed: await renderBoolean(context, "allowFailed", allowFailed),
    ...(Array.isArray(codes) ? { allowedResponseCodes: codes.map((code) => Number(code)) } : {}),
    ...timeouts,
    ...(authorization === undefined ? {} : { authorization }),
    defaultCharset: await renderAsText(context, options.defaultCharset ?? "UTF-8"),
    logs: logsOf(options),
  };
}

async function timeoutsOf(
  context: TaskContext,
  options: Options,
): Promise<{ connectTimeoutMs?: number; readIdleTimeoutMs?: number }> {
  const timeout = isMap(options.timeout) ? options.timeout : undefined;
  const connect = timeout?.connectTimeout ?? options.connectTimeout;
  // A timeout block (or a deprecated timeout) brings Kestra's default socket timeout, PT5M.
  const configured = timeout !== undefined || options.connectTimeout !== undefined || options.readTimeout !== undefined;
  const idle = options.readTimeout ?? timeout?.readIdleTimeout ?? (configured ? "PT5M" : undefined);
  return {
    ...(connect === undefined ? {} : { connectTimeoutMs: await durationMs(context, "connectTimeout", connect) }),
    ...(idle === undefined ? {} : { readIdleTimeoutMs: await durationMs(context, "readIdleTimeout", idle) }),
  };
}

async function durationMs(context: TaskContext, name: string, value: unknown): Promise<number> {
  const rendered = await renderAsText(context, value);
  try {
    return parseDurationMs(rendered);
  } catch (error) {
    throw new HttpTaskError("http.options", `options.timeout.${name}: ${(error as Error).message}`);
  }
}

/** BASIC and BEARER auth as Kestra sends them, up front; DIGEST needs a challenge fetch cannot answer here. */
async function authorizationOf(context: TaskContext, options: Options): Promise<string | undefined> {
  const auth: Options | undefined = isMap(options.auth)
    ? options.auth
    : options.basicAuthUser !== undefined || options.basicAuthPassword !== undefined
      ? { type: "BASIC", username: options.basicAuthUser, password: options.basicAuthPassword }
      : undefined;
  if (auth === undefined) return undefined;
  if (auth.type === "BASIC") {
    // Java's string concatenation writes a missing value as "null".
    const username = auth.username === undefined ? "null" : await renderAsText(context, auth.username);
    const password = auth.password === undefined ? "null" : await renderAsText(context, auth.password);
    return `Basic ${base64(`${username}:${password}`)}`;
  }
  if (auth.type === "BEARER") {
    return `Bearer ${auth.token === undefined ? "null" : await renderAsText(context, auth.token)}`;
  }
  throw new HttpTaskError("http.options", `Authentication of type ${String(auth.type)} is not supported here`);
}

/** fetch cannot go through a proxy: a configured one fails the task rather than being bypassed. */
async function refuseProxy(context: TaskContext, options: Options): Promise<void> {
  const proxy = isMap(options.proxy) ? options.proxy : undefined;
  const address = proxy?.address ?? options.proxyAddress;
  if (address === undefined || (await renderAsText(context, address)) === "") return;
  throw new HttpTaskError("http.options", "A proxy (options.proxy) is not supported here: requests go out directly");
}

function logsOf(options: Options): ReadonlySet<LogType> {
  if (Array.isArray(options.logs)) return new Set(options.logs as LogType[]);
  return new Set(LOG_LEVEL_LOGS[String(options.logLevel)] ?? []);
}

function isMap(value: unknown): value is Options {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function base64(value: string): string {
  return toBase64(new TextEncoder().encode(value));
}
