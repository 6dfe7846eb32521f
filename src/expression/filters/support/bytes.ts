/**
 * Byte-level encodings as Java does them: UTF-8 with `?` for unpaired surrogates
 * (`String.getBytes(UTF_8)`), the strict `Base64.getDecoder()`, and
 * `URLEncoder`/`URLDecoder` form encoding.
 */
import { javaException } from "./java.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/** `String.getBytes(StandardCharsets.UTF_8)`: an unpaired surrogate becomes `?`. */
export function javaUtf8(value: string): Uint8Array {
  return encoder.encode(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "?"));
}

/** `new String(bytes, UTF_8)`: malformed sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Lower-case hex of a digest. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** `Base64.getEncoder().encodeToString(bytes)`. */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const bits = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(bits >> 18) & 63];
    out += BASE64[(bits >> 12) & 63];
    out += b === undefined ? "=" : BASE64[(bits >> 6) & 63];
    out += c === undefined ? "=" : BASE64[bits & 63];
  }
  return out;
}

/**
 * `Base64.getDecoder().decode(bytes)`: the basic alphabet only, no whitespace, padding optional
 * but correct when present, nothing after it. Returns undefined when Java would throw.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const src = javaUtf8(text);
  const out: number[] = [];
  let bits = 0;
  let shift = 18;
  let pos = 0;
  while (pos < src.length) {
    const byte = src[pos++] ?? 0;
    if (byte === 0x3d) {
      // '=': legal only as "xx==" or "xxx="
      if (shift === 18 || (shift === 6 && (pos === src.length || src[pos++] !== 0x3d))) return undefined;
      break;
    }
    const digit = byte < 0x80 ? BASE64.indexOf(String.fromCharCode(byte)) : -1;
    if (digit < 0) return undefined;
    bits |= digit << shift;
    shift -= 6;
    if (shift < 0) {
      out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff);
      shift = 18;
      bits = 0;
    }
  }
  if (shift === 6) out.push((bits >> 16) & 0xff);
  else if (shift === 0) out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff);
  else if (shift === 12) return undefined;
  if (pos < src.length) return undefined;
  return Uint8Array.from(out);
}

/** `URLEncoder.encode(value, UTF_8)`: form encoding (space → `+`, only `.-*_` and alphanumerics kept). */
export function urlEncode(value: string): string {
  let out = "";
  for (const byte of javaUtf8(value)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(char)) out += char;
    else if (byte === 0x20) out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `Integer.parseInt(text, 16)` on the two characters after `%` (a sign is accepted, as in Java). */
function parseHexPair(pair: string): number {
  if (!/^[+-]?[0-9A-Fa-f]+$/.test(pair)) {
    throw javaException(
      "java.lang.IllegalArgumentException",
      `URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "${pair}"`,
    );
  }
  return Number.parseInt(pair, 16);
}

/** `URLDecoder.decode(value, UTF_8)`. */
export function urlDecode(value: string): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    const char = value.charAt(i);
    if (char === "+") {
      out += " ";
      i++;
    } else if (char === "%") {
      const bytes: number[] = [];
      while (i + 2 < value.length && value.charAt(i) === "%") {
        const byte = parseHexPair(value.slice(i + 1, i + 3));
        if (byte < 0) {
          throw javaException(
            "java.lang.IllegalArgumentException",
            "URLDecoder: Illegal hex characters in escape (%) pattern - negative value",
          );
        }
        bytes.push(byte);
        i += 3;
      }
      if (i < value.length && value.charAt(i) === "%") {
        throw javaException("java.lang.IllegalArgumentException", "URLDecoder: Incomplete trailing escape (%) pattern");
      }
      out += decodeUtf8(Uint8Array.from(bytes));
    } else {
      out += char;
      i++;
    }
  }
  return out;
}
