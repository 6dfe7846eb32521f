/** The message of anything thrown (Java's getMessage). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
