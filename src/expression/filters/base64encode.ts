/** Pebble `base64encode`: Base64 of the UTF-8 bytes of `input.toString()`. */
import { defineFilter } from "../extension.js";
import { base64Encode, javaUtf8 } from "./support/bytes.js";
import { toJavaString } from "./support/java.js";

export default defineFilter({
  name: "base64encode",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return base64Encode(javaUtf8(toJavaString(input)));
  },
});
