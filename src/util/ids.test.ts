import { describe, expect, it } from "vitest";
import { base62, newId, sequentialIds } from "./ids.js";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The plain BigInt conversion the fast one must agree with. */
function reference(words: readonly number[]): string {
  let value = 0n;
  for (const word of words) value = (value << 32n) | BigInt(word);
  let out = "";
  while (value > 0n) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(22, "0");
}

describe("ids", () => {
  it("converts 128 bits to 22 base62 digits exactly", () => {
    const cases = [
      [0, 0, 0, 0],
      [0, 0, 0, 61],
      [0, 0, 0, 62],
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321],
      [1, 0, 0, 0],
    ];
    for (const words of cases) expect(base62([...words])).toBe(reference(words));
    for (let i = 0; i < 200; i++) {
      const words = Array.from(crypto.getRandomValues(new Uint32Array(4)));
      expect(base62([...words])).toBe(reference(words));
    }
  });

  it("makes distinct 22-character base62 ids", () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId()));
    expect(ids.size).toBe(5000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
  });

  it("counts for tests", () => {
    const ids = sequentialIds("t");
    expect([ids(), ids(), ids()]).toEqual(["t1", "t2", "t3"]);
  });
});
