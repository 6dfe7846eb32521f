/**
 * The request an HTTP task sends, from its properties as Kestra's AbstractHttp builds it:
 * `formData` (URL-encoded, or multipart with `kestra://` files when `contentType` is
 * `multipart/form-data`) wins over `body`; a body is sent with `contentType` and the
 * `defaultCharset`; the task's `headers` replace the ones made so far; the auth header and
 * Kestra's `User-Agent` are added last.
 */
import { isPlainObject } from "../../../src/plugin/properties.js";
import { renderAsText } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { charsetOf, encode } from "../storage/charsets.js";
import { HttpTaskError } from "./errors.js";
import type { ClientSettings } from "./settings.js";

export interface Outgoing {
  readonly uri: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body?: BodyInit;
  /** The body as text for the REQUEST_BODY log, when it is text. */
  readonly payload?: string;
}

const MULTIPART = "multipart/form-data";

/** The request of a task (Kestra's AbstractHttp.request). */
export async function outgoing(context: TaskContext, settings: ClientSettings): Promise<Outgoing> {
  const p = context.properties;
  const uri = (await renderAsText(context, p.uri)).replaceAll(" ", "%20");
  checkUri(uri);
  const method = p.method === undefined ? "GET" : await renderAsText(context, p.method);
  const contentType = p.contentType === undefined ? undefined : await renderAsText(context, p.contentType);
  const headers = new Headers();
  const formData = p.formData === undefined ? {} : await context.render(p.formData);
  let body: BodyInit | undefined;
  let payload: string | undefined;
  if (isPlainObject(formData) && Object.keys(formData).length > 0) {
    body = contentType === MULTIPART ? await multipart(context, formData) : urlEncoded(formData);
    if (body instanceof URLSearchParams) payload = body.toString();
  } else if (p.body !== undefined) {
    payload = await bodyText(context, p.body);
    const charset = charsetOf(settings.defaultCharset);
    body = encode(payload, charset);
    headers.set("Content-Type", `${contentType ?? "text/plain"}; charset=${charset}`);
  } else if (contentType !== undefined) {
    headers.set("Content-Type", contentType);
  }
  if (p.headers !== undefined) {
    const rendered = await context.render(p.headers);
    if (isPlainObject(rendered)) {
      // Kestra sets the task's headers over the request's: without a body, its Content-Type goes.
      if (body === undefined) headers.delete("Content-Type");
      for (const [name, value] of Object.entries(rendered)) headers.set(name, stringOf(value));
    }
  }
  if (settings.authorization !== undefined) headers.set("Authorization", settings.authorization);
  if (!headers.has("User-Agent")) headers.set("User-Agent", "Kestra");
  return {
    uri,
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(payload === undefined ? {} : { payload }),
  };
}

function checkUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new HttpTaskError("http.options", `Invalid uri '${uri}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HttpTaskError("http.options", `Invalid uri '${uri}': only http and https are supported`);
  }
}

/** `body` as text: a string rendered, a map or list rendered and sent as JSON. */
async function bodyText(context: TaskContext, body: unknown): Promise<string> {
  if (typeof body === "string") return context.renderString(body);
  return JSON.stringify(await context.render(body));
}

function urlEncoded(form: Readonly<Record<string, unknown>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) params.append(name, stringOf(value));
  return params;
}

/**
 * Multipart parts as Kestra makes them: a `kestra://` string is that file, a `{name, content}`
 * map is the file at URI `content` sent under the file name `name`, other strings are text,
 * other values their JSON text.
 */
async function multipart(context: TaskContext, form: Readonly<Record<string, unknown>>): Promise<FormData> {
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === "string" && value.startsWith("kestra://")) {
      data.append(name, await file(context, value), value.slice(value.lastIndexOf("/") + 1));
    } else if (isPlainObject(value) && "name" in value && "content" in value) {
      data.append(name, await file(context, stringOf(value.content)), stringOf(value.name));
    } else {
      data.append(name, typeof value === "string" ? value : JSON.stringify(value));
    }
  }
  return data;
}

async function file(context: TaskContext, uri: string): Promise<Blob> {
  // Storage bytes never sit in a SharedArrayBuffer, which is all BlobPart's type rules out.
  const bytes = (await context.storage.get(uri)) as Uint8Array<ArrayBuffer>;
  return new Blob([bytes], { type: "application/octet-stream" });
}

function stringOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object") return String(value);
  return JSON.stringify(value);
}
