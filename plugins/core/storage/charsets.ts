/**
 * The Java charsets a task may name (`charset`, `defaultCharset`) that web platforms can
 * both decode and encode: UTF-8, US-ASCII, ISO-8859-1 and UTF-16. TextEncoder only writes
 * UTF-8, and TextDecoder reads "ISO-8859-1" as windows-1252, so the others are done here.
 * Any other name is refused as Java refuses an unsupported charset.
 */

/** A byte-order mark is text like any other, as Java's fixed-endianness decoders read it. */
const KEEP_BOM = { fatal: false, ignoreBOM: true };

export type Charset = "UTF-8" | "US-ASCII" | "ISO-8859-1" | "UTF-16" | "UTF-16BE" | "UTF-16LE";

const ALIASES: Readonly<Record<string, Charset>> = {
  "utf-8": "UTF-8",
  utf8: "UTF-8",
  "us-ascii": "US-ASCII",
  ascii: "US-ASCII",
  "iso-8859-1": "ISO-8859-1",
  iso8859_1: "ISO-8859-1",
  "iso-latin-1": "ISO-8859-1",
  latin1: "ISO-8859-1",
  "utf-16": "UTF-16",
  utf16: "UTF-16",
  "utf-16be": "UTF-16BE",
  unicodebigunmarked: "UTF-16BE",
  "utf-16le": "UTF-16LE",
  unicodelittleunmarked: "UTF-16LE",
};

/** The charset a name means (Java's Charset.forName, for the supported ones). */
export function charsetOf(name: string): Charset {
  const charset = ALIASES[name.trim().toLowerCase()];
  if (charset === undefined) throw new Error(`Unsupported charset '${name}' (supported: ${SUPPORTED})`);
  return charset;
}

const SUPPORTED = "UTF-8, US-ASCII, ISO-8859-1, UTF-16, UTF-16BE, UTF-16LE";

/** Decodes bytes; unmappable bytes become U+FFFD as Java's decoders make them. */
export function decode(bytes: Uint8Array, charset: Charset): string {
  switch (charset) {
    case "UTF-8":
      return new TextDecoder("utf-8", KEEP_BOM).decode(bytes);
    case "US-ASCII":
      return latin1(bytes, 0x7f);
    case "ISO-8859-1":
      return latin1(bytes, 0xff);
    case "UTF-16BE":
      return new TextDecoder("utf-16be", KEEP_BOM).decode(bytes);
    case "UTF-16LE":
      return new TextDecoder("utf-16le", KEEP_BOM).decode(bytes);
    case "UTF-16": {
      // Java: a byte-order mark decides and is dropped; big-endian without one.
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
      return new TextDecoder("utf-16be", KEEP_BOM).decode(bytes);
    }
  }
}

function latin1(bytes: Uint8Array, max: number): string {
  let out = "";
  for (const byte of bytes) out += byte <= max ? String.fromCharCode(byte) : "\ufffd";
  return out;
}

/** Encodes text; characters the charset lacks become `?` as Java's String.getBytes writes them. */
export function encode(text: string, charset: Charset): Uint8Array<ArrayBuffer> {
  switch (charset) {
    case "UTF-8":
      // TextEncoder makes a fresh ArrayBuffer; some lib typings leave it as ArrayBufferLike.
      return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
    case "US-ASCII":
      return singleByte(text, 0x7f);
    case "ISO-8859-1":
      return singleByte(text, 0xff);
    case "UTF-16BE":
      return utf16(text, false, false);
    case "UTF-16LE":
      return utf16(text, true, false);
    case "UTF-16":
      return utf16(text, false, true);
  }
}

function singleByte(text: string, max: number): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    out.push(code <= max ? code : 0x3f);
  }
  return Uint8Array.from(out);
}

function utf16(text: string, littleEndian: boolean, mark: boolean): Uint8Array<ArrayBuffer> {
  const offset = mark ? 2 : 0;
  const out = new Uint8Array(offset + text.length * 2);
  const view = new DataView(out.buffer);
  if (mark) view.setUint16(0, 0xfeff, false);
  for (let i = 0; i < text.length; i++) view.setUint16(offset + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}
