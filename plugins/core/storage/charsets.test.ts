import { describe, expect, it } from "vitest";
import { charsetOf, decode, encode } from "./charsets.js";

describe("charsets", () => {
  it("knows Java's names and aliases of the supported charsets, in any case", () => {
    expect(charsetOf("utf-8")).toBe("UTF-8");
    expect(charsetOf("latin1")).toBe("ISO-8859-1");
    expect(charsetOf("US-ASCII")).toBe("US-ASCII");
    expect(charsetOf("UTF-16LE")).toBe("UTF-16LE");
    expect(() => charsetOf("windows-1252")).toThrow("Unsupported charset 'windows-1252'");
  });

  it("reads and writes ISO-8859-1 byte for byte, and ? for what it lacks", () => {
    expect(decode(Uint8Array.from([0x63, 0xe9, 0x80]), "ISO-8859-1")).toBe("cé\u0080");
    expect([...encode("cé€", "ISO-8859-1")]).toEqual([0x63, 0xe9, 0x3f]);
  });

  it("reads bytes above 127 as U+FFFD in US-ASCII", () => {
    expect(decode(Uint8Array.from([0x61, 0xe9]), "US-ASCII")).toBe("a\ufffd");
    expect([...encode("aé", "US-ASCII")]).toEqual([0x61, 0x3f]);
  });

  it("writes UTF-16 big-endian with a byte-order mark, and reads either mark", () => {
    expect([...encode("a", "UTF-16")]).toEqual([0xfe, 0xff, 0x00, 0x61]);
    expect([...encode("a", "UTF-16LE")]).toEqual([0x61, 0x00]);
    expect(decode(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), "UTF-16")).toBe("a");
    expect(decode(Uint8Array.from([0x00, 0x61]), "UTF-16")).toBe("a");
    expect(decode(encode("😀 é", "UTF-16BE"), "UTF-16BE")).toBe("😀 é");
  });

  it("keeps UTF-8 as is", () => {
    expect(decode(encode("😀 é", "UTF-8"), "UTF-8")).toBe("😀 é");
  });
});
