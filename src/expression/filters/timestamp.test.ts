import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { testContext } from "../test-context.js";
import timestamp from "./timestamp.js";
import timestampMicro from "./timestamp-micro.js";
import timestampMilli from "./timestamp-milli.js";
import timestampNano from "./timestamp-nano.js";

const ctx = testContext();

describe("timestamp filters", () => {
  it("declare timeZone and existingFormat", () => {
    for (const f of [timestamp, timestampMilli, timestampMicro, timestampNano]) {
      expect(f.args).toEqual(["timeZone", "existingFormat"]);
    }
  });

  it("convert to epoch values of the right Java types", () => {
    const zoned = Temporal.ZonedDateTime.from("2013-09-08T16:19:12.123456789+01:00[+01:00]");
    expect(timestamp.apply(zoned, {}, ctx)).toBe(1378653552n);
    expect(timestampMilli.apply(zoned, {}, ctx)).toBe(1378653552123n);
    expect(timestampMicro.apply(zoned, {}, ctx)).toBe("1378653552000123456");
    expect(timestampNano.apply(zoned, {}, ctx)).toBe("1378653552123456789");
  });

  it("floor before the epoch", () => {
    const instant = Temporal.Instant.from("1969-12-31T23:59:59.5Z");
    expect(timestamp.apply(instant, {}, ctx)).toBe(-1n);
    expect(timestampMilli.apply(instant, {}, ctx)).toBe(-500n);
    expect(timestampNano.apply(instant, {}, ctx)).toBe("-500000000");
    expect(timestampMicro.apply(instant, {}, ctx)).toBe("-999500000");
  });

  it("saturate then overflow like TimeUnit.SECONDS.toNanos + a long addition", () => {
    expect(timestampNano.apply(1700000000000n, {}, ctx)).toBe("9223372036854775807");
  });

  it("return a Long that arithmetic can use (timestamp-is-number)", () => {
    const seconds = timestamp.apply("2024-01-02T03:04:05Z", {}, ctx);
    expect(typeof seconds === "bigint" ? seconds + 60n : undefined).toBe(1704164705n);
  });

  it("interpret local strings in the time zone and parse with existingFormat", () => {
    expect(timestamp.apply("2024-01-02T03:04:05", { timeZone: "Europe/Paris" }, ctx)).toBe(1704161045n);
    expect(timestamp.apply("02/01/2024", { existingFormat: "dd/MM/yyyy" }, ctx)).toBe(1704153600n);
  });

  it("return null for null input", () => {
    expect(timestamp.apply(null, {}, ctx)).toBeNull();
    expect(timestampNano.apply(undefined, {}, ctx)).toBeNull();
  });
});
