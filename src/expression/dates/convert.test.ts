import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { JDouble, JFloat, temporalString } from "../values.js";
import { toZonedDateTime } from "./convert.js";
import { zoneOf } from "./zones.js";

const UTC = zoneOf("UTC");
const PARIS = zoneOf("Europe/Paris");
const convert = (value: unknown, zone = UTC, existingFormat?: string) =>
  temporalString(toZonedDateTime(value, zone, existingFormat, "en-US").zdt);

describe("AbstractDate.convert", () => {
  it("places date objects in the zone", () => {
    expect(convert(Temporal.Instant.from("2024-01-02T03:04:05Z"), PARIS)).toBe(
      "2024-01-02T04:04:05+01:00[Europe/Paris]",
    );
    expect(convert(Temporal.PlainDateTime.from("2024-01-02T03:04:05"), PARIS)).toBe(
      "2024-01-02T03:04:05+01:00[Europe/Paris]",
    );
    expect(convert(Temporal.PlainDate.from("2024-01-02"), PARIS)).toBe("2024-01-02T12:00+01:00[Europe/Paris]");
    expect(convert(new Date("2024-01-02T03:04:05Z"), PARIS)).toBe("2024-01-02T04:04:05+01:00[Europe/Paris]");
    const zoned = Temporal.ZonedDateTime.from("2024-01-02T03:04:05+05:00[+05:00]");
    expect(convert(zoned, PARIS)).toBe("2024-01-02T03:04:05+05:00");
  });

  it("reads a Long as epoch seconds", () => {
    expect(convert(1704164645n)).toBe("2024-01-02T03:04:05Z[UTC]");
    expect(toZonedDateTime(1700000000000, UTC, undefined, "en-US").zdt.year).toBe(55840);
    expect(convert(-1n)).toBe("1969-12-31T23:59:59Z[UTC]");
  });

  it("casts everything else to String like Java", () => {
    const message = (type: string) =>
      `class ${type} cannot be cast to class java.lang.String (${type} and java.lang.String are in module java.base of loader 'bootstrap')`;
    expect(() => convert(1700000000)).toThrow(message("java.lang.Integer"));
    expect(() => convert(1.5)).toThrow(message("java.lang.Double"));
    expect(() => convert(new JDouble(2))).toThrow(message("java.lang.Double"));
    expect(() => convert(new JFloat(2))).toThrow(message("java.lang.Float"));
    expect(() => convert(true)).toThrow(message("java.lang.Boolean"));
    expect(() => convert([1])).toThrow(message("java.util.ArrayList"));
    expect(() => convert(Temporal.PlainTime.from("10:00"))).toThrow(message("java.time.LocalTime"));
  });

  it("parses ISO strings as zoned, then local date-time, then date at the start of the day", () => {
    expect(convert("2024-01-02T03:04:05Z", PARIS)).toBe("2024-01-02T03:04:05Z");
    expect(convert("2024-01-02T03:04:05.123456789+05:00", PARIS)).toBe("2024-01-02T03:04:05.123456789+05:00");
    expect(convert("2024-01-02T03:04:05+05:00[Europe/Paris]")).toBe("2024-01-01T23:04:05+01:00[Europe/Paris]");
    expect(convert("2024-01-02t03:04z")).toBe("2024-01-02T03:04Z");
    expect(convert("2024-01-02T03:04:05", PARIS)).toBe("2024-01-02T03:04:05+01:00[Europe/Paris]");
    expect(convert("2024-01-02", PARIS)).toBe("2024-01-02T00:00+01:00[Europe/Paris]");
    expect(toZonedDateTime("+10000-01-01", UTC, undefined, "en-US").zdt.year).toBe(10000);
  });

  it("resolves local times in DST gaps forward and overlaps to the earlier offset", () => {
    expect(convert("2024-03-31T02:30:00", PARIS)).toBe("2024-03-31T03:30+02:00[Europe/Paris]");
    expect(convert("2024-10-27T02:30:00", PARIS)).toBe("2024-10-27T02:30+02:00[Europe/Paris]");
  });

  it("reports the LocalDate parse error when nothing matches", () => {
    expect(() => convert("hello")).toThrow("Text 'hello' could not be parsed at index 0");
    expect(() => convert("2024-01-02x")).toThrow(
      "Text '2024-01-02x' could not be parsed, unparsed text found at index 10",
    );
    expect(() => convert("2024-13-01")).toThrow(
      "Text '2024-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13",
    );
    expect(() => convert("2023-02-29")).toThrow(
      "Text '2023-02-29' could not be parsed: Invalid date 'February 29' as '2023' is not a leap year",
    );
    expect(() => convert("10000-01-01")).toThrow("could not be parsed at index 0");
  });
});

describe("existingFormat", () => {
  it.each([
    ["20240102", "yyyyMMdd", "2024-01-02T00:00Z[UTC]"],
    ["20240102153000", "yyyyMMddHHmmss", "2024-01-02T15:30Z[UTC]"],
    ["2024-01-02 10", "yyyy-MM-dd HH", "2024-01-02T10:00Z[UTC]"],
    ["01/02/24 3:04 PM", "MM/dd/yy h:mm a", "2024-01-02T15:04Z[UTC]"],
    ["2023-02-30", "yyyy-MM-dd", "2023-02-28T00:00Z[UTC]"],
    ["2024-01-02 24:00", "yyyy-MM-dd HH:mm", "2024-01-03T00:00Z[UTC]"],
    ["Jan 2, 2024 +0530", "MMM d, yyyy Z", "2024-01-02T00:00Z[UTC]"],
    ["2024-01-02 10:00 +0530", "yyyy-MM-dd HH:mm Z", "2024-01-02T10:00+05:30"],
    ["2024-01-02 10:00 Asia/Tokyo", "yyyy-MM-dd HH:mm VV", "2024-01-02T10:00+09:00[Asia/Tokyo]"],
    ["2024-01-02 10:00 CET", "yyyy-MM-dd HH:mm z", "2024-01-02T10:00+01:00[CET]"],
    ["2024-002", "yyyy-DDD", "2024-01-02T00:00Z[UTC]"],
    ["2024-W01-2", "YYYY-'W'ww-e", "2024-01-01T00:00Z[UTC]"],
    ["2024-01-02T03:04:05+01:00", "iso_offset_time", undefined],
    ["Tue, 08 Feb 2022 19:38:26 GMT", "rfc_1123_date_time", "2022-02-08T19:38:26Z"],
    ["2024-01-02T03:04:05.123000Z", "iso", "2024-01-02T03:04:05.123Z"],
    ["1/2/24, 3:04\u202FAM", "short", "2024-01-02T03:04Z[UTC]"],
  ])("%s with %s", (text, format, expected) => {
    if (expected === undefined) expect(() => convert(text, UTC, format)).toThrow();
    else expect(convert(text, UTC, format)).toBe(expected);
  });

  it("is case-sensitive and checks the day of week", () => {
    expect(() => convert("july 24, 2001", UTC, "MMMM dd, yyyy")).toThrow("could not be parsed at index 0");
    expect(() => convert("Wednesday, 2024-01-02", UTC, "EEEE, yyyy-MM-dd")).toThrow(
      "Conflict found: Field DayOfWeek 2 differs from DayOfWeek 3 derived from 2024-01-02",
    );
  });

  it("cannot make a ZonedDateTime out of an ISO instant (no zone)", () => {
    expect(() => convert("2024-01-02T03:04:05Z", UTC, "iso_instant")).toThrow(
      "Unable to obtain LocalDate from TemporalAccessor",
    );
  });
});

describe("ZoneId.of", () => {
  it.each([
    ["Z", "Z"],
    ["+5", "+05:00"],
    ["-0130", "-01:30"],
    ["UTC", "UTC"],
    ["UTC+1", "UTC+01:00"],
    ["GMT-05:00", "GMT-05:00"],
    ["UT", "UT"],
    ["UTC+0", "UTC"],
    ["Etc/GMT-1", "Etc/GMT-1"],
    ["EST", "EST"],
  ])("%s is %s", (id, expected) => {
    expect(zoneOf(id).id).toBe(expected);
  });

  it.each([
    ["Mars/Base", "Unknown time-zone ID: Mars/Base"],
    ["europe/paris", "Unknown time-zone ID: europe/paris"],
    ["PST", "Unknown time-zone ID: PST"],
    ["a b", "Invalid ID for region-based ZoneId, invalid format: a b"],
    ["+25:00", "Zone offset hours not in valid range: value 25 is not in the range -18 to 18"],
    ["+1:00", "Invalid ID for ZoneOffset, non numeric characters found: +1:00"],
    ["+1234567", "Invalid ID for ZoneOffset, invalid format: +1234567"],
    ["UTC+x", "Invalid ID for offset-based ZoneId: UTC+x"],
  ])("rejects %s", (id, message) => {
    expect(() => zoneOf(id)).toThrow(message);
  });
});
