/**
 * Kestra's MapUtils.flattenToNestedMap for input ids: `nested.more.int` becomes
 * `{nested: {more: {int}}}`. The top level is a TreeMap (sorted keys), nested levels are
 * HashMaps (Java's bucket order); an id that is both a value and a prefix is a conflict.
 */
import { hashMapOrder, stringHash } from "../expression/java-hashmap.js";
import { isMap } from "../expression/values.js";
import { JavaFailure } from "./java.js";

/** `id.split("\\.")`: Java drops trailing empty strings. */
function segments(id: string): string[] {
  const parts = id.split(".");
  while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

type Level = Map<string, unknown>;

function toObject(level: Level, sorted: boolean): Record<string, unknown> {
  const keys = sorted ? [...level.keys()].sort() : hashMapOrder([...level.keys()], stringHash);
  return Object.fromEntries(
    keys.map((key) => {
      const value = level.get(key);
      return [key, value instanceof Map ? toObject(value as Level, false) : value];
    }),
  );
}

/** Builds the nested map; throws an IllegalArgumentException-like JavaFailure on a conflict. */
export function flattenToNestedMap(flat: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const ids = hashMapOrder([...flat.keys()], stringHash);
  const keysText = `[${ids.join(", ")}]`;
  const root: Level = new Map();
  for (const id of ids) {
    const keys = segments(id);
    let current = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] ?? "";
      const existing = current.get(key);
      let next: Level;
      if (!current.has(key)) {
        next = new Map();
      } else if (existing instanceof Map) {
        next = existing as Level;
      } else if (isMap(existing)) {
        // A map value (a JSON input) is used as the container, as Java does with any Map.
        next = new Map(Object.entries(existing));
      } else {
        throw new JavaFailure(`Conflict at key: '${keys.slice(0, i).join(",")}'. Map keys are: ${keysText}`);
      }
      current.set(key, next);
      current = next;
    }
    const last = keys[keys.length - 1] ?? "";
    if (current.has(last)) throw new JavaFailure(`Conflict at key: '${last}', Map keys are: ${keysText}`);
    current.set(last, flat.get(id));
  }
  return toObject(root, true);
}
