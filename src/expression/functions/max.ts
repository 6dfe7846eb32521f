/** `max(a, b, ...)`: Pebble's built-in; see support/extremum.ts. */
import { defineFunction } from "../extension.js";
import { extremum } from "./support/extremum.js";

export default defineFunction({ name: "max", args: [], call: (args) => extremum(args, "GREATER_THAN") });
