/** `x is map`: a map. */
import { defineTest } from "../extension.js";
import { isMap } from "../values.js";

export default defineTest({ name: "map", args: [], test: (input) => isMap(input) });
