/**
 * The recursion Kestra's `replace` and `escapeChar` share: strings are transformed, lists and
 * maps are walked (maps come back as HashMaps, in hash order), anything else goes through
 * `toString()` first — so numbers become strings and a null element is a NullPointerException.
 */
import { isMap } from "../../values.js";
import { toJavaString } from "./java.js";
import { javaHashMap } from "./java-hash-map.js";

/** Applies `transform` to every string in `input`, Kestra's processMap / processList way. */
export function transformStrings(input: unknown, transform: (text: string) => string): unknown {
  if (Array.isArray(input)) return input.map((item) => transformStrings(item, transform));
  if (isMap(input)) {
    return javaHashMap(Object.entries(input).map(([key, value]) => [key, transformStrings(value, transform)] as const));
  }
  return transform(typeof input === "string" ? input : toJavaString(input, "value"));
}
