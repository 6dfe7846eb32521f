import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { kvStoreContract } from "../../test/support/kv-store-contract.js";
import { JDouble } from "../expression/values.js";
import { convertKvValue, kvTypeOf, memoryKvStore, parseKvBody } from "./kv-store.js";

kvStoreContract("memory", (_tenant, now) => memoryKvStore({ now }));

describe("the Set task's kvType conversions", () => {
  it("converts a rendered string to the type asked for", () => {
    expect(convertKvValue("42", "NUMBER")).toBe(42);
    expect(convertKvValue("1.0", "NUMBER")).toEqual(new JDouble(1));
    expect(convertKvValue("1.5", "NUMBER")).toBe(1.5);
    expect(convertKvValue("TRUE", "BOOLEAN")).toBe(true);
    expect(convertKvValue("yes", "BOOLEAN")).toBe(false);
    expect(convertKvValue("2024-01-02T03:04:05Z", "DATETIME")).toEqual(Temporal.Instant.from("2024-01-02T03:04:05Z"));
    expect(convertKvValue("2024-01-02", "DATE")).toEqual(Temporal.PlainDate.from("2024-01-02"));
    expect(convertKvValue("PT1H", "DURATION")).toEqual(Temporal.Duration.from("PT1H"));
    expect(convertKvValue('{"a":[1]}', "JSON")).toEqual({ a: [1] });
    expect(convertKvValue("text", "STRING")).toBe("text");
    expect(convertKvValue(7, "STRING")).toBe(7);
    expect(convertKvValue("7", undefined)).toBe("7");
  });

  it("names the value and the type it cannot become", () => {
    expect(() => convertKvValue("abc", "NUMBER")).toThrow("Cannot convert 'abc' to NUMBER");
    expect(() => convertKvValue("soon", "DATETIME")).toThrow("Cannot convert 'soon' to DATETIME");
    expect(() => convertKvValue("1 hour", "DURATION")).toThrow("Cannot convert '1 hour' to DURATION");
    expect(() => convertKvValue("{", "JSON")).toThrow("Cannot convert '{' to JSON");
  });
});

describe("values sent to the API", () => {
  it("reads JSON, ISO dates and instants as Kestra's Ion mapper does", () => {
    expect(parseKvBody('{"hello":"world"}')).toEqual({ hello: "world" });
    expect(parseKvBody('["hello","world"]')).toEqual(["hello", "world"]);
    expect(parseKvBody('"hello"')).toBe("hello");
    expect(parseKvBody("1")).toBe(1);
    expect(kvTypeOf(parseKvBody("1.0"))).toBe("NUMBER");
    expect(parseKvBody("true")).toBe(true);
    expect(parseKvBody("2021-09-01")).toEqual(Temporal.PlainDate.from("2021-09-01"));
    expect(parseKvBody("2021-09-01T01:02:03Z")).toEqual(Temporal.Instant.from("2021-09-01T01:02:03Z"));
    expect(parseKvBody("plain text")).toBe("plain text");
  });

  it("refuses broken JSON", () => {
    expect(() => parseKvBody('{"a":')).toThrow('Invalid JSON value for: {"a":');
  });
});
