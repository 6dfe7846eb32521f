/**
 * Pebble `merge(items)`: the left-hand side decides the result. Map + map or map + list
 * (each element becomes key and value) gives a java.util.HashMap, in hash order; list + list
 * concatenates; list + map appends the map's entries. A null side yields the other side.
 */
import { defineFilter } from "../extension.js";
import { isMap } from "../values.js";
import { javaException, javaTypeName, pebbleError } from "./support/java.js";
import { javaHashMap } from "./support/java-hash-map.js";

function mergeIntoMap(left: Record<string, unknown>, items: unknown): Record<string, unknown> {
  const entries: [unknown, unknown][] = Object.entries(left);
  if (isMap(items)) {
    entries.push(...Object.entries(items));
    return javaHashMap(entries, Object.keys(left).length + Object.keys(items).length + 16);
  }
  if (Array.isArray(items)) {
    for (const item of items) entries.push([item, item]);
    return javaHashMap(entries, Object.keys(left).length + items.length + 16);
  }
  throw javaException(
    "java.lang.UnsupportedOperationException",
    `Currently, only Maps and Lists can be merged with a Map. Arg2: ${javaTypeName(items)}`,
  );
}

function mergeIntoList(left: readonly unknown[], items: unknown): unknown[] {
  if (Array.isArray(items)) return [...left, ...items];
  if (isMap(items)) return [...left, ...Object.entries(items).map(([key, value]) => ({ [key]: value }))];
  throw pebbleError(`Currently, only Maps and Lists can be merged with a List. Arg2: ${javaTypeName(items)}`);
}

export default defineFilter({
  name: "merge",
  args: ["items"],
  apply(input, args) {
    const items = args.items ?? null;
    if (input === null || input === undefined) {
      if (items === null) throw pebbleError("The two arguments to be merged are null");
      return items;
    }
    if (items === null) return input;
    if (isMap(input)) return mergeIntoMap(input, items);
    if (Array.isArray(input)) return mergeIntoList(input, items);
    throw pebbleError("The object being filtered is not a Map/List/Array");
  },
});
