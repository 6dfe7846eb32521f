/** Pebble `rsort`: reverse natural Java order; mixed classes fail; a non-list is a ClassCastException. */
import { defineFilter } from "../extension.js";
import { classCastError } from "./support/java.js";
import { naturalSort } from "./support/natural-order.js";

export default defineFilter({
  name: "rsort",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (!Array.isArray(input)) throw classCastError(input, "java.util.List");
    return naturalSort(input, true);
  },
});
