/**
 * `printContext()`: the whole variable context as a map (Pebble's own globals excluded).
 * Kestra collects it into a java.util.HashMap, so it prints in hash order.
 */
import { defineFunction } from "../extension.js";
import { hashMapOrder, stringHash } from "../java-hashmap.js";
import { type JsonMap, setKey } from "./support/args.js";

export default defineFunction({
  name: "printContext",
  args: [],
  call(_args, context) {
    const variables = context.variables();
    const out: JsonMap = {};
    for (const key of hashMapOrder(Object.keys(variables), stringHash)) setKey(out, key, variables[key]);
    return out;
  },
});
