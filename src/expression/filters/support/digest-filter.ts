/**
 * The hash filters (`sha1`, `sha256`, `sha512`, `md5`): the lower-case hex digest of a
 * string's UTF-8 bytes; null stays null, any other input is an error.
 */
import { defineFilter, type FilterDefinition } from "../../extension.js";
import { javaUtf8, toHex } from "./bytes.js";
import { pebbleError } from "./java.js";

export function digestFilter(name: string, digest: (bytes: Uint8Array) => Uint8Array): FilterDefinition {
  return defineFilter({
    name,
    args: [],
    apply(input) {
      if (input === null || input === undefined) return null;
      if (typeof input !== "string") throw pebbleError("Need a string to hash");
      return toHex(digest(javaUtf8(input)));
    },
  });
}
