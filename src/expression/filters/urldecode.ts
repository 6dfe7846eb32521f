/** Kestra `urldecode`: Java's URLDecoder (`+` → space, `%XX` UTF-8 sequences; bad escapes are errors). */
import { defineFilter } from "../extension.js";
import { urlDecode } from "./support/bytes.js";
import { castString } from "./support/java.js";

export default defineFilter({
  name: "urldecode",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return urlDecode(castString(input));
  },
});
