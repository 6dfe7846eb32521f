/**
 * `http(uri, method='GET', query, body, contentType='application/json', headers, options,
 * accept='application/json')` (Kestra 1.x): performs an HTTP request while rendering and
 * returns the response body, parsed when it is JSON. `query` entries are appended to the
 * URI; header values may be strings or lists; the body is sent as JSON (YAML with a YAML
 * content type; strings as-is). Through the host's `http` store when it has one, else fetch().
 */
import { defineFunction } from "../extension.js";
import { toYamlText } from "../filters/support/yaml-writer.js";
import { isMap, javaString, toJson } from "../values.js";
import { fail, requireArg } from "./support/args.js";
import { parseJson } from "./support/json.js";
import { fromStores, type HttpCall, type HttpReply } from "./support/storage.js";

const JSON_TYPE = "application/json";

function requestBody(body: unknown, contentType: string): string {
  if (typeof body === "string") return body;
  if (/json/i.test(contentType)) return toJson(body);
  if (/yaml/i.test(contentType)) return toYamlText(body);
  throw fail("expression.argument", `Unsupported content type ${contentType}`);
}

function headerLists(headers: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isMap(headers)) return out;
  for (const [name, value] of Object.entries(headers)) {
    out[name] = Array.isArray(value) ? value.map(javaString) : [javaString(value)];
  }
  return out;
}

function parseUri(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw fail("expression.argument", `Illegal URI: ${text}`);
  }
}

async function viaFetch(request: HttpCall): Promise<HttpReply> {
  const headers = new Headers();
  for (const [name, values] of Object.entries(request.headers)) for (const v of values) headers.append(name, v);
  if (request.contentType !== undefined) headers.set("Content-Type", request.contentType);
  const response = await fetch(request.uri, { method: request.method, headers, body: request.body ?? null });
  return {
    status: response.status,
    reason: response.statusText,
    contentType: response.headers.get("Content-Type") ?? undefined,
    body: await response.text(),
  };
}

export default defineFunction({
  name: "http",
  args: ["uri", "method", "query", "body", "contentType", "headers", "options", "accept"],
  call(args, context) {
    const uri = parseUri(javaString(requireArg(args, "uri", "The 'http' function expects an argument 'uri'.")));
    if (isMap(args.query)) for (const [k, v] of Object.entries(args.query)) uri.searchParams.append(k, javaString(v));
    const contentType =
      args.contentType === undefined || args.contentType === null ? JSON_TYPE : javaString(args.contentType);
    const headers = headerLists(args.headers);
    delete headers["Content-Type"];
    headers.Accept = [args.accept === undefined || args.accept === null ? JSON_TYPE : javaString(args.accept)];
    const request: HttpCall = {
      uri: uri.toString(),
      method: (args.method === undefined || args.method === null ? "GET" : javaString(args.method)).toUpperCase(),
      headers,
      ...(args.body === undefined ? {} : { body: requestBody(args.body, contentType), contentType }),
      ...(args.options === undefined || args.options === null ? {} : { options: args.options }),
    };
    const reply = fromStores(context, `http:${toJson(request)}`, "http", (stores) =>
      stores.http ? stores.http(request) : viaFetch(request),
    );
    if (!reply.ok) throw fail("expression.storage", `Failed to execute HTTP request: ${reply.message}`);
    const { status, reason, body } = reply.value;
    if (status < 200 || status >= 300) {
      throw fail(
        "expression.storage",
        `Failed to execute HTTP Request, server respond with status ${status} : ${reason}`,
      );
    }
    if (body === "") return null;
    return /json/i.test(reply.value.contentType ?? "") ? parseJson(body) : body;
  },
});
