import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import decrypt from "../../../src/expression/functions/decrypt.js";
import encrypt from "../../../src/expression/functions/encrypt.js";
import id from "../../../src/expression/functions/id.js";
import ksuid from "../../../src/expression/functions/ksuid.js";
import nanoId from "../../../src/expression/functions/nano-id.js";
import randomInt from "../../../src/expression/functions/random-int.js";
import randomPort from "../../../src/expression/functions/random-port.js";
import { callFunction } from "../../../src/expression/functions/support/seeded-stores.js";
import uuid from "../../../src/expression/functions/uuid.js";
import { javaClassName } from "../../../src/expression/values.js";

describe("identifiers (function-random cases)", () => {
  it("uuid() is a v4 UUID", () => {
    expect(callFunction(uuid, [])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(callFunction(uuid, [])).not.toBe(callFunction(uuid, []));
  });

  it("id() is a base62 friendly id", () => {
    for (let i = 0; i < 50; i++) expect(callFunction(id, [])).toMatch(/^[0-9A-Za-z]{1,22}$/);
  });

  it("ksuid() is 27 base62 characters starting with the clock", () => {
    const value = callFunction(ksuid, []) as string;
    expect(value).toMatch(/^[0-9A-Za-z]{27}$/);
    // testContext's clock is 2024-01-02T03:04:05Z: 304164645 seconds after the KSUID epoch.
    const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const decoded = [...value].reduce((acc, c) => acc * 62n + BigInt(digits.indexOf(c)), 0n);
    expect(decoded >> 128n).toBe(304164645n);
  });

  it("nanoId() honours a literal length and the alphabet", () => {
    expect(callFunction(nanoId, [])).toMatch(/^[0-9A-Za-z_-]{21}$/);
    expect(callFunction(nanoId, [10n])).toMatch(/^[0-9A-Za-z_-]{10}$/);
    expect(callFunction(nanoId, [], { length: 8n, alphabet: "ab" })).toMatch(/^[ab]{8}$/);
    expect(callFunction(nanoId, [5])).toHaveLength(21);
    expect(() => callFunction(nanoId, [1001n])).toThrow(
      "The 'nanoId()' function field 'length' must be lower than: 1000",
    );
  });

  it("randomInt(lower, upper) is an Integer in [lower, upper)", () => {
    for (let i = 0; i < 50; i++) {
      const value = callFunction(randomInt, [1, 10]) as number;
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThan(10);
      expect(javaClassName(value)).toBe("java.lang.Integer");
      const negative = callFunction(randomInt, [-10n, -1n]) as number;
      expect(negative).toBeGreaterThanOrEqual(-10);
      expect(negative).toBeLessThan(-1);
    }
    expect(callFunction(randomInt, [10, 10])).toBe(10);
  });

  it("randomInt fails like Kestra", () => {
    expect(() => callFunction(randomInt, [10, 1])).toThrow("upper is less than lower");
    expect(() => callFunction(randomInt, [])).toThrow("expects an argument lower");
    expect(() => callFunction(randomInt, [1.5, 2])).toThrow("expects an argument lower of type Long");
  });

  it("randomPort() is a dynamic port", () => {
    const port = callFunction(randomPort, []) as number;
    expect(port).toBeGreaterThanOrEqual(49152);
    expect(port).toBeLessThanOrEqual(65535);
  });
});

describe("encrypt and decrypt (function-encrypt cases)", () => {
  const key = "I6EGNzRESu3X3pKZidrqCGOHQFUFC0yK";

  it("round-trips and prints base64", () => {
    const sealed = callFunction(encrypt, [key, "toto"]) as string;
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(callFunction(decrypt, [key, sealed])).toBe("toto");
    expect(callFunction(decrypt, [key, callFunction(encrypt, [key, "héllo ✓"])])).toBe("héllo ✓");
    expect(callFunction(encrypt, [key, ""])).toBe("");
    expect(callFunction(encrypt, [key, null])).toBeNull();
  });

  it("uses Kestra's layout: IV(12) + ciphertext + tag(16), AES by key size", () => {
    const keyBytes = Buffer.from(key, "base64");
    const sealed = Buffer.from(callFunction(encrypt, [key, "toto"]) as string, "base64");
    const decipher = createDecipheriv("aes-192-gcm", keyBytes, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    expect(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString()).toBe(
      "toto",
    );
    const key256 = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key256, iv);
    const body = Buffer.concat([cipher.update("from node"), cipher.final(), cipher.getAuthTag()]);
    expect(callFunction(decrypt, [key256.toString("base64"), Buffer.concat([iv, body]).toString("base64")])).toBe(
      "from node",
    );
  });

  it("fails like Kestra", () => {
    expect(() => callFunction(encrypt, ["toto"])).toThrow(
      "The 'encrypt' function expects two arguments 'key' and 'plaintext'.",
    );
    expect(() => callFunction(decrypt, [key])).toThrow(
      "The 'decrypt' function expects two arguments 'key' and 'encrypted'.",
    );
    expect(() => callFunction(encrypt, ["c2hvcnQ=", "x"])).toThrow("Invalid AES key length: 5 bytes");
    expect(() => callFunction(encrypt, ["not base64!", "x"])).toThrow("Illegal base64 character 20");
    const sealed = callFunction(encrypt, [key, "toto"]) as string;
    const other = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    expect(() => callFunction(decrypt, [other, sealed])).toThrow("Tag mismatch");
  });
});
