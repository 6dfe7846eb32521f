/**
 * FILE inputs: where Kestra stores them (`kestra:///<namespace/as/path>/<flow-slug>/executions/<id>/inputs/<input>/<file>`),
 * `java.net.URI` syntax checks, and reading a multipart form into the provided-values map.
 */

import { slugify } from "../expression/filters/slugify.js";
import { EXCEPTION, JavaFailure } from "./java.js";
import type { InputDeclaration, InputDeps, InputExecution } from "./model.js";

/** The schemes Kestra's URIFetcher reads, which a FILE value may use without being uploaded. */
export const FILE_URI_SCHEMES: ReadonlySet<string> = new Set(["kestra", "nsfile", "file"]);

const DEFAULT_EXTENSION = ".upl";

/** Kestra's Slugify.of, used for the flow id in storage paths. */
export { slugify };

/** Characters a `java.net.URI` path refuses (controls, spaces, `"<>\^`{|}`, brackets), plus `%`, `?` and `#`. */
function pathUnsafe(char: string): boolean {
  const code = char.charCodeAt(0);
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /["#%<>?[\\\]^`{|}\p{Zs}\p{Zl}\p{Zp}]/u.test(char);
}

/** A multipart file name made safe as the last segment of a URI path (directories dropped, unsafe characters escaped). */
export function storageFileName(fileName: string, fallback: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  const name = base === "" || base === "." || base === ".." ? fallback : base;
  const bytes = new TextEncoder();
  return Array.from(name, (char) =>
    pathUnsafe(char)
      ? [...bytes.encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("")
      : char,
  ).join("");
}

/** StorageContext.forInput(execution, input, file): the path of an input file in internal storage. */
export function inputFilePath(execution: InputExecution, inputId: string, fileName: string): string {
  const namespace = execution.namespace.replaceAll(".", "/");
  return `/${namespace}/${slugify(execution.flowId)}/executions/${execution.id}/inputs/${inputId}/${storageFileName(fileName, inputId)}`;
}

/** Stores an input file and returns its `kestra:///` URI. */
export async function storeInputFile(
  deps: InputDeps,
  inputId: string,
  fileName: string,
  content: Uint8Array | ReadableStream<Uint8Array>,
): Promise<string> {
  if (!deps.files) throw new JavaFailure("no internal storage is available to store the file", EXCEPTION);
  return deps.files.put(inputFilePath(deps.execution, inputId, fileName), content);
}

/** FileInput.findFileInputExtension: the (deprecated) `extension` of the FILE input with this id, `.upl` by default. */
export function findFileInputExtension(inputs: readonly InputDeclaration[], id: string): string {
  const input = inputs.find((candidate) => candidate.type === "FILE" && candidate.id === id);
  const extension = typeof input?.extension === "string" ? input.extension : DEFAULT_EXTENSION;
  return extension.startsWith(".") ? extension : `.${extension}`;
}

/**
 * `URI.create(text)`'s syntax errors (an IllegalArgumentException): illegal characters by
 * component and malformed `%` escapes. Undefined when the text is a valid URI.
 */
export function uriSyntaxError(text: string): string | undefined {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(text)?.[0].length ?? 0;
  let component = scheme > 0 && text[scheme] !== "/" ? "opaque part" : "path";
  let authorityEnd = -1;
  if (text.startsWith("//", scheme)) {
    component = "authority";
    const end = text.slice(scheme + 2).search(/[/?#]/);
    authorityEnd = end < 0 ? text.length : scheme + 2 + end;
  }
  for (let i = scheme; i < text.length; i++) {
    if (i === authorityEnd) component = "path";
    const char = text[i] ?? "";
    if (char === "?" && component !== "fragment" && component !== "opaque part" && component !== "query") {
      component = "query";
      continue;
    }
    if (char === "#" && component !== "fragment") {
      component = "fragment";
      continue;
    }
    if (char === "%") {
      if (!/^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) return `Malformed escape pair at index ${i}: ${text}`;
      i += 2;
      continue;
    }
    const bracketOk = component === "authority" && (char === "[" || char === "]");
    if (!bracketOk && char !== "?" && pathUnsafe(char)) {
      return `Illegal character in ${component} at index ${i}: ${text}`;
    }
  }
  return undefined;
}

/** A part of a multipart form: a text field or a file (a Blob, usually a File with its name). */
export type InputPart = readonly [name: string, value: string | Blob];

function blobName(blob: Blob, fallback: string): string {
  const name = (blob as Partial<File>).name;
  return typeof name === "string" && name !== "" ? name : fallback;
}

/**
 * Reads the multipart parts of an execution request into the values map (Kestra's readData):
 * text parts as strings, file parts stored in internal storage (or, when `upload` is false as
 * for validation, only given the URI they would get). A file part is named after its input and
 * carries the real file name (Kestra 0.24+); the older form (part `files`, file name = input id)
 * is still read. A later part with the same name replaces an earlier one.
 */
export async function readInputParts(
  parts: Iterable<InputPart>,
  inputs: readonly InputDeclaration[],
  deps: InputDeps,
  options: { readonly upload: boolean },
): Promise<Record<string, unknown>> {
  const values = new Map<string, unknown>();
  for (const [name, value] of parts) {
    if (typeof value === "string") {
      values.set(name, value);
      continue;
    }
    const fileName = blobName(value, name);
    const oldStyle = name === "files" && inputs.some((input) => input.id === fileName);
    const inputId = oldStyle ? fileName : name;
    const storedName = oldStyle ? findFileInputExtension(inputs, fileName) : fileName;
    values.set(
      inputId,
      options.upload
        ? await storeInputFile(deps, inputId, storedName, value.stream())
        : `kestra://${inputFilePath(deps.execution, inputId, storedName)}`,
    );
  }
  return Object.fromEntries(values);
}
