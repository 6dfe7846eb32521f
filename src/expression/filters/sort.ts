/** Pebble `sort`: natural Java order (String by UTF-16 units, "C" before "a"); mixed classes fail. */
import { defineFilter } from "../extension.js";
import { pebbleError } from "./support/java.js";
import { naturalSort } from "./support/natural-order.js";

export default defineFilter({
  name: "sort",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (!Array.isArray(input)) throw pebbleError("Unsupported input type for sort filter");
    return naturalSort(input, false);
  },
});
