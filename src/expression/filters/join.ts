/** Pebble `join(separator)`: elements through Java's toString (`[1, 2]`, `{a=1}`, `null`), glued by the separator. */
import { defineFilter } from "../extension.js";
import { javaString } from "../values.js";
import { castOptionalString, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "join",
  args: ["separator"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const separator = castOptionalString(args.separator) ?? "";
    if (!Array.isArray(input)) {
      throw pebbleError("The 'join' filter expects that the input is either a collection or an array.");
    }
    return input.map(javaString).join(separator);
  },
});
