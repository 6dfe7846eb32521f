/** String filters beyond the conformance table: Java's trim/whitespace/title-case rules, regexes, encodings. */
import { describe, expect, it } from "vitest";
import type { Args, FilterDefinition } from "../extension.js";
import { testContext } from "../test-context.js";
import { printValue } from "../values.js";
import base64decode from "./base64decode.js";
import capitalize from "./capitalize.js";
import defaultFilter from "./default.js";
import endsWith from "./ends-with.js";
import escapeChar from "./escape-char.js";
import indent from "./indent.js";
import lower from "./lower.js";
import nindent from "./nindent.js";
import regexExtract from "./regex-extract.js";
import regexMatch from "./regex-match.js";
import regexReplace from "./regex-replace.js";
import replace from "./replace.js";
import slugify from "./slugify.js";
import split from "./split.js";
import stringFilter from "./string.js";
import substringAfterLast from "./substring-after-last.js";
import substringBefore from "./substring-before.js";
import title from "./title.js";
import trim from "./trim.js";
import upper from "./upper.js";
import urldecode from "./urldecode.js";
import urlencode from "./urlencode.js";

const call = (filter: FilterDefinition, input: unknown, args: Args = {}, locale = "en-US"): unknown =>
  filter.apply(input, args, testContext({ locale }));

describe("case filters", () => {
  it("title-cases after Java whitespace only, never lower-cases", () => {
    expect(call(title, "hello wORLD\tagain\u00a0x")).toBe("Hello WORLD\tAgain\u00a0x");
    expect(call(title, "ßtraße ǆemal")).toBe("ßtraße ǅemal");
    expect(call(capitalize, "\u2003élan")).toBe("\u2003Élan");
    expect(call(capitalize, "")).toBe("");
  });

  it("upper/lower follow the locale only where Java tailors it", () => {
    expect(call(upper, "istanbul", {}, "tr-TR")).toBe("İSTANBUL");
    expect(call(upper, "istanbul")).toBe("ISTANBUL");
    expect(call(lower, "ΟΔΟΣ")).toBe("οδος");
    expect(call(upper, { a: 1 })).toBe("{A=1}");
  });

  it("trim strips control characters but not no-break spaces", () => {
    expect(call(trim, "\u0001 x \u0000")).toBe("x");
    expect(call(trim, "\u00a0x\u00a0")).toBe("\u00a0x\u00a0");
  });

  it("default falls back on blank strings and empty collections, not on 0 or false", () => {
    expect(call(defaultFilter, "  \n", { default: "d" })).toBe("d");
    expect(call(defaultFilter, {}, { default: "d" })).toBe("d");
    expect(call(defaultFilter, 0n, { default: "d" })).toBe(0n);
    expect(call(defaultFilter, false, { default: "d" })).toBe(false);
    expect(call(defaultFilter, "\u00a0", { default: "d" })).toBe("\u00a0");
    expect(call(defaultFilter, null)).toBeNull();
  });
});

describe("Java regexes", () => {
  it("split keeps trailing empties with a negative limit and handles Java-only syntax", () => {
    expect(call(split, "a,b,,", { delimiter: ",", limit: -1n })).toEqual(["a", "b", "", ""]);
    expect(call(split, "a1b22c", { delimiter: "\\d+" })).toEqual(["a", "b", "c"]);
    expect(call(split, "a.b", { delimiter: "\\Q.\\E" })).toEqual(["a", "b"]);
    expect(call(split, "abc", { delimiter: "" })).toEqual(["a", "b", "c"]);
    expect(call(split, "x1y", { delimiter: "\\p{Digit}" })).toEqual(["x", "y"]);
    expect(() => call(split, "abc", { delimiter: "(" })).toThrow("PatternSyntaxException");
  });

  it("replace with regexp uses Java replacement syntax", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Java's replacement syntax, not a template
    const pairs = { "(?<first>\\w+) (?<last>\\w+)": "${last}, ${first} \\$1" };
    expect(call(replace, "john smith", { replace_pairs: pairs, regexp: true })).toBe("smith, john $1");
    expect(() => call(replace, "ab", { replace_pairs: { a: "$2" }, regexp: true })).toThrow("No group 2");
    expect(call(replace, "abc", { replace_pairs: { "": "-" } })).toBe("-a-b-c-");
  });

  it("replace walks maps into HashMaps and fails on null values like Java", () => {
    expect(printValue(call(replace, { b: "xb", a: ["b", 1n] }, { replace_pairs: { b: "y" } }))).toBe(
      '{"a":["y","1"],"b":"xy"}',
    );
    expect(() => call(replace, ["a", null], { replace_pairs: { a: "b" } })).toThrow("NullPointerException");
  });

  it("regexMatch / regexReplace / regexExtract", () => {
    expect(call(regexMatch, "order-12345-done", { regex: "\\d+" })).toBe(true);
    expect(call(regexMatch, null, { regex: ".*" })).toBe(false);
    expect(call(regexReplace, "aa1bb2cc3", { regex: "(\\d)", replacement: "[$1]" })).toBe("aa[1]bb[2]cc[3]");
    expect(call(regexExtract, "order-12345-done", { regex: "order-(\\d+)", group: 1n })).toBe("12345");
    expect(call(regexExtract, "abc-123-def-456", { regex: "\\d+" })).toBe("123");
    expect(call(regexExtract, "hello", { regex: "\\d+" })).toBeNull();
    expect(() => call(regexMatch, "x")).toThrow("The argument 'regex' is required.");
    expect(() => call(regexExtract, "a", { regex: "a", group: 2n })).toThrow("No group 2");
  });
});

describe("quoting, slugs, substrings", () => {
  it("escapeChar shell quoting and lazy type check", () => {
    expect(call(escapeChar, "it's", { type: "shell" })).toBe("it'\\''s");
    expect(call(escapeChar, [], { type: "nope" })).toEqual([]);
    expect(() => call(escapeChar, "x")).toThrow("expects an argument 'type'");
  });

  it("slugify", () => {
    expect(call(slugify, "Hello World!")).toBe("hello-world");
    expect(call(slugify, "__a__")).toBe("a");
    expect(call(slugify, "Ça va\u00a0bien")).toBe("ca-vabien");
  });

  it("substrings follow StringUtils", () => {
    expect(call(substringAfterLast, "a.b.", { separator: "." })).toBe("");
    expect(call(substringBefore, "", { separator: "x" })).toBe("");
    expect(call(substringBefore, "abc", { separator: null })).toBe("abc");
    expect(() => call(substringBefore, "abc")).toThrow("The 'substringBefore' filter expects an argument 'separator'.");
  });

  it("endsWith and string", () => {
    expect(call(endsWith, 12.5, { value: ".5" })).toBe(true);
    expect(() => call(endsWith, "a", { value: null })).toThrow("NullPointerException");
    expect(call(stringFilter, { field: "hello" })).toBe("{field=hello}");
    expect(call(stringFilter, [1n, null])).toBe("[1, null]");
    expect(call(stringFilter, null)).toBeNull();
  });

  it("indent uses the detected separator and rejects bad amounts", () => {
    expect(call(indent, "a\rb", { amount: 1n, prefix: "-" })).toBe("a\r-b");
    expect(call(nindent, "a", { amount: 0n })).toBe("\na");
    expect(() => call(indent, "a\nb", { amount: "2" })).toThrow("cannot be cast to class java.lang.Long");
  });
});

describe("encodings", () => {
  it("urlencode / urldecode like URLEncoder / URLDecoder", () => {
    expect(call(urlencode, "😀 .-*_~")).toBe("%F0%9F%98%80+.-*_%7E");
    expect(call(urldecode, "a+b%2Bc%e9")).toBe("a b+c\ufffd");
    expect(() => call(urldecode, "abc%4")).toThrow("URLDecoder: Incomplete trailing escape (%) pattern");
  });

  it("base64decode accepts missing padding but nothing malformed", () => {
    expect(call(base64decode, "aGVsbG8")).toBe("hello");
    expect(() => call(base64decode, "aGVsbA=")).toThrow("Please provide a correctly Base64 encoded string");
    expect(() => call(base64decode, "aGVsbG8=x")).toThrow("Please provide a correctly Base64 encoded string");
    expect(() => call(base64decode, "aGVs bG8=")).toThrow("Please provide a correctly Base64 encoded string");
    expect(() => call(base64decode, 1n)).toThrow("This filter applies to String");
  });
});
