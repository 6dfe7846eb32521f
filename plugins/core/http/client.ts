/**
 * Sends an HTTP task's request with the platform's fetch and hands back the response under
 * Kestra's client rules: redirects followed or not, the response code checked (`allowFailed`,
 * `allowedResponseCodes`), a connect timeout up to the response headers, an idle timeout
 * between reads, the task's own abort signal (kill, task timeout), bodies read within a size
 * limit, and the REQUEST/RESPONSE logs Kestra's logging interceptors write.
 */
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { HttpTaskError } from "./errors.js";
import type { Outgoing } from "./outgoing.js";
import type { ClientSettings } from "./settings.js";

/** A response being read; `close()` stops its timers (always call it). */
export interface Exchange {
  readonly response: Response;
  /** The whole body, failing past `limit` bytes; empty when there is none. */
  bytes(limit: number, what: string): Promise<Uint8Array>;
  /** The body as a stream of at most `limit` bytes; `end(size)` runs after the last chunk and may fail the stream. */
  stream(limit: number, what: string, end: (size: number) => void): ReadableStream<Uint8Array>;
  close(): void;
}

/** How much of an error response's body the failure message quotes. */
const ERROR_BODY_LIMIT = 64 * 1024;

/** Sends the request; resolves once headers arrive and the response code is accepted. */
export async function send(context: TaskContext, request: Outgoing, settings: ClientSettings): Promise<Exchange> {
  logRequest(context, request, settings);
  const exchange = open(context, request, settings);
  let response: Response;
  try {
    response = await exchange.started;
  } catch (error) {
    exchange.close();
    throw error;
  }
  const result = exchange.exchange(response);
  logResponse(context, response, settings);
  if (!accepted(response.status, settings)) {
    let message = `Failed http request with response code '${response.status}'`;
    try {
      if (response.body !== null) {
        const body = await result.bytes(ERROR_BODY_LIMIT, "an error message").catch(() => new Uint8Array());
        message += ` and body:\n${new TextDecoder().decode(body)}`;
      }
    } finally {
      result.close();
    }
    throw new HttpTaskError("http.response", message, response.status);
  }
  return result;
}

/** Kestra 1.x: only `allowedResponseCodes` when given, else anything with `allowFailed`, else below 400. */
function accepted(status: number, settings: ClientSettings): boolean {
  if (settings.allowedResponseCodes !== undefined && settings.allowedResponseCodes.length > 0) {
    return settings.allowedResponseCodes.includes(status);
  }
  return settings.allowFailed || status < 400;
}

function open(context: TaskContext, request: Outgoing, settings: ClientSettings) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(context.signal.reason);
  if (context.signal.aborted) onAbort();
  else context.signal.addEventListener("abort", onAbort, { once: true });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const after = (ms: number, error: () => Error) => {
    const timer = setTimeout(() => controller.abort(error()), ms);
    timers.add(timer);
    return timer;
  };
  const stop = (timer: ReturnType<typeof setTimeout> | undefined) => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(timer);
  };
  const idleError = () =>
    new HttpTaskError(
      "http.timeout",
      `Read timed out after ${settings.readIdleTimeoutMs} ms waiting for ${request.uri}`,
    );
  let idle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    stop(idle);
    if (settings.readIdleTimeoutMs !== undefined) idle = after(settings.readIdleTimeoutMs, idleError);
  };
  touch();
  const connect =
    settings.connectTimeoutMs === undefined
      ? undefined
      : after(
          settings.connectTimeoutMs,
          () =>
            new HttpTaskError(
              "http.timeout",
              `Connect to ${request.uri} timed out after ${settings.connectTimeoutMs} ms`,
            ),
        );
  const close = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    context.signal.removeEventListener("abort", onAbort);
  };
  const failure = (error: unknown): unknown =>
    controller.signal.aborted
      ? controller.signal.reason
      : new HttpTaskError("http.body", `Reading the response of ${request.uri} failed: ${detailOf(error)}`);
  const started = fetch(request.uri, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    redirect: settings.followRedirects ? "follow" : "manual",
    signal: controller.signal,
  }).then(
    (response) => {
      stop(connect);
      touch();
      return response;
    },
    (error: unknown) => {
      throw controller.signal.aborted ? controller.signal.reason : connectionError(request.uri, error);
    },
  );
  return {
    started,
    close,
    exchange: (response: Response): Exchange => ({
      response,
      close,
      bytes: (limit, what) => readAll(response, limit, what, request.uri, touch, failure),
      stream: (limit, what, end) => limited(response, limit, what, request.uri, { touch, failure, end, close }),
    }),
  };
}

function connectionError(uri: string, error: unknown): HttpTaskError {
  return new HttpTaskError("http.request", `Connect to ${new URL(uri).origin} failed: ${detailOf(error)}`);
}

/** fetch's errors say little (`fetch failed`, `terminated`) and name the cause (`connect ECONNREFUSED ...`) in `cause`. */
function detailOf(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } }).cause?.message;
  return typeof cause === "string" && cause !== "" ? cause : String((error as Error).message ?? error);
}

function tooLarge(uri: string, limit: number, what: string): HttpTaskError {
  return new HttpTaskError(
    "http.too-large",
    `The response of ${uri} is larger than ${limit} bytes, the most ${what} accepts`,
  );
}

async function readAll(
  response: Response,
  limit: number,
  what: string,
  uri: string,
  touch: () => void,
  failure: (error: unknown) => unknown,
): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      touch();
      size += value.byteLength;
      if (size > limit) throw tooLarge(uri, limit, what);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error instanceof HttpTaskError ? error : failure(error);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function limited(
  response: Response,
  limit: number,
  what: string,
  uri: string,
  hooks: { touch(): void; failure(error: unknown): unknown; end(size: number): void; close(): void },
): ReadableStream<Uint8Array> {
  const reader = response.body?.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = reader ? await reader.read() : { done: true as const, value: undefined };
        if (next.done) {
          hooks.close();
          hooks.end(size);
          controller.close();
          return;
        }
        hooks.touch();
        size += next.value.byteLength;
        if (size > limit) throw tooLarge(uri, limit, what);
        controller.enqueue(next.value);
      } catch (error) {
        hooks.close();
        await reader?.cancel().catch(() => undefined);
        controller.error(error instanceof HttpTaskError ? error : hooks.failure(error));
      }
    },
    async cancel(reason) {
      hooks.close();
      await reader?.cancel(reason);
    },
  });
}

function logRequest(context: TaskContext, request: Outgoing, settings: ClientSettings): void {
  if (settings.logs.has("REQUEST_HEADERS")) {
    context.logger.debug(`request:\n    method: ${request.method}\n    uri: ${request.uri}`);
    context.logger.debug(headersEntry("request", request.headers));
  }
  if (settings.logs.has("REQUEST_BODY")) {
    context.logger.trace(
      request.payload === undefined ? "request payload: null" : `request payload:\n    ${request.payload}`,
    );
  }
}

function logResponse(context: TaskContext, response: Response, settings: ClientSettings): void {
  if (settings.logs.has("RESPONSE_HEADERS")) {
    context.logger.debug(`response:\n    reason: ${response.statusText}`);
    context.logger.debug(headersEntry("response", response.headers));
  }
}

/** The RESPONSE_BODY log of a body read whole. */
export function logResponseBody(context: TaskContext, body: string | undefined, settings: ClientSettings): void {
  if (!settings.logs.has("RESPONSE_BODY")) return;
  context.logger.trace(body === undefined ? "response payload: null" : `response payload:\n    ${body}`);
}

function headersEntry(type: string, headers: Headers): string {
  const lines: string[] = [];
  headers.forEach((value, name) => {
    lines.push(`${name}: ${value}`);
  });
  return `${type} headers:${lines.length === 0 ? " null" : `\n    ${lines.join("\n    ")}`}`;
}

/** Response headers as Kestra outputs them: name → values (lower-case names; `set-cookie` one value per cookie). */
export function headerMap(headers: Headers): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = [value];
  });
  // Standard in Node and workerd (http_headers_getsetcookie, on since 2023); workers-types only declares getAll.
  const cookies = (headers as Headers & { getSetCookie(): string[] }).getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}
