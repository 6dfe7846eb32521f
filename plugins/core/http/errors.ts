/** Why an HTTP task failed, by code: the request could not be made, the answer was refused, too large or too slow. */

export type HttpErrorCode =
  | "http.options"
  | "http.request"
  | "http.response"
  | "http.timeout"
  | "http.too-large"
  | "http.body";

export class HttpTaskError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    /** The response code, when a response arrived. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "HttpTaskError";
  }
}
