import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { formatDate } from "./java-format.js";
import { zoneOf } from "./zones.js";

const at = (iso: string, zone: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(zoneOf(zone).temporal);
const utc = at("2024-01-02T03:04:05.123456789Z", "UTC");
const fmt = (pattern: string, zdt = utc, locale = "en-US") => formatDate(zdt, pattern, locale);

describe("Java DateTimeFormatter patterns", () => {
  it.each([
    ["yyyy-MM-dd HH:mm:ss", "2024-01-02 03:04:05"],
    ["y yy yyy yyyy yyyyy", "2024 24 2024 2024 02024"],
    ["u uu uuuu", "2024 24 2024"],
    ["M MM MMM MMMM MMMMM", "1 01 Jan January J"],
    ["L LL LLL LLLL", "1 01 Jan January"],
    ["d dd D DD DDD", "2 02 2 02 002"],
    ["E EE EEE EEEE EEEEE", "Tue Tue Tue Tuesday T"],
    ["e ee eee eeee c ccc cccc", "3 03 Tue Tuesday 3 Tue Tuesday"],
    ["Q QQ QQQ QQQQ QQQQQ q", "1 01 Q1 1st quarter 1 1"],
    ["G GGGG GGGGG", "AD Anno Domini A"],
    ["h hh K KK k kk H HH a", "3 03 3 03 3 03 3 03 AM"],
    ["m mm s ss", "4 04 5 05"],
    ["S SS SSS SSSSSS SSSSSSSSS", "1 12 123 123456 123456789"],
    ["n N A", "123456789 11045123456789 11045123"],
    ["F g", "1 60311"],
    ["w ww W Y YY YYYY", "1 01 1 2024 24 2024"],
    ["'o''clock' '' [HH[:mm]] ppd", "o'clock ' 03:04  2"],
    ["B BBBB", "at night at night"],
  ])("%s", (pattern, expected) => {
    expect(fmt(pattern)).toBe(expected);
  });

  it("uses the locale for text fields", () => {
    expect(fmt("EEEE d MMMM", utc, "fr")).toBe("mardi 2 janvier");
    expect(fmt("EEE MMM", utc, "de-DE")).toBe("Di. Jan.");
  });

  it("prints the clock hours and AM/PM around midnight and noon", () => {
    const midnight = at("2024-01-02T00:30:00Z", "UTC");
    const noon = at("2024-01-02T12:30:00Z", "UTC");
    expect(fmt("h K k H a", midnight)).toBe("12 0 24 0 AM");
    expect(fmt("h K k H a", noon)).toBe("12 0 12 12 PM");
  });

  it("prints the week-based year with the locale's week rules", () => {
    const dec30 = at("2024-12-30T12:00:00Z", "UTC");
    expect(fmt("YYYY-MM-dd", dec30)).toBe("2025-12-30");
    const jan1 = at("2021-01-01T12:00:00Z", "UTC");
    expect(fmt("YYYY w e", jan1, "en-US")).toBe("2021 1 6");
    expect(fmt("YYYY w e", jan1, "en-GB")).toBe("2020 53 5");
    const sunday = at("2024-01-07T12:00:00Z", "UTC");
    expect(fmt("e", sunday, "en-US")).toBe("1");
    expect(fmt("e", sunday, "fr-FR")).toBe("7");
  });

  it("signs years beyond the pad width and years before the era", () => {
    expect(fmt("yyyy", at("+055840-11-08T22:13:20Z", "UTC"))).toBe("+55840");
    const bc = Temporal.ZonedDateTime.from({ year: -5, month: 1, day: 1, timeZone: "UTC" });
    expect(fmt("uuuu yyyy G", bc)).toBe("-0005 0006 BC");
  });

  it("prints offsets and zones", () => {
    const kolkata = at("2024-01-02T03:04:05Z", "Asia/Kolkata");
    expect(fmt("X XX XXX XXXX XXXXX", kolkata)).toBe("+0530 +0530 +05:30 +0530 +05:30");
    expect(fmt("x xx xxx Z ZZZZ ZZZZZ O OOOO", kolkata)).toBe(
      "+0530 +0530 +05:30 +0530 GMT+05:30 +05:30 GMT+5:30 GMT+05:30",
    );
    expect(fmt("X x xxx Z ZZZZZ O", utc)).toBe("Z +00 +00:00 +0000 Z GMT");
    expect(fmt("VV z zzzz", utc)).toBe("UTC UTC Coordinated Universal Time");
    expect(fmt("VV z zzzz", at("2024-07-02T03:04:05Z", "America/New_York"))).toBe(
      "America/New_York EDT Eastern Daylight Time",
    );
    expect(fmt("z", at("2024-07-02T03:04:05Z", "Europe/Paris"))).toBe("CEST");
    expect(fmt("z", at("2024-01-02T03:04:05Z", "Asia/Tokyo"))).toBe("JST");
    expect(fmt("VV z XXX", at("2024-01-02T03:04:05Z", "+05:00"))).toBe("+05:00 +05:00 +05:00");
    expect(fmt("VV z", at("2024-01-02T03:04:05Z", "Z"))).toBe("Z Z");
  });

  it.each([
    ["yyyy-bb", "Unknown pattern letter: b"],
    ["MMMMMM", "Too many pattern letters: M"],
    ["ddd", "Too many pattern letters: d"],
    ["aa", "Too many pattern letters: a"],
    ["V", "Pattern letter count must be 2: V"],
    ["OO", "Pattern letter count must be 1 or 4: O"],
    ["cc", 'Invalid pattern "cc"'],
    ["'abc", "Pattern ends with an incomplete string literal: 'abc"],
    ["yyyy#", "Pattern includes reserved character: '#'"],
    ["yyyy]", "Pattern invalid as it contains ] without previous ["],
    ["p", "Pad letter 'p' must be followed by valid pad pattern: p"],
    ["SSSSSSSSSS", "Minimum width must be from 0 to 9 inclusive but was 10"],
    ["nnnnnnnnnnnnnnnnnnnn", "The minimum width must be from 1 to 19 inclusive but was 20"],
  ])("rejects %s", (pattern, message) => {
    expect(() => fmt(pattern)).toThrow(message);
  });

  it("fails when a padded value exceeds the pad width", () => {
    expect(() => fmt("pyyyy")).toThrow("Cannot print as output of 4 characters exceeds pad width of 1");
  });
});

describe("Kestra's named formats", () => {
  const paris = at("2024-01-02T03:04:05.123Z", "Europe/Paris");
  it.each([
    ["iso", "2024-01-02T04:04:05.123000+01:00"],
    ["iso_sec", "2024-01-02T04:04:05+01:00"],
    ["sql", "2024-01-02 04:04:05.123000"],
    ["sql_seq", "2024-01-02 04:04:05"],
    ["iso_date_time", "2024-01-02T04:04:05.123+01:00[Europe/Paris]"],
    ["iso_date", "2024-01-02+01:00"],
    ["iso_time", "04:04:05.123+01:00"],
    ["iso_local_date", "2024-01-02"],
    ["iso_instant", "2024-01-02T03:04:05.123Z"],
    ["iso_local_date_time", "2024-01-02T04:04:05.123"],
    ["iso_local_time", "04:04:05.123"],
    ["iso_offset_time", "04:04:05.123+01:00"],
    ["iso_ordinal_date", "2024-002+01:00"],
    ["iso_week_date", "2024-W01-2+01:00"],
    ["iso_zoned_date_time", "2024-01-02T04:04:05.123+01:00[Europe/Paris]"],
    ["rfc_1123_date_time", "Tue, 2 Jan 2024 04:04:05 +0100"],
  ])("%s", (name, expected) => {
    expect(formatDate(paris, name, "en-US")).toBe(expected);
  });

  it("omits the region of an offset zone and a zero fraction", () => {
    const offset = at("2024-01-02T03:04:05Z", "+02:00");
    expect(formatDate(offset, "iso_date_time", "en-US")).toBe("2024-01-02T05:04:05+02:00");
    expect(formatDate(offset, "iso_zoned_date_time", "en-US")).toBe("2024-01-02T05:04:05+02:00");
    expect(formatDate(at("2024-01-02T03:04:05Z", "UTC"), "rfc_1123_date_time", "en-US")).toBe(
      "Tue, 2 Jan 2024 03:04:05 GMT",
    );
  });

  it("only knows Kestra's names: other DateTimeFormatter constants are patterns", () => {
    expect(() => formatDate(paris, "basic_iso_date", "en-US")).toThrow("Unknown pattern letter: b");
    expect(() => formatDate(paris, "iso_offset_date_time", "en-US")).toThrow("Unknown pattern letter: i");
  });

  it("fails like Java when RFC 1123 cannot print the year", () => {
    expect(() => formatDate(at("+055840-11-08T22:13:20Z", "UTC"), "rfc_1123_date_time", "en-US")).toThrow(
      "Field Year cannot be printed as the value 55840 exceeds the maximum print width of 4",
    );
  });

  it("formats the localized styles (en_US with Java 20+ narrow no-break space before AM/PM)", () => {
    const d = at("2024-01-02T03:04:05.123Z", "UTC");
    expect(formatDate(d, "short", "en-US")).toBe("1/2/24, 3:04\u202FAM");
    expect(formatDate(d, "medium", "en-US")).toBe("Jan 2, 2024, 3:04:05\u202FAM");
    expect(formatDate(d, "long", "en-US")).toBe("January 2, 2024, 3:04:05\u202FAM UTC");
    expect(formatDate(d, "full", "en-US")).toBe("Tuesday, January 2, 2024, 3:04:05\u202FAM Coordinated Universal Time");
  });
});
