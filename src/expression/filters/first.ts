/** Pebble `first`: the first element of a list, or the first char of a string. */
import { defineFilter } from "../extension.js";
import { collectionEnd } from "./support/collection-end.js";

export default defineFilter({
  name: "first",
  args: [],
  apply: (input) => collectionEnd(input, "first"),
});
