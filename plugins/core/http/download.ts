/**
 * io.kestra.plugin.core.http.Download: streams an HTTP response body into internal storage
 * and returns its URI. The file is named after the response's Content-Disposition, else a
 * random name with the extension of the URI's path. At most MAX_DOWNLOAD_BYTES are accepted:
 * every host's storage holds the file in memory while it stores it (a Durable Object has
 * 128 MB), so a larger body fails the task rather than the host.
 */
import { z } from "zod";
import { urlEncode } from "../../../src/expression/filters/support/bytes.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderBoolean } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { extensionOf, newFileName } from "../storage/files.js";
import { type Exchange, headerMap, send } from "./client.js";
import { HttpTaskError } from "./errors.js";
import { outgoing } from "./outgoing.js";
import { httpProperties, responseHeaders } from "./request.js";
import { clientSettings } from "./settings.js";

/** The largest body the Download task stores: 32 MiB. */
export const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;

export default defineRunnableTask({
  type: "io.kestra.plugin.core.http.Download",
  aliases: ["io.kestra.plugin.fs.http.Download"],
  title: "Download a file from an HTTP server into internal storage.",
  properties: z.strictObject({
    ...httpProperties,
    /** Fail when the response body is empty (unless `options.allowFailed`). */
    failOnEmptyResponse: dynamic(z.boolean()).default(true),
  }),
  outputs: z.object({
    /** kestra:// URI of the downloaded file. */
    uri: z.string(),
    code: z.number().int(),
    /** Number of bytes downloaded. */
    length: z.number().int(),
    headers: responseHeaders,
  }),
  run: download,
});

async function download(context: TaskContext) {
  const settings = await clientSettings(context);
  const call = await outgoing(context, settings);
  const failOnEmpty = await renderBoolean(
    context,
    "failOnEmptyResponse",
    context.properties.failOnEmptyResponse ?? true,
  );
  const exchange = await send(context, call, settings);
  const { response } = exchange;
  let length = 0;
  const end = (size: number) => {
    length = size;
    checkLength(exchange, size);
    if (size > 0) return;
    if (!failOnEmpty) context.logger.warn(`File '${call.uri}' is empty`);
    else if (!settings.allowFailed)
      throw new HttpTaskError("http.response", "No response from server", response.status);
  };
  const name = fileName(context, response.headers.get("Content-Disposition"), call.uri);
  let uri: string;
  try {
    uri = await context.storage.put(name, exchange.stream(MAX_DOWNLOAD_BYTES, "the Download task", end));
  } finally {
    exchange.close();
  }
  context.logger.debug(`File '${call.uri}' downloaded with size '${length}'`);
  return { outputs: { uri, code: response.status, length, headers: headerMap(response.headers) } };
}

/**
 * Kestra fails a body shorter or longer than its Content-Length. fetch decodes compressed
 * bodies, whose Content-Length counts the compressed bytes: those are not compared.
 */
function checkLength(exchange: Exchange, size: number): void {
  const { response } = exchange;
  const declared = response.headers.get("Content-Length");
  if (response.body === null || declared === null || response.headers.has("Content-Encoding")) return;
  const expected = Number(declared);
  if (Number.isInteger(expected) && expected !== size) {
    throw new HttpTaskError("http.body", `Invalid size, got ${size}, expected ${expected}`, response.status);
  }
}

/** The stored file's name: Content-Disposition's file name (URL-encoded, as Java's URLEncoder), else a random one. */
function fileName(context: TaskContext, contentDisposition: string | null, uri: string): string {
  const fromHeader = contentDisposition === null ? undefined : dispositionFileName(contentDisposition);
  if (fromHeader !== undefined && fromHeader !== "") return urlEncode(fromHeader);
  return newFileName(context, extensionOf(new URL(uri).pathname));
}

/**
 * Kestra's reading of Content-Disposition: the last `filename=` or `filename*=` part (RFC 5987
 * `charset'lang'name`, percent escapes left as sent), without quotes, its last path segment.
 */
export function dispositionFileName(header: string): string | undefined {
  let filename: string | undefined;
  for (const part of header.split(";")) {
    const stripped = part.trim();
    if (stripped.startsWith("filename*")) {
      filename = stripped.slice(stripped.lastIndexOf("'") + 1);
    } else if (stripped.startsWith("filename")) {
      filename = stripped.slice(stripped.lastIndexOf("=") + 1);
    }
  }
  if (filename === undefined) return undefined;
  if (filename.startsWith('"')) filename = filename.slice(1, filename.endsWith('"') ? -1 : undefined);
  return filename.slice(filename.lastIndexOf("/") + 1);
}
