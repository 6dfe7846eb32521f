/**
 * Java HashMap iteration order. Pebble map literals (`{'b': 1, 'a': 2}`) and `merge` build
 * HashMaps, which iterate by hash bucket, not by insertion: Kestra prints
 * `{"a":2,"b":1}`. This reproduces the order for String and Long keys.
 */

/** Java's String.hashCode. */
export function stringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/** Java's Long.hashCode. */
export function longHash(value: bigint): number {
  const v = BigInt.asUintN(64, value);
  return Number(BigInt.asIntN(32, v ^ (v >> 32n)));
}

function spread(hash: number): number {
  return hash ^ (hash >>> 16);
}

/** The keys in the order a Java HashMap built by inserting them in this order iterates them. */
export function hashMapOrder<K>(keys: readonly K[], hashOf: (key: K) => number): K[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const mask = capacity - 1;
  return keys
    .map((key, index) => ({ key, index, bucket: spread(hashOf(key)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}
