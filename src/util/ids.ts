/** Kestra-style ids: 22 base62 characters from 128 random bits (IdUtils.create). */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = "";
  while (value > 0n) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(22, "0");
}

/** Deterministic ids for tests: `prefix1`, `prefix2`... */
export function sequentialIds(prefix = "id"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
