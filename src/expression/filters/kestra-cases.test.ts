/**
 * The filter cases of Kestra's conformance table (../shared/kestra/expressions.yaml), as
 * direct calls: each row names a case and gives the input and arguments its template passes
 * (integer literals are Longs → bigint, decimal literals Doubles, context numbers Integers);
 * the expected text or error fragment comes from the table itself.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kestraFile } from "../../../test/support/kestra.js";
import type { Args, FilterDefinition } from "../extension.js";
import { testContext } from "../test-context.js";
import { isMap, JDouble, markHashMap, numberKind, printValue } from "../values.js";
import abbreviate from "./abbreviate.js";
import abs from "./abs.js";
import base64decode from "./base64decode.js";
import base64encode from "./base64encode.js";
import capitalize from "./capitalize.js";
import chunk from "./chunk.js";
import className from "./class-name.js";
import endsWith from "./ends-with.js";
import escapeChar from "./escape-char.js";
import first from "./first.js";
import flatten from "./flatten.js";
import indent from "./indent.js";
import join from "./join.js";
import json from "./json.js";
import keys from "./keys.js";
import last from "./last.js";
import length from "./length.js";
import lower from "./lower.js";
import md5 from "./md5.js";
import merge from "./merge.js";
import nindent from "./nindent.js";
import number from "./number.js";
import numberFormat from "./number-format.js";
import replace from "./replace.js";
import reverse from "./reverse.js";
import rsort from "./rsort.js";
import sha1 from "./sha1.js";
import sha256 from "./sha256.js";
import sha512 from "./sha512.js";
import slice from "./slice.js";
import slugify from "./slugify.js";
import sort from "./sort.js";
import split from "./split.js";
import startsWith from "./starts-with.js";
import substringAfter from "./substring-after.js";
import substringAfterLast from "./substring-after-last.js";
import substringBefore from "./substring-before.js";
import substringBeforeLast from "./substring-before-last.js";
import title from "./title.js";
import toIon from "./to-ion.js";
import toJson from "./to-json.js";
import trim from "./trim.js";
import upper from "./upper.js";
import urldecode from "./urldecode.js";
import urlencode from "./urlencode.js";
import values from "./values.js";
import yaml from "./yaml.js";

interface KestraCase {
  id: string;
  category: string;
  expect?: string;
  error?: string;
  typed_type?: string;
}

/** The table with every scalar as text (failsafe schema), so `expect: 1.123e0` stays "1.123e0". */
const table = new Map(
  (parse(kestraFile("expressions.yaml"), { schema: "failsafe" }) as KestraCase[]).map((c) => [c.id, c]),
);

type Step = readonly [FilterDefinition, Args?];

interface Row {
  /** Case id in expressions.yaml. */
  readonly id: string;
  readonly input: unknown;
  /** One filter, or a chain of filters applied in order. */
  readonly steps: readonly Step[];
  /** Text the template writes around the expression. */
  readonly around?: readonly [string, string];
}

const row = (id: string, input: unknown, filter: FilterDefinition, args?: Args): Row => ({
  id,
  input,
  steps: [[filter, args]],
});
const chain = (id: string, input: unknown, ...steps: Step[]): Row => ({ id, input, steps });
/** `[{{ x | f }}]`: the template brackets the output. */
const bracketed = (id: string, input: unknown, filter: FilterDefinition, args?: Args): Row => ({
  ...row(id, input, filter, args),
  around: ["[", "]"],
});

const rows: Row[] = [
  // filter-pebble
  row("abbreviate-basic", "this is a long sentence", abbreviate, { length: 7n }),
  row("abbreviate-shorter-unchanged", "abc", abbreviate, { length: 10n }),
  row("abbreviate-equal-length-quirk", "hello", abbreviate, { length: 5n }),
  row("abbreviate-short-string", "abc", abbreviate, { length: 2n }),
  row("abbreviate-non-string-error", 12345n, abbreviate, { length: 3n }),
  row("abs-negative-int", -5n, abs),
  row("abs-context-int", -3, abs),
  row("abs-string-error", "-5", abs),
  row("capitalize-basic", "hello world", capitalize),
  row("capitalize-keeps-rest", "hELLO", capitalize),
  row("capitalize-leading-space", "  abc", capitalize),
  row("capitalize-non-string-error", 1n, capitalize),
  row("title-hyphen-not-boundary", "jean-luc picard", title),
  row("lower-basic", "HeLLo", lower),
  row("upper-basic", "hello", upper),
  row("upper-german-sharp-s", "straße", upper),
  bracketed("upper-null", null, upper),
  bracketed("trim-newlines", "\n\tx\n", trim),
  row("trim-non-string-error", 5n, trim),
  row("first-list", [1n, 2n, 3n], first),
  row("first-string", "abc", first),
  bracketed("first-empty-list", [], first),
  row("first-empty-string-error", "", first),
  row("last-list", [1n, 2n, 3n], last),
  bracketed("last-empty-list", [], last),
  row("join-no-separator", [1n, 2n, 3n], join),
  row("join-doubles", [new JDouble(1), 2.5], join, { separator: "," }),
  row("join-maps-java-tostring", [{ a: 1 }], join, { separator: "," }),
  row("join-string-error", "abc", join, { separator: "," }),
  chain("join-split-array", "a,b", [split, { delimiter: "," }], [join, { separator: "+" }]),
  row("length-string", "hello", length),
  row("length-number-zero", 12345n, length),
  row("merge-lists", [1n, 2n], merge, { items: [3n, 4n] }),
  row("merge-maps", { a: 1n }, merge, { items: { b: 2n } }),
  row("merge-maps-override", { a: 1n, b: 1n }, merge, { items: { b: 2n } }),
  row("merge-map-list-keys", { a: 1n }, merge, { items: ["x"] }),
  row("merge-null-input", null, merge, { items: [1n] }),
  row("merge-string-error", "a", merge, { items: [1n] }),
  row("reverse-list", [1n, 2n, 3n], reverse),
  row("reverse-string-error", "abc", reverse),
  row("sort-numbers", [3n, 1n, 2n], sort),
  row("sort-strings", ["b", "C", "a"], sort),
  row("rsort-numbers", [3n, 1n, 2n], rsort),
  row("sort-mixed-int-long-error", [2, 3000000000], sort),
  row("sort-mixed-types-error", [1n, "a"], sort),
  row("sort-string-input-error", "cba", sort),
  row("slice-string", "abcdef", slice, { fromIndex: 2n, toIndex: 4n }),
  row("slice-to-too-large-error", "abc", slice, { fromIndex: 0n, toIndex: 10n }),
  row("slice-from-ge-to-error", "abc", slice, { fromIndex: 2n, toIndex: 2n }),
  row("slice-negative-error", "abc", slice, { fromIndex: -1n }),
  row("split-comma", "a,b,c", split, { delimiter: "," }),
  row("split-regex-dot-pitfall", "a.b.c", split, { delimiter: "." }),
  row("split-limit", "a,b,c", split, { delimiter: ",", limit: 2n }),
  row("split-trailing-empty-removed", "a,b,,", split, { delimiter: "," }),
  row("split-leading-empty-kept", ",a", split, { delimiter: "," }),
  row("split-pipe-pitfall", "a|b", split, { delimiter: "|" }),
  chain("split-length", "a b c", [split, { delimiter: " " }], [length]),
  row("base64encode", "hello", base64encode),
  row("base64encode-utf8", "é", base64encode),
  row("base64encode-number", 123n, base64encode),
  row("base64decode", "aGVsbG8=", base64decode),
  row("base64decode-invalid-error", "!!!", base64decode),
  chain("base64-roundtrip", "a:b", [base64encode], [base64decode]),
  row("split-literal-dot-single-backslash", "a.b.c", split, { delimiter: "\\." }),
  // filter-toJson
  row("tojson-string", "string", toJson),
  row("tojson-int", 1, toJson),
  row("tojson-list", ["string", 1, 1.123], toJson),
  row("tojson-bool", true, toJson),
  row("tojson-deprecated-json-alias", "string", json),
  row("tojson-instant", Temporal.Instant.from("2024-01-02T03:04:05.123Z"), toJson),
  row("tojson-escapes", 'a"b\\c\n', toJson),
  row("tojson-unicode-not-escaped", "é", toJson),
  row("tojson-map-null-dropped", { a: null, b: 1 }, toJson),
  row("tojson-double", new JDouble(2), toJson),
  { ...row("tojson-used-in-string", { k: "v" }, toJson), around: ['{"payload": ', "}"] },
  row("tojson-string-embeds-quotes", 'say "hi"', toJson),
  row("tojson-nested-list-of-maps", [{ a: 1 }, { b: [true, false] }], toJson),
  // filter-toIon
  row("toion-int", 1, toIon),
  row("toion-double", 1.123, toIon),
  row("toion-bool", true, toIon),
  row("toion-empty-object", { empty_object: {} }, toIon),
  row("toion-null", null, toIon),
  row("toion-list", ["a", 1n], toIon),
  // filter-yaml
  row("yaml-string", "string", yaml),
  row("yaml-list-indented", ["string", 1, 1.123], yaml),
  row("yaml-bool", true, yaml),
  row("yaml-map", { a: 1, b: "x" }, yaml),
  row("yaml-nested", { a: { b: [1, 2] } }, yaml),
  row("yaml-string-needing-quotes", "true", yaml),
  row("yaml-multiline-string", "a\nb", yaml),
  row("yaml-map-with-null", { a: null }, yaml),
  // filter-keys-values
  row("keys-map", { a: 1, b: 2 }, keys),
  row("keys-list-indices", ["string", 1, 1.123], keys),
  row("keys-empty-list", [], keys),
  bracketed("keys-null", null, keys),
  row("values-map", { a: 1, b: "x" }, values),
  row("values-list-error", [1n], values),
  bracketed("values-null", null, values),
  chain("keys-then-join", { x: 1, y: 2 }, [keys], [join, { separator: "," }]),
  // filter-chunk-flatten
  row("chunk-basic", [1, 2, 3, 4, 5, 6, 7, 8, 9], chunk, { size: 2n }),
  row("chunk-larger-than-list", [1n, 2n], chunk, { size: 5n }),
  row("chunk-empty", [], chunk, { size: 2n }),
  chain(
    "flatten-first",
    ["You're doing great! Keep it up!", ["You're awesome!", "Keep shining!"], "Believe in yourself!"],
    [flatten],
    [first],
  ),
  row("flatten-one-level", [1n, [2n, [3n, 4n]], 5n], flatten),
  row("flatten-non-list-error", "a", flatten),
  // filter-number
  chain("number-float-class", "12.3", [number], [className]),
  chain("number-int-class", "2147483647", [number], [className]),
  chain("number-long-class", "9223372036854775807", [number], [className]),
  chain("number-bigdecimal-class", "9223372036854775807", [number, { type: "BIGDECIMAL" }], [className]),
  chain("number-biginteger-class", "9223372036854775807", [number, { type: "BIGINTEGER" }], [className]),
  row("number-float-print", "12.3", number),
  row("number-double-type", "0.1", number, { type: "DOUBLE" }),
  row("number-hex", "0x1F", number),
  row("number-invalid-error", "abc", number),
  row("number-non-string-error", 5n, number),
  bracketed("number-null", null, number),
  chain("number-large-int-becomes-long", "3000000000", [number], [className]),
  // filter-numberFormat
  row("numberformat-two-decimals", 1.232654, numberFormat, { format: "#.##" }),
  row("numberformat-grouping", 1234567.891, numberFormat, { format: "#,##0.00" }),
  row("numberformat-padding", 5n, numberFormat, { format: "000" }),
  row("numberformat-half-even", 2.5, numberFormat, { format: "#" }),
  row("numberformat-no-pattern", 1234.5, numberFormat),
  row("numberformat-string-input-error", "1.5", numberFormat, { format: "#" }),
  row("numberformat-trailing-zero-hidden", 1.5, numberFormat, { format: "#.##" }),
  // filter-replace
  row("replace-string", "john doe is john doe", replace, { replace_pairs: { john: "jane" } }),
  row("replace-regexp", "aa1bb2cc3dd4ee5", replace, { replace_pairs: { "(\\d)": "-$1-" }, regexp: true }),
  row("replace-literal-dot", "a.b.c", replace, { replace_pairs: { ".": "-" } }),
  row("replace-multiple-pairs", "abc", replace, { replace_pairs: { a: "1", c: "3" } }),
  row("replace-sequential-pairs", "a", replace, { replace_pairs: { a: "b", b: "c" } }),
  row("replace-in-list", ["ab", "cb"], replace, { replace_pairs: { b: "x" } }),
  row("replace-number-input-becomes-string", 123n, replace, { replace_pairs: { "2": "9" } }),
  row("replace-list-numbers-become-strings", [1n, 2n], replace, { replace_pairs: { "1": "x" } }),
  row("replace-missing-pairs-error", "a", replace),
  row("replace-newline-regexp", "a\nb", replace, { replace_pairs: { "\\n": " " }, regexp: true }),
  row("replace-dollar-in-replacement-literal", "price", replace, { replace_pairs: { price: "$5" } }),
  // filter-slugify
  row("slugify-test", "Test\t\t\ntest*", slugify),
  row("slugify-accents", "Crème Brûlée", slugify),
  row("slugify-underscore", "my_flow id", slugify),
  row("slugify-punctuation-removed", "a.b,c!", slugify),
  row("slugify-collapse-dashes", " -a  --b- ", slugify),
  row("slugify-number", 123n, slugify),
  // filter-substring
  row("substringbefore", "a.b.c", substringBefore, { separator: "." }),
  row("substringafter-named", "a.b.c", substringAfter, { separator: "." }),
  row("substringbeforelast-named", "a.b.c", substringBeforeLast, { separator: "." }),
  row("substringbeforelast", "a.b.c", substringBeforeLast, { separator: "." }),
  row("substringafterlast", "a.b.c", substringAfterLast, { separator: "." }),
  bracketed("substringafter-not-found", "abc", substringAfter, { separator: "x" }),
  row("substringbeforelast-not-found", "abc", substringBeforeLast, { separator: "x" }),
  bracketed("substringafterlast-not-found", "abc", substringAfterLast, { separator: "x" }),
  bracketed("substringbefore-empty-separator", "abc", substringBefore, { separator: "" }),
  row("substringafter-empty-separator", "abc", substringAfter, { separator: "" }),
  bracketed("substringafterlast-empty-separator", "abc", substringAfterLast, { separator: "" }),
  row("substringbefore-multichar", "key=value=x", substringBefore, { separator: "=" }),
  row("substringbefore-number-input", 12.5, substringBefore, { separator: "." }),
  // filter-startsWith-endsWith
  row("startswith-true", "Hello World", startsWith, { value: "Hello" }),
  row("endswith-true", "Hello World", endsWith, { value: "World" }),
  row("startswith-false-case", "Hello", startsWith, { value: "hello" }),
  row("startswith-number", 123n, startsWith, { value: "12" }),
  row("startswith-null-error", null, startsWith, { value: "a" }),
  // filter-escapeChar
  row("escapechar-single", "L'eau c'est la vie", escapeChar, { type: "single" }),
  row("escapechar-double", '"Hello"', escapeChar, { type: "double" }),
  row("escapechar-invalid-type-error", "Hello", escapeChar, { type: "foo" }),
  row("escapechar-empty-type-error", "Hello", escapeChar, { type: "" }),
  row("escapechar-case-insensitive-type", "it's", escapeChar, { type: "SINGLE" }),
  row("escapechar-list", ["a'b", 1n], escapeChar, { type: "single" }),
  row("escapechar-backslash-untouched", "a\\\\b", escapeChar, { type: "double" }),
  // filter-indent
  bracketed("indent-null", null, indent, { amount: 2n }),
  row("indent-empty-lines", "\n\n", indent, { amount: 2n }),
  row("indent-single-line", "string", indent, { amount: 2n }),
  row("indent-integer", 1n, indent, { amount: 2n }),
  row("indent-crlf", "first line\r\nsecond line", indent, { amount: 2n }),
  row("indent-lf", "first line\nsecond line", indent, { amount: 2n }),
  row("indent-tab-prefix", "first line\nsecond line", indent, { amount: 2n, prefix: "\t" }),
  { ...row("indent-from-context", "a\nb", indent, { amount: 2n }), around: ["key:\n  ", ""] },
  row("indent-negative-error", "a\nb", indent, { amount: -1n }),
  row("indent-missing-amount-error", "a", indent),
  bracketed("nindent-null", null, nindent, { amount: 2n }),
  bracketed("nindent-empty", "", nindent, { amount: 2n }),
  row("nindent-empty-lines", "\n\n", nindent, { amount: 2n }),
  row("nindent-single-line", "string", nindent, { amount: 2n }),
  row("nindent-integer", 1n, nindent, { amount: 2n }),
  row("nindent-crlf", "first line\r\nsecond line", nindent, { amount: 2n }),
  row("nindent-lf", "first line\nsecond line", nindent, { amount: 2n }),
  { ...chain("nindent-yaml-block", { a: 1, b: 2 }, [yaml], [nindent, { amount: 2n }]), around: ["spec:", ""] },
  // filter-hash
  row("md5-hello", "hello", md5),
  row("sha512-hello", "hello", sha512),
  row("md5-empty", "", md5),
  row("sha256-utf8", "é", sha256),
  row("md5-non-string-error", 1n, md5),
  row("sha256-non-string-error", 1n, sha256),
  bracketed("sha1-null", null, sha1),
  // filter-url
  row("urlencode-space-plus", "a b&c=d", urlencode),
  row("urlencode-special", "Kestra rulez !~*", urlencode),
  row("urlencode-unicode", "é/ü", urlencode),
  chain("urldecode-roundtrip", "Kestra rulez !", [urlencode], [urldecode]),
  row("urldecode-invalid-error", "%zz", urldecode),
  row("urlencode-non-string-error", 5n, urlencode),
  // filter-className
  row("classname-long-literal", 1n, className),
  row("classname-context-int", 1, className),
  row("classname-double", 1.5, className),
  row("classname-list-literal", [1n], className),
  row("classname-map-literal", markHashMap({}), className),
  bracketed("classname-null", null, className),
];

function run(testRow: Row): unknown {
  const context = testContext();
  return testRow.steps.reduce((value, [filter, args]) => filter.apply(value, args ?? {}, context), testRow.input);
}

/** The Java type the table records for typed rendering, as our value model shows it. */
function typedKind(value: unknown): string {
  if (typeof value === "boolean") return "Boolean";
  if (Array.isArray(value)) return "List";
  if (isMap(value)) return "Map";
  if (typeof value === "number" || typeof value === "bigint" || value instanceof JDouble) return numberKind(value);
  return typeof value === "object" && value !== null ? value.constructor.name.replace(/^J/, "") : typeof value;
}

describe("Kestra filter cases (expressions.yaml)", () => {
  for (const testRow of rows) {
    const kestraCase = table.get(testRow.id);
    it(testRow.id, () => {
      if (!kestraCase) throw new Error(`no case ${testRow.id} in expressions.yaml`);
      if (kestraCase.error !== undefined) {
        // an empty fragment means "any error" (a raw Java exception whose text is JVM noise)
        if (kestraCase.error === "") expect(() => run(testRow)).toThrow();
        else expect(() => run(testRow)).toThrow(kestraCase.error);
        return;
      }
      const result = run(testRow);
      const [before, after] = testRow.around ?? ["", ""];
      expect(before + printValue(result) + after).toBe(kestraCase.expect);
      if (kestraCase.typed_type !== undefined && testRow.around === undefined) {
        expect(typedKind(result)).toBe(kestraCase.typed_type);
      }
    });
  }

  it("covers only cases of the filter categories", () => {
    for (const testRow of rows) expect(table.get(testRow.id)?.category).toMatch(/^filter-/);
  });
});
