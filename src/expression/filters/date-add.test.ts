import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { testContext } from "../test-context.js";
import dateAdd from "./date-add.js";

const ctx = testContext();
const add = (input: unknown, amount: unknown, unit: unknown, extra: Record<string, unknown> = {}) =>
  dateAdd.apply(input, { amount, unit, format: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX", ...extra }, ctx);

describe("dateAdd", () => {
  it("declares Kestra's argument order", () => {
    expect(dateAdd.args).toEqual(["amount", "unit", "format", "timeZone", "existingFormat", "locale"]);
  });

  it.each([
    ["NANOS", 1n, "2024-01-31T10:00:00.000000001Z"],
    ["MICROS", 1n, "2024-01-31T10:00:00.000001000Z"],
    ["MILLIS", -1n, "2024-01-31T09:59:59.999000000Z"],
    ["HALF_DAYS", 1n, "2024-01-31T22:00:00.000000000Z"],
    ["WEEKS", 1n, "2024-02-07T10:00:00.000000000Z"],
    ["MONTHS", 1n, "2024-02-29T10:00:00.000000000Z"],
    ["MONTHS", 13n, "2025-02-28T10:00:00.000000000Z"],
    ["DECADES", 1n, "2034-01-31T10:00:00.000000000Z"],
    ["CENTURIES", -1n, "1924-01-31T10:00:00.000000000Z"],
    ["MILLENNIA", 1n, "3024-01-31T10:00:00.000000000Z"],
    ["ERAS", 0n, "2024-01-31T10:00:00.000000000Z"],
  ])("adds %s", (unit, amount, expected) => {
    expect(add("2024-01-31T10:00:00Z", amount, unit)).toBe(expected);
  });

  it("keeps the previous offset in a DST overlap (ZonedDateTime.resolveLocal)", () => {
    const before = Temporal.ZonedDateTime.from("2024-10-26T02:30:00+02:00[Europe/Paris]");
    const after = Temporal.ZonedDateTime.from("2024-10-28T02:30:00+01:00[Europe/Paris]");
    const opts = { format: "yyyy-MM-dd HH:mm XXX", timeZone: "Europe/Paris" };
    expect(dateAdd.apply(before, { amount: 1n, unit: "DAYS", ...opts }, ctx)).toBe("2024-10-27 02:30 +02:00");
    expect(dateAdd.apply(after, { amount: -1n, unit: "DAYS", ...opts }, ctx)).toBe("2024-10-27 02:30 +01:00");
  });

  it("adds in the input's own zone, then formats in the target zone", () => {
    const zoned = Temporal.ZonedDateTime.from("2024-03-30T12:00:00+01:00[+01:00]");
    const result = dateAdd.apply(
      zoned,
      { amount: 1n, unit: "DAYS", format: "yyyy-MM-dd HH:mm XXX", timeZone: "Europe/Paris" },
      ctx,
    );
    expect(result).toBe("2024-03-31 13:00 +02:00");
  });

  it("returns null for null input", () => {
    expect(dateAdd.apply(null, { amount: 1n, unit: "DAYS" }, ctx)).toBeNull();
  });

  it.each([
    [1, "DAYS", "class java.lang.Integer cannot be cast to class java.lang.Long"],
    [1.5, "DAYS", "class java.lang.Double cannot be cast to class java.lang.Long"],
    [null, "DAYS", 'Cannot invoke "java.lang.Long.longValue()" because "amount" is null'],
    [1n, "days", "No enum constant java.time.temporal.ChronoUnit.days"],
    [1n, null, "Name is null"],
    [1n, "FOREVER", "Unsupported unit: Forever"],
    [1n, "ERAS", "Invalid value for Era (valid values 0 - 1): 2"],
  ])("rejects amount %s and unit %s", (amount, unit, message) => {
    expect(() => add("2024-01-31T10:00:00Z", amount, unit)).toThrow(message);
  });
});
