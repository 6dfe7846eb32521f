/**
 * What the storage tasks share: reading a file as lines the way Java's BufferedReader does,
 * extensions taken from a `kestra://` URI, and the names of the files they create (Kestra
 * writes a temporary file with a random name and the extension, then stores it as is).
 */
import type { TaskContext } from "../../../src/plugin/task-context.js";

/** The lines of a text, split on `\n`, `\r\n` or `\r`, without the empty one after a final line break. */
export function textLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The extension of the last path segment of a URI, with its dot (`.csv`), or undefined. */
export function extensionOf(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/, "");
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot >= 0 && dot < name.length - 1 ? name.slice(dot) : undefined;
}

/**
 * The name of a new file in the task run's folder: a random id and the extension, `.tmp`
 * without one (java.nio's createTempFile, which Kestra's WorkingDir.createTempFile calls).
 */
export function newFileName(context: TaskContext, extension: string | undefined): string {
  if (extension === undefined || extension === "") return `${context.newId()}.tmp`;
  return `${context.newId()}${extension.startsWith(".") ? extension : `.${extension}`}`;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The bytes of several parts, one after the other. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
