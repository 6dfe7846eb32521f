/**
 * Expression errors. Parse errors carry the line, the column and a caret under the spot;
 * evaluation errors carry Kestra's message shape so users recognise them.
 */

export type ExpressionErrorCode =
  | "expression.syntax"
  | "expression.undefined"
  | "expression.type"
  | "expression.argument"
  | "expression.unknown-filter"
  | "expression.unknown-function"
  | "expression.unknown-test"
  | "expression.limit"
  | "expression.storage"
  | "expression.error";

export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  /** 1-based line of the template where the error happened, when known. */
  line?: number;
  column?: number;

  constructor(code: ExpressionErrorCode, message: string, position?: { line: number; column: number }) {
    super(message);
    this.name = "ExpressionError";
    this.code = code;
    if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
}

/** Shorthand for the errors filters and functions raise on bad input. */
export function argumentError(message: string): ExpressionError {
  return new ExpressionError("expression.argument", message);
}

/** The source line with a caret under `column` (1-based), for error displays. */
export function caret(template: string, line: number, column: number): string {
  const text = template.split("\n")[line - 1] ?? "";
  return `${text}\n${" ".repeat(Math.max(0, column - 1))}^`;
}
