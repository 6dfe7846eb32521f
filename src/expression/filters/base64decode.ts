/** Pebble `base64decode`: decodes strict Base64 (Java's basic decoder) into a UTF-8 string. */
import { defineFilter } from "../extension.js";
import { base64Decode, decodeUtf8 } from "./support/bytes.js";
import { pebbleError } from "./support/java.js";

export default defineFilter({
  name: "base64decode",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (typeof input !== "string") throw pebbleError("This filter applies to String");
    const bytes = base64Decode(input);
    if (!bytes) throw pebbleError("Please provide a correctly Base64 encoded string containing an UTF-8 string");
    return decodeUtf8(bytes);
  },
});
