/**
 * Kestra's file preview (`GET /executions/{id}/file/preview`, the UI's Outputs tab): the file
 * rendered as `{extension, type, content, maxLine, truncated}`. Text files (csv, json, txt...)
 * give their first `maxLine` lines in a charset, Markdown the same in UTF-8, images and PDFs
 * their bytes in base64. Ion files (a LIST of values in Kestra) need an Ion reader Tern does
 * not have yet: they are refused rather than shown in another shape.
 */

import { toBase64 } from "../util/base64.js";
import { ApiError } from "./errors.js";

export type FileRenderType = "TEXT" | "LIST" | "IMAGE" | "MARKDOWN" | "PDF";

export interface FileRender {
  readonly extension: string;
  readonly type: FileRenderType;
  readonly content: unknown;
  readonly maxLine: number;
  readonly truncated: boolean;
}

const IMAGE_EXTENSIONS = new Set(["jpg", "jpeg", "png", "svg", "gif", "bmp", "webp"]);
/** Kestra's cap on a text preview: 2 MB of content. */
const MAX_TEXT_BYTES = 2_097_152;

/** FilenameUtils.getExtension: what follows the last dot of the file name, or "". */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
}

/** A charset for the preview; 422 as Kestra for one it cannot decode. */
export function previewDecoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch {
    throw new ApiError("unprocessable", `Illegal argument: Unable to preview using encoding '${encoding}'`);
  }
}

export async function renderPreview(
  extension: string,
  body: ReadableStream<Uint8Array>,
  decoder: TextDecoder,
  maxLine: number,
): Promise<FileRender> {
  const kind = extension.toLowerCase();
  if (IMAGE_EXTENSIONS.has(kind) || kind === "pdf") {
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    return { extension, type: kind === "pdf" ? "PDF" : "IMAGE", content: toBase64(bytes), maxLine, truncated: false };
  }
  if (kind === "ion") {
    await body.cancel();
    throw new ApiError("unprocessable", "The preview of Ion files is not supported by Tern yet: download the file");
  }
  const markdown = kind === "md";
  const { text, truncated } = await firstLines(body, markdown ? new TextDecoder() : decoder, maxLine);
  const capped = capBytes(text);
  return {
    extension,
    type: markdown ? "MARKDOWN" : "TEXT",
    content: capped.text,
    maxLine,
    truncated: truncated || capped.truncated,
  };
}

/**
 * The first `maxLine` lines joined by `\n` (line ends `\n`, `\r\n` or `\r`, as Java's readLine),
 * with a trailing `\n` and `truncated` when more lines follow. Reads no further than needed.
 */
async function firstLines(
  body: ReadableStream<Uint8Array>,
  decoder: TextDecoder,
  maxLine: number,
): Promise<{ text: string; truncated: boolean }> {
  const reader = body.getReader();
  let text = "";
  let ended = false;
  // One line beyond maxLine tells whether the preview is truncated; a trailing `\r` may still become `\r\n`.
  while (!ended && countLines(text) <= maxLine) {
    const { done, value } = await reader.read();
    if (done) {
      text += decoder.decode();
      ended = true;
    } else text += decoder.decode(value, { stream: true });
  }
  if (!ended) await reader.cancel();
  const lines = text.split(/\r\n|\r|\n/);
  // A line end before the end of the file does not start another line (readLine returns null there).
  if (ended && lines.length > 0 && lines.at(-1) === "") lines.pop();
  const truncated = lines.length > maxLine;
  return { text: lines.slice(0, maxLine).join("\n") + (truncated ? "\n" : ""), truncated };
}

/** Complete lines in the text so far (a `\r` at its very end may be half of a `\r\n`). */
function countLines(text: string): number {
  return (text.replace(/\r$/, "").match(/\r\n|\r|\n/g) ?? []).length;
}

function capBytes(text: string): { text: string; truncated: boolean } {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= MAX_TEXT_BYTES) return { text, truncated: false };
  return { text: new TextDecoder().decode(bytes.subarray(0, MAX_TEXT_BYTES)), truncated: true };
}
