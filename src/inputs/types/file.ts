/**
 * FILE: a URI string. `kestra://`, `nsfile://` and `file://` URIs are kept as they are; any
 * other text is a local path whose file Kestra uploads to internal storage. With
 * `allowedFileExtensions`, the file name must end with one of them (case-insensitive).
 */
import { FILE_URI_SCHEMES, storeInputFile, uriSyntaxError } from "../files.js";
import { JavaFailure } from "../java.js";
import { type InputTypeHandler, text } from "./shared.js";

function extensionOf(uri: string): string {
  const path = uri.replace(/[?#].*$/s, "");
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
}

export const fileInput: InputTypeHandler = {
  parse: async (value, { input, deps }) => {
    const path = text(value);
    const syntax = uriSyntaxError(path);
    if (syntax !== undefined) throw new JavaFailure(syntax);
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(path)?.[1];
    if (scheme !== undefined && FILE_URI_SCHEMES.has(scheme)) return path;
    const content = await deps.readLocalFile?.(path);
    if (content === undefined)
      throw new JavaFailure(`${path} (No such file or directory)`, "java.io.FileNotFoundException");
    return storeInputFile(deps, input.id, path.slice(path.lastIndexOf("/") + 1), content);
  },
  validate: (value, input) => {
    const allowed = input.allowedFileExtensions;
    if (!Array.isArray(allowed) || allowed.length === 0) return undefined;
    const normalized = allowed.map((extension) => {
      const lower = String(extension).toLowerCase();
      return lower.startsWith(".") ? lower : `.${lower}`;
    });
    if (normalized.includes(extensionOf(String(value)))) return undefined;
    return `it must have one of the extensions \`[${allowed.join(", ")}]\``;
  },
};
