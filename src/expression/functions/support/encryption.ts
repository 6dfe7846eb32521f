/**
 * Kestra's EncryptionService: AES/GCM/NoPadding with a base64 key (16, 24 or 32 bytes), a
 * random 12-byte IV written before the ciphertext, a 128-bit tag after it, all base64.
 * Synchronous (pure JS AES), so encrypt()/decrypt() need no async round trip.
 */
import { gcm } from "@noble/ciphers/aes.js";
import type { Args } from "../../extension.js";
import { castString, fail } from "./args.js";
import { randomBytes } from "./ids.js";

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** java.util.Base64.getDecoder(): the standard alphabet, optional padding, nothing else. */
export function decodeBase64(text: string): Uint8Array {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) throw fail("expression.argument", `Illegal base64 character ${bad[0].charCodeAt(0).toString(16)}`);
  const body = text.replace(/=+$/, "");
  const padding = text.length - body.length;
  if (body.includes("=") || body.length % 4 === 1 || (padding > 0 && (body.length + padding) % 4 !== 0)) {
    throw fail("expression.argument", "Input byte array has wrong 4-byte ending unit");
  }
  return Uint8Array.from(atob(body + "=".repeat((4 - (body.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function aesKey(key: string | null): Uint8Array {
  if (key === null) throw fail("expression.argument", "The encryption key must not be null");
  const bytes = decodeBase64(key);
  if (bytes.length === 0) throw fail("expression.argument", "Empty key");
  if (bytes.length !== 16 && bytes.length !== 24 && bytes.length !== 32) {
    throw fail("expression.argument", `Invalid AES key length: ${bytes.length} bytes`);
  }
  return bytes;
}

/** Reads the two arguments of encrypt/decrypt with Kestra's checks. */
export function cipherArgs(
  args: Args,
  functionName: string,
  textArg: string,
): { key: string | null; text: string | null } {
  if (args.key === undefined || args[textArg] === undefined) {
    throw fail("expression.argument", `The '${functionName}' function expects two arguments 'key' and '${textArg}'.`);
  }
  return { key: castString(args.key), text: castString(args[textArg]) };
}

export function encrypt(key: string | null, plaintext: string | null): string | null {
  if (plaintext === null || plaintext === "") return plaintext;
  const keyBytes = aesKey(key);
  const iv = randomBytes(IV_LENGTH);
  const sealed = gcm(keyBytes, iv).encrypt(new TextEncoder().encode(plaintext));
  const out = new Uint8Array(IV_LENGTH + sealed.length);
  out.set(iv);
  out.set(sealed, IV_LENGTH);
  return encodeBase64(out);
}

export function decrypt(key: string | null, encrypted: string | null): string | null {
  if (encrypted === null || encrypted === "") return encrypted;
  const keyBytes = aesKey(key);
  const input = decodeBase64(encrypted);
  const iv = new Uint8Array(IV_LENGTH);
  iv.set(input.subarray(0, IV_LENGTH));
  const sealed = input.subarray(IV_LENGTH);
  if (sealed.length < TAG_LENGTH) {
    throw fail("expression.argument", `Input data too short to contain an expected tag length of ${TAG_LENGTH}bytes`);
  }
  let plain: Uint8Array;
  try {
    plain = gcm(keyBytes, iv).decrypt(sealed);
  } catch {
    throw fail("expression.argument", "Tag mismatch");
  }
  return new TextDecoder().decode(plain);
}
