/** Pebble `last`: the last element of a list, or the last char of a string. */
import { defineFilter } from "../extension.js";
import { collectionEnd } from "./support/collection-end.js";

export default defineFilter({
  name: "last",
  args: [],
  apply: (input) => collectionEnd(input, "last"),
});
