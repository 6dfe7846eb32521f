/** Pebble `urlencode`: Java form encoding (space → `+`, `!` → `%21`, `~` → `%7E`, `*` kept). */
import { defineFilter } from "../extension.js";
import { urlEncode } from "./support/bytes.js";
import { castString } from "./support/java.js";

export default defineFilter({
  name: "urlencode",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return urlEncode(castString(input));
  },
});
