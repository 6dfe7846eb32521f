/**
 * io.kestra.plugin.core.http.Request: sends an HTTP request and keeps the response (status,
 * headers, body as text) as outputs. Also exports the request properties and client `options`
 * that Download shares with it (Kestra's AbstractHttp and HttpConfiguration).
 *
 * The body is kept whole in the outputs, so it may be at most MAX_RESPONSE_BYTES (Kestra's
 * documented 10 MB default); larger payloads are for the Download task.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { anyMap, duration, dynamic, dynamicDuration } from "../../../src/plugin/properties.js";
import { renderBoolean } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { headerMap, logResponseBody, send } from "./client.js";
import { HttpTaskError } from "./errors.js";
import { outgoing } from "./outgoing.js";
import { clientSettings } from "./settings.js";

/** The largest response body the Request task keeps: 10 MiB. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const secretText = dynamic(z.string()).optional();

/** `options.auth`, chosen by `type`. */
const auth = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("BASIC"), username: secretText, password: secretText }),
  z.strictObject({ type: z.literal("BEARER"), token: secretText }),
  z.strictObject({ type: z.literal("DIGEST"), username: secretText, password: secretText }),
]);

const proxyType = z.enum(["DIRECT", "HTTP", "SOCKS"]);

const sslOptions = z.strictObject({
  /** Skip certificate checks (testing only). */
  insecureTrustAllCertificates: dynamic(z.boolean()).optional(),
});

/** The HTTP client configuration (`options`), with Kestra's defaults. */
export const httpOptions = z.strictObject({
  timeout: z
    .strictObject({
      connectTimeout: dynamicDuration().optional(),
      readIdleTimeout: dynamicDuration().default("PT5M"),
    })
    .optional(),
  proxy: z
    .strictObject({
      type: dynamic(proxyType).default("DIRECT"),
      address: dynamic(z.string()).optional(),
      port: dynamic(z.number().int()).optional(),
      username: secretText,
      password: secretText,
    })
    .optional(),
  auth: auth.optional(),
  ssl: sslOptions.optional(),
  followRedirects: dynamic(z.boolean()).default(true),
  /** Accept response codes >= 400 instead of failing. */
  allowFailed: dynamic(z.boolean()).default(false),
  /** When given, the only response codes accepted (others fail the task, whatever `allowFailed`). */
  allowedResponseCodes: dynamic(z.array(z.number().int())).optional(),
  defaultCharset: dynamic(z.string()).default("UTF-8"),
  logs: z.array(z.enum(["REQUEST_HEADERS", "REQUEST_BODY", "RESPONSE_HEADERS", "RESPONSE_BODY"])).optional(),
  // Deprecated spellings, still accepted by Kestra 1.x and mapped onto the properties above.
  connectTimeout: duration.optional().describe("Deprecated: use timeout.connectTimeout"),
  readTimeout: duration.optional().describe("Deprecated: use timeout.readIdleTimeout"),
  proxyType: proxyType.optional().describe("Deprecated: use proxy.type"),
  proxyAddress: z.string().optional().describe("Deprecated: use proxy.address"),
  proxyPort: z.number().int().optional().describe("Deprecated: use proxy.port"),
  proxyUsername: z.string().optional().describe("Deprecated: use proxy.username"),
  proxyPassword: z.string().optional().describe("Deprecated: use proxy.password"),
  basicAuthUser: z.string().optional().describe("Deprecated: use auth (type BASIC)"),
  basicAuthPassword: z.string().optional().describe("Deprecated: use auth (type BASIC)"),
  logLevel: z
    .enum(["ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "NOT_SPECIFIED"])
    .optional()
    .describe("Deprecated: use logs"),
  readIdleTimeout: duration.optional().describe("Deprecated and ignored"),
  connectionPoolIdleTimeout: duration.optional().describe("Deprecated and ignored"),
  maxContentLength: z.number().int().optional().describe("Deprecated and ignored"),
});

/** The properties of every HTTP task (Kestra's AbstractHttp). */
export const httpProperties = {
  uri: dynamic(z.string().min(1)),
  method: dynamic(z.string()).default("GET"),
  /** The request body; a map or list is sent as its JSON text. */
  body: dynamic(z.union([z.string(), z.array(z.unknown()), anyMap])).optional(),
  /** Form fields; with `contentType: multipart/form-data`, `kestra://` values and `{name, content}` maps are files. */
  formData: dynamic(anyMap).optional(),
  contentType: dynamic(z.string()).default("application/json"),
  headers: dynamic(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
  options: httpOptions.prefault({}),
  allowFailed: dynamic(z.boolean()).optional().describe("Deprecated: use options.allowFailed"),
  sslOptions: sslOptions.optional().describe("Deprecated: use options.ssl"),
};

/** Response headers: name → values. */
export const responseHeaders = z.record(z.string(), z.array(z.string()));

export default defineRunnableTask({
  type: "io.kestra.plugin.core.http.Request",
  aliases: ["io.kestra.plugin.fs.http.Request"],
  title: "Make an HTTP request and store the response as outputs.",
  properties: z.strictObject({
    ...httpProperties,
    /** Store the body encrypted, in `encryptedBody`, instead of `body`. */
    encryptBody: dynamic(z.boolean()).default(false),
  }),
  outputs: z.object({
    uri: z.string().optional(),
    code: z.number().int(),
    headers: responseHeaders,
    body: z.unknown().optional(),
    encryptedBody: z.object({ type: z.string(), value: z.string() }).optional(),
    formData: anyMap.optional(),
  }),
  run: request,
});

async function request(context: TaskContext) {
  const settings = await clientSettings(context);
  const call = await outgoing(context, settings);
  const exchange = await send(context, call, settings);
  let body: string | undefined;
  try {
    if (exchange.response.body !== null) {
      const bytes = await exchange.bytes(MAX_RESPONSE_BYTES, "the Request task (use the Download task)");
      body = new TextDecoder().decode(bytes);
    }
  } finally {
    exchange.close();
  }
  logResponseBody(context, body, settings);
  checkUnicode(body);
  const encrypt = await renderBoolean(context, "encryptBody", context.properties.encryptBody ?? false);
  const outputs: Record<string, unknown> = {
    uri: call.uri,
    code: exchange.response.status,
    headers: headerMap(exchange.response.headers),
  };
  if (body !== undefined) {
    if (encrypt) outputs.encryptedBody = { type: "io.kestra.datatype:aes_encrypted", value: context.encrypt(body) };
    else outputs.body = body;
  }
  return { outputs };
}

/** Kestra refuses a body holding an unassigned code point (Character.isDefined, per UTF-16 unit). */
function checkUnicode(body: string | undefined): void {
  const illegal = body === undefined ? null : /[\p{Cn}]/u.exec(body);
  const code = illegal?.[0].codePointAt(0);
  if (code === undefined || code > 0xffff) return;
  throw new HttpTaskError(
    "http.body",
    `Illegal unicode code point in request body: ${code}, the Request task only support valid Unicode strings as body.\n` +
      "You can try using the Download task instead.",
  );
}
