/** Kestra-style ids: 22 base62 characters from 128 random bits (IdUtils.create). */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random words drawn 1,024 at a time: one getRandomValues call serves 256 ids. */
const pool = new Uint32Array(1024);
let next = pool.length;

export function newId(): string {
  if (next + 4 > pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  const id = base62([
    pool[next] as number,
    pool[next + 1] as number,
    pool[next + 2] as number,
    pool[next + 3] as number,
  ]);
  next += 4;
  return id;
}

/**
 * 128 bits given as four 32-bit words (most significant first) in 22 base62 digits: the
 * words are divided by 62 in place, each partial dividend below 2^38, exact in a double.
 */
export function base62(words: number[]): string {
  let out = "";
  for (let digit = 0; digit < 22; digit++) {
    let remainder = 0;
    for (let i = 0; i < 4; i++) {
      const dividend = remainder * 0x100000000 + (words[i] as number);
      words[i] = Math.floor(dividend / 62);
      remainder = dividend - (words[i] as number) * 62;
    }
    out = ALPHABET[remainder] + out;
  }
  return out;
}

/** Deterministic ids for tests: `prefix1`, `prefix2`... */
export function sequentialIds(prefix = "id"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
