/**
 * Namespace file routes, as Kestra's NamespaceFileController: read a file (octet-stream),
 * its stats and a directory's entries (Kestra's FileAttributes: fileName, lastModifiedTime,
 * creationTime, type File|Directory, size), create a file (multipart part `fileContent`) or a
 * directory, move (`from`, `to`), delete (a file, or a directory with everything in it; parent
 * directories left empty go too) and search paths. 404 for an unknown file; 400 "Illegal
 * argument: ..." for `..` or another root (Kestra answers those 422), 422 for the `/_flows` folder.
 */
import { Hono } from "hono";
import {
  type NamespaceFileError,
  type NamespaceFileInfo,
  type NamespaceFiles,
  namespaceFilePath,
} from "../../storage/namespace-files.js";
import { ApiError } from "../errors.js";

export interface NamespaceFileRouteDeps {
  readonly namespaceFiles: NamespaceFiles;
}

/** The largest file one upload may carry (a Worker's request body is limited to about 100 MB). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Kestra keeps the namespace's flows under `/_flows` (its export): not a file path here. */
const FORBIDDEN = /^\/_flows(?:\/|$)/;

const STATUS: Record<NamespaceFileError["code"], ConstructorParameters<typeof ApiError>[0]> = {
  // A path that escapes the namespace (`..`, another root) is a bad request (Kestra answers 422).
  "nsfile.invalid-path": "bad-request",
  "nsfile.not-found": "not-found",
  "nsfile.exists": "conflict",
  "nsfile.not-a-directory": "unprocessable",
  "nsfile.is-a-directory": "conflict",
};

function toApiError(error: unknown): unknown {
  if (error instanceof Error && error.name === "NamespaceFileError") {
    const code = (error as NamespaceFileError).code;
    const prefix = code === "nsfile.not-found" ? "Not Found" : "Illegal argument";
    return new ApiError(STATUS[code], `${prefix}: ${error.message}`);
  }
  return error;
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

/** A `path` query value made canonical; the `/_flows` folder refused as Kestra refuses it. */
function pathParam(url: URL, name: string, namespace: string, required: boolean): string {
  const value = url.searchParams.get(name);
  if (value === null || value === "") {
    if (required) throw new ApiError("bad-request", `Required QueryValue [${name}] not specified`);
    return "/";
  }
  const path = (() => {
    try {
      return namespaceFilePath(value, namespace);
    } catch (error) {
      throw toApiError(error);
    }
  })();
  if (FORBIDDEN.test(path)) throw new ApiError("unprocessable", `Illegal argument: Forbidden path: ${path}`);
  return path;
}

/** Kestra's FileAttributes. */
function attributes(file: NamespaceFileInfo): Record<string, unknown> {
  return {
    fileName: file.path === "/" ? "_files" : file.path.slice(file.path.lastIndexOf("/") + 1),
    lastModifiedTime: Date.parse(file.updated),
    creationTime: Date.parse(file.created),
    type: file.directory ? "Directory" : "File",
    size: file.size,
  };
}

function notFound(path: string, namespace: string): ApiError {
  return new ApiError("not-found", `Not Found: File '${path}' not found in namespace '${namespace}'`);
}

export function namespaceFileRoutes({ namespaceFiles: files }: NamespaceFileRouteDeps): Hono {
  const app = new Hono();

  app.get("/namespaces/:namespace/files/search", async (c) => {
    const namespace = c.req.param("namespace");
    const q = new URL(c.req.url).searchParams.get("q");
    if (q === null) throw new ApiError("bad-request", "Required QueryValue [q] not specified");
    const all = await call(() => files.all(namespace));
    return c.json(all.map((file) => file.path).filter((path) => path.includes(q)));
  });

  app.get("/namespaces/:namespace/files/stats", async (c) => {
    const namespace = c.req.param("namespace");
    const path = pathParam(new URL(c.req.url), "path", namespace, false);
    const found = await call(() => files.stat(namespace, path));
    if (!found) throw notFound(path, namespace);
    return c.json(attributes(found));
  });

  app.get("/namespaces/:namespace/files/directory", async (c) => {
    const namespace = c.req.param("namespace");
    const path = pathParam(new URL(c.req.url), "path", namespace, false);
    const entries = await call(() => files.list(namespace, path));
    if (!entries) throw notFound(path, namespace);
    return c.json(entries.map(attributes));
  });

  app.post("/namespaces/:namespace/files/directory", async (c) => {
    const namespace = c.req.param("namespace");
    const path = pathParam(new URL(c.req.url), "path", namespace, false);
    if (path === "/")
      throw new ApiError("unprocessable", "Illegal argument: Unable to create a directory with empty url.");
    await call(() => files.createDirectory(namespace, path));
    return c.body(null, 200);
  });

  app.get("/namespaces/:namespace/files", async (c) => {
    const namespace = c.req.param("namespace");
    const path = pathParam(new URL(c.req.url), "path", namespace, true);
    const opened = await call(() => files.open(namespace, path));
    if (!opened) throw notFound(path, namespace);
    return new Response(opened.body, {
      headers: { "content-type": "application/octet-stream", "content-length": String(opened.size) },
    });
  });

  app.post("/namespaces/:namespace/files", async (c) => {
    const namespace = c.req.param("namespace");
    const path = pathParam(new URL(c.req.url), "path", namespace, true);
    const length = Number(c.req.header("content-length") ?? 0);
    if (length > MAX_UPLOAD_BYTES) {
      throw new ApiError("payload-too-large", `The upload is ${length} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes`);
    }
    const type = c.req.header("content-type") ?? "";
    if (!type.startsWith("multipart/form-data")) {
      throw new ApiError("unsupported-media-type", "A file is sent as multipart/form-data with a part 'fileContent'");
    }
    const part = (await c.req.raw.formData()).get("fileContent") as string | Blob | null;
    if (part === null) throw new ApiError("bad-request", "Required Part [fileContent] not specified");
    const bytes = typeof part === "string" ? new TextEncoder().encode(part) : new Uint8Array(await part.arrayBuffer());
    await call(() => files.put(namespace, path, bytes));
    return c.body(null, 200);
  });

  app.put("/namespaces/:namespace/files", async (c) => {
    const namespace = c.req.param("namespace");
    const url = new URL(c.req.url);
    const from = pathParam(url, "from", namespace, true);
    const to = pathParam(url, "to", namespace, true);
    await call(() => files.move(namespace, from, to));
    return c.body(null, 200);
  });

  app.delete("/namespaces/:namespace/files", async (c) => {
    const namespace = c.req.param("namespace");
    const path = pathParam(new URL(c.req.url), "path", namespace, true);
    await call(() => files.delete(namespace, path, { pruneEmptyParents: true }));
    return c.body(null, 200);
  });

  return app;
}
