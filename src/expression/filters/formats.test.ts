/** Number formatting/parsing and the serialising filters (toIon, yaml) beyond the conformance table. */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { Args, FilterDefinition } from "../extension.js";
import { testContext } from "../test-context.js";
import { JDouble, JFloat, printValue } from "../values.js";
import className from "./class-name.js";
import number from "./number.js";
import numberFormat from "./number-format.js";
import toIon from "./to-ion.js";
import toJson from "./to-json.js";
import yaml from "./yaml.js";

const call = (filter: FilterDefinition, input: unknown, args: Args = {}, locale = "en-US"): unknown =>
  filter.apply(input, args, testContext({ locale }));

describe("numberFormat (DecimalFormat)", () => {
  const cases: [unknown, string, string][] = [
    [1.005, "#.##", "1"],
    [0.125, "#.##", "0.12"],
    [0.135, "#.##", "0.14"],
    [9.995, "#.##", "9.99"],
    [0.5, "#", "0"],
    [1.5, "#", "2"],
    [-0.4, "#", "-0"],
    [0.5, "0%", "50%"],
    [5n, "#.00", "5.00"],
    [0.5, "#.00", ".50"],
    [0.0009, "#.###", "0.001"],
    [12345, "##0.#####E0", "12.345E3"],
    [123456, "##0.#####E0", "123.456E3"],
    [0.00123, "00.###E0", "12.3E-4"],
    [1234, "0.###E0", "1.234E3"],
    [1e-10, "0.0E0", "1.0E-10"],
    [-123.456, "#,##0.0#;(#,##0.0#)", "(123.46)"],
    [123, "'#'#", "#123"],
    [5, "# o''clock", "5 o'clock"],
    [1234.5678, "#,##0.00 ¤", "1,234.57 $"],
    [new JDouble(2), "#.##", "2"],
    [new JFloat(0.1), "0.000000000", "0.100000001"],
    [Number.NaN, "#", "NaN"],
    [Number.NEGATIVE_INFINITY, "#", "-∞"],
    [9223372036854775807n, "#,##0", "9,223,372,036,854,775,807"],
  ];
  for (const [value, format, expected] of cases) {
    it(`${String(value)} with ${format}`, () => {
      expect(call(numberFormat, value, { format })).toBe(expected);
    });
  }

  it("uses the locale's symbols and default pattern", () => {
    expect(call(numberFormat, 1234567.891, { format: "#,##0.00" }, "de-DE")).toBe("1.234.567,89");
    expect(call(numberFormat, -1234.5)).toBe("-1,234.5");
    expect(call(numberFormat, 1.23456)).toBe("1.235");
  });

  it("rejects malformed patterns", () => {
    expect(() => call(numberFormat, 1n, { format: "#.#.#" })).toThrow("Multiple decimal separators");
    expect(() => call(numberFormat, 1n, { format: "#0#0" })).toThrow("Unexpected '0' in pattern");
    expect(() => call(numberFormat, 1n, { format: "'abc" })).toThrow("Malformed pattern");
  });
});

describe("number (NumberUtils.createNumber)", () => {
  const kinds: [string, string, string][] = [
    ["1.23456789", "java.lang.Double", "1.23456789"],
    ["0.1234567890123456789", "java.math.BigDecimal", "0.1234567890123456789"],
    ["010", "java.lang.Integer", "8"],
    ["1e3", "java.lang.Float", "1000.0"],
    ["99999999999999999999", "java.math.BigInteger", "99999999999999999999"],
    ["5L", "java.lang.Long", "5"],
    ["1.5f", "java.lang.Float", "1.5"],
    ["-0x10", "java.lang.Integer", "-16"],
    ["0xFFFFFFFF", "java.lang.Long", "4294967295"],
  ];
  for (const [text, kind, printed] of kinds) {
    it(`${text} → ${kind}`, () => {
      const parsed = call(number, text);
      expect(call(className, parsed)).toBe(kind);
      expect(printValue(parsed)).toBe(printed);
    });
  }

  it("forced types and errors", () => {
    expect(printValue(call(number, "7", { type: "DOUBLE" }))).toBe("7.0");
    expect(call(className, call(number, "7", { type: "LONG" }))).toBe("java.lang.Long");
    expect(() => call(number, "3000000000", { type: "INT" })).toThrow('For input string: "3000000000"');
    expect(() => call(number, "08")).toThrow("NumberFormatException");
    expect(() => call(number, " ")).toThrow("A blank string is not a valid number");
    expect(printValue(call(number, "1.50", { type: "BIGDECIMAL" }))).toBe("1.50");
    expect(printValue(call(number, "1E+3", { type: "BIGDECIMAL" }))).toBe("1E+3");
  });
});

describe("toIon", () => {
  it("writes Ion text for every kind of value", () => {
    expect(call(toIon, { a: null, "my-key": 1, null: 2, $1: 3, é: 4 })).toBe(
      "{a:null,'my-key':1,'null':2,'$1':3,'é':4}",
    );
    expect(call(toIon, "é\u0001\u0080'\"")).toBe('"é\\x01\\x80\'\\""');
    expect(call(toIon, [new JDouble(2), 1e-7, 123456789.5, new JFloat(1.123), 9007199254740993n])).toBe(
      "[2e0,1.0e-7,1.234567895e8,1.1230000257492065e0,9007199254740993]",
    );
    expect(call(toIon, Temporal.Instant.from("2024-01-02T03:04:05Z"))).toBe("2024-01-02T03:04:05.000Z");
    expect(call(toIon, Temporal.PlainDate.from("2024-01-02"))).toBe("2024-01-02");
    expect(call(toIon, Temporal.ZonedDateTime.from("2013-09-08T16:19:00+02:00[Europe/Paris]"))).toBe(
      'ZonedDateTime::"2013-09-08T16:19:00+02:00[Europe/Paris]"',
    );
    expect(call(toIon, Temporal.PlainDateTime.from("2024-01-02T03:04:05.1"))).toBe(
      'LocalDateTime::"2024-01-02T03:04:05.1"',
    );
  });
});

describe("yaml", () => {
  const cases: [unknown, string][] = [
    [[{ a: 1, b: 2 }, { c: [] }], " -\n  a: 1\n  b: 2\n -\n  c: []\n"],
    [{ a: {}, "1a": "y", "key: x": "z" }, 'a: {}\n"1a": "y"\n\'key: x\': z\n'],
    [{ "": "x" }, '? ""\n: x\n'],
    ["", '--- ""\n'],
    ["123", "123\n"],
    ["0123", "'0123'\n"],
    ["a: b", '"a: b"\n'],
    ["- x", "'- x'\n"],
    ["trail ", "'trail '\n"],
    ["x\r\ny", '"x\\r\\ny"\n'],
    ["a\n", "|\n  a\n"],
    ["a\n\n", "|+\n  a\n\n"],
    ["tab\there", '"tab\\there"\n'],
    ["a #c", '"a #c"\n'],
    ["#c", "'#c'\n"],
    ["~", '"~"\n'],
    ["Yes", '"Yes"\n'],
    ["'q'", "'''q'''\n"],
    ['say "hi"', 'say "hi"\n'],
    [[["a", "b"], ["c"]], " -\n   - a\n   - b\n -\n   - c\n"],
    [{ k: "multi\nline" }, "k: |-\n  multi\n  line\n"],
    [[new JDouble(2), new JFloat(0.1), 10000000.5, 3000000000], " - 2.0\n - 0.1\n - 1.00000005E7\n - 3000000000\n"],
    [{ at: Temporal.ZonedDateTime.from("2013-09-08T16:19:00+02:00[Europe/Paris]") }, "at: 2013-09-08T16:19:00+02:00\n"],
    [[], "[]\n"],
  ];
  for (const [value, expected] of cases) {
    it(JSON.stringify(expected), () => {
      expect(call(yaml, value)).toBe(expected);
    });
  }

  it("null is the bare word null", () => {
    expect(call(yaml, null)).toBe("null");
  });
});

describe("toJson", () => {
  it("keeps null map entries only with includeNulls", () => {
    const value = { a: null, b: [null, { c: null }] };
    expect(call(toJson, value)).toBe('{"b":[null,{}]}');
    expect(call(toJson, value, { includeNulls: true })).toBe('{"a":null,"b":[null,{"c":null}]}');
    expect(call(toJson, null)).toBe("null");
  });
});
