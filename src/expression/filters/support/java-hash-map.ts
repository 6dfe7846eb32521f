/**
 * java.util.HashMap iteration order. Filters such as `merge`, `replace` and `escapeChar` build
 * HashMaps, whose key order follows the keys' hash codes, not insertion: iteration walks the
 * table buckets in index order (index = spread(hashCode) & (capacity - 1)) and each bucket in
 * insertion order (resizes keep that relative order).
 *
 * Limitation: our maps are plain objects, and JavaScript always lists integer-like keys
 * ("1", "42") first in ascending order, whatever order we insert them in.
 */
import { isNumber, JDouble, JFloat, javaString, markHashMap, numberKind, toNumber } from "../../values.js";

/** Java's `String.hashCode()`. */
export function stringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

function doubleHashCode(value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Number.isNaN(value) ? Number.NaN : value);
  return (view.getInt32(0) ^ view.getInt32(4)) | 0;
}

/** Java's `hashCode()` of a map key (String, Integer, Long, Double, Float, Boolean; others by their text). */
export function javaHashCode(key: unknown): number {
  if (key === null || key === undefined) return 0;
  if (typeof key === "string") return stringHashCode(key);
  if (typeof key === "boolean") return key ? 1231 : 1237;
  if (isNumber(key)) {
    if (key instanceof JFloat) {
      const view = new DataView(new ArrayBuffer(4));
      view.setFloat32(0, key.value);
      return view.getInt32(0);
    }
    if (key instanceof JDouble || numberKind(key) === "Double") return doubleHashCode(toNumber(key));
    if (numberKind(key) === "Integer") return toNumber(key) | 0;
    const long = BigInt.asIntN(64, typeof key === "bigint" ? key : BigInt(key));
    return Number(BigInt.asIntN(32, long ^ (long >> 32n)));
  }
  return stringHashCode(javaString(key));
}

/** `HashMap.tableSizeFor`: the next power of two. */
function tableSizeFor(capacity: number): number {
  let size = 1;
  while (size < capacity) size *= 2;
  return Math.max(size, 1);
}

/**
 * Builds the map a Java `HashMap` would hold after `put`ting these entries in order: a later
 * put of an existing key replaces the value in place. Keys are stored with their Java text
 * (`String.valueOf(key)`). `initialCapacity` is the constructor argument, if any.
 */
export function javaHashMap(
  entries: Iterable<readonly [unknown, unknown]>,
  initialCapacity?: number,
): Record<string, unknown> {
  const byKey = new Map<string, { hash: number; value: unknown; order: number }>();
  for (const [key, value] of entries) {
    const text = typeof key === "string" ? key : javaString(key);
    const existing = byKey.get(text);
    if (existing) existing.value = value;
    else byKey.set(text, { hash: javaHashCode(key), value, order: byKey.size });
  }
  let capacity = initialCapacity === undefined ? 16 : tableSizeFor(initialCapacity);
  while (byKey.size > capacity * 0.75) capacity *= 2;
  const bucket = (hash: number): number => (hash ^ (hash >>> 16)) & (capacity - 1);
  const ordered = [...byKey.entries()].sort(([, a], [, b]) => bucket(a.hash) - bucket(b.hash) || a.order - b.order);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of ordered) out[key] = entry.value;
  return markHashMap(out);
}
