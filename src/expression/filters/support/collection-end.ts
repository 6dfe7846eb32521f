/**
 * Pebble's `first` and `last`: a string gives its first/last char (an empty string is a
 * StringIndexOutOfBoundsException), a list its first/last element (null when empty); anything
 * else, maps included, is cast to java.util.Collection and fails.
 */
import { classCastError, javaException } from "./java.js";

export function collectionEnd(input: unknown, end: "first" | "last"): unknown {
  if (input === null || input === undefined) return null;
  if (typeof input === "string") {
    const index = end === "first" ? 0 : input.length - 1;
    if (input.length === 0) {
      throw javaException(
        "java.lang.StringIndexOutOfBoundsException",
        `Index ${index} out of bounds for length ${input.length}`,
      );
    }
    return input.charAt(index);
  }
  if (!Array.isArray(input)) throw classCastError(input, "java.util.Collection");
  return (end === "first" ? input[0] : input[input.length - 1]) ?? null;
}
