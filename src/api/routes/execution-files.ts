/**
 * An execution's files, as Kestra's ExecutionController serves them: download
 * (`/executions/{id}/file?path=kestra:///...`), size (`/file/metas`) and preview (`/file/preview`).
 * Kestra's validateFile decides what may be read: a file in the execution's own folder; a path
 * naming another execution is redirected (301) to the same route of that execution, which
 * checks it in turn (how the UI downloads a subflow's outputs from its parent); anything
 * else is refused (422 "Invalid prefix path"), as is a path with `..`.
 */
import { Hono } from "hono";
import type { Execution } from "../../executor/model.js";
import { type BlobStore, executionIdOf, inExecutionFolder, SCHEME, storagePath } from "../../storage/internal.js";
import { ApiError } from "../errors.js";
import { extensionOf, previewDecoder, renderPreview } from "../file-preview.js";
import { integerParam } from "../query.js";

export interface ExecutionFileDeps {
  /** The execution, or undefined when there is none. */
  readonly execution: (id: string) => Promise<Execution | undefined>;
  readonly blobs: BlobStore;
}

/** Kestra's preview sizes (`kestra.server.preview.initial-rows` and `max-rows`). */
const INITIAL_PREVIEW_ROWS = 100;
const MAX_PREVIEW_ROWS = 5000;

export function executionFileRoutes(deps: ExecutionFileDeps): Hono {
  const app = new Hono();

  app.get("/executions/:executionId/file", async (c) => {
    const file = await readable(deps, c.req.param("executionId"), c.req.url);
    if ("redirect" in file) return c.redirect(file.redirect, 301);
    const opened = await deps.blobs.open(file.uri);
    if (!opened) throw fileNotFound(file.uri);
    return new Response(opened.body, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(opened.size),
        "content-disposition": attachment(file.uri),
      },
    });
  });

  app.get("/executions/:executionId/file/metas", async (c) => {
    const file = await readable(deps, c.req.param("executionId"), c.req.url);
    if ("redirect" in file) return c.redirect(file.redirect, 301);
    const stat = await deps.blobs.stat(file.uri);
    if (!stat) throw fileNotFound(file.uri);
    return c.json({ size: stat.size });
  });

  app.get("/executions/:executionId/file/preview", async (c) => {
    const url = new URL(c.req.url);
    const file = await readable(deps, c.req.param("executionId"), c.req.url);
    if ("redirect" in file) return c.redirect(file.redirect, 301);
    const rows = integerParam(url, "maxRows", 1);
    const decoder = previewDecoder(url.searchParams.get("encoding") || "UTF-8");
    const opened = await deps.blobs.open(file.uri);
    if (!opened) throw fileNotFound(file.uri);
    const maxLine = rows === undefined ? INITIAL_PREVIEW_ROWS : Math.min(rows, MAX_PREVIEW_ROWS);
    return c.json(await renderPreview(extensionOf(file.uri), opened.body, decoder, maxLine));
  });

  return app;
}

/**
 * Kestra's validateFile for the request's `path`: the URI to read, or where to redirect when
 * the path names another execution.
 */
async function readable(
  deps: ExecutionFileDeps,
  executionId: string,
  requestUrl: string,
): Promise<{ uri: string } | { redirect: string }> {
  const url = new URL(requestUrl);
  const uri = url.searchParams.get("path");
  if (uri === null || uri === "") throw new ApiError("bad-request", "Required QueryValue [path] not specified");
  const execution = await deps.execution(executionId);
  if (!execution) throw new ApiError("not-found", `Not Found: Unable to find execution id '${executionId}'`);
  if (!uri.startsWith(SCHEME)) {
    throw new ApiError("unprocessable", `Illegal argument: Scheme not supported: ${uri.split(":")[0] ?? uri}`);
  }
  const path = storagePath(uri);
  if (path === undefined) {
    const message = uri.includes("..")
      ? "File should be accessed with their full path and not using relative '..' path."
      : "Invalid prefix path";
    throw new ApiError("unprocessable", `Illegal argument: ${message}`);
  }
  if (inExecutionFolder(path, execution)) return { uri };
  const other = executionIdOf(path);
  // The same execution named under another folder would redirect to itself forever.
  if (other === undefined || other === executionId) {
    throw new ApiError("unprocessable", "Illegal argument: Invalid prefix path");
  }
  const segment = `/executions/${encodeURIComponent(executionId)}/`;
  const at = url.pathname.lastIndexOf(segment);
  const pathname = `${url.pathname.slice(0, at)}/executions/${encodeURIComponent(other)}/${url.pathname.slice(at + segment.length)}`;
  return { redirect: `${pathname}${url.search}` };
}

function fileNotFound(uri: string): ApiError {
  return new ApiError("not-found", `Not Found: Unable to find file '${uri}'`);
}

/** `attachment` with the file's name: an ASCII `filename` and the exact one in `filename*` (RFC 6266). */
function attachment(uri: string): string {
  const raw = uri.slice(uri.lastIndexOf("/") + 1);
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // A name that is not valid percent-encoding is given as written.
  }
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=utf-8''${encoded}`;
}
