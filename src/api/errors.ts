/**
 * The one place errors become HTTP responses. Handlers throw ApiError (or return
 * results); anything else is a 500 with a message that does not leak internals.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ApiErrorCode =
  | "bad-request"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "payload-too-large"
  | "unsupported-media-type"
  | "unprocessable"
  | "internal";

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  "bad-request": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  unprocessable: 422,
  internal: 500,
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** Extra fields of the error body, e.g. each validation problem with its line and column. */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: ApiErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.code = code;
    this.name = "ApiError";
    this.details = details;
  }
}

/** Kestra's error body: `{message}`, plus the code Tern clients can switch on. */
export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code in STATUS) {
    const code = error.code as ApiErrorCode;
    const details = "details" in error && isRecord(error.details) ? error.details : {};
    return c.json({ message: error.message, code, ...details }, STATUS[code]);
  }
  console.error("unhandled API error", error);
  return c.json({ message: "Internal server error", code: "internal" }, 500);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
