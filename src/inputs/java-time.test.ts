import { describe, expect, it } from "vitest";
import { temporalString } from "../expression/values.js";
import { javaDurationString, parseDuration, parseInstant, parseLocalDate, parseLocalTime } from "./java-time.js";

const failure = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a failure");
};

describe("Instant.parse", () => {
  it("reads ISO instants with Z, offsets, fractions, any case", () => {
    expect(temporalString(parseInstant("2019-10-06T18:27:49Z"))).toBe("2019-10-06T18:27:49Z");
    expect(temporalString(parseInstant("2019-10-06t18:27:49.5z"))).toBe("2019-10-06T18:27:49.500Z");
    expect(temporalString(parseInstant("2019-10-06T18:27:49+02:00"))).toBe("2019-10-06T16:27:49Z");
    expect(temporalString(parseInstant("2019-10-06T18:27:49-01:30:15"))).toBe("2019-10-06T19:58:04Z");
    expect(temporalString(parseInstant("2019-10-06T24:00:00Z"))).toBe("2019-10-07T00:00:00Z");
    expect(temporalString(parseInstant("2016-12-31T23:59:60Z"))).toBe("2016-12-31T23:59:59Z");
    expect(parseInstant("+12019-10-06T00:00:00Z").toZonedDateTimeISO("UTC").year).toBe(12019);
  });

  it("fails at the index java.time reports", () => {
    expect(failure(() => parseInstant("2019-10-06"))).toBe("Text '2019-10-06' could not be parsed at index 10");
    expect(failure(() => parseInstant("2019-10-06T18:27"))).toBe(
      "Text '2019-10-06T18:27' could not be parsed at index 16",
    );
    expect(failure(() => parseInstant("2019-10-06T18:27:49"))).toBe(
      "Text '2019-10-06T18:27:49' could not be parsed at index 19",
    );
    expect(failure(() => parseInstant("12019-10-06T18:27:49Z"))).toBe(
      "Text '12019-10-06T18:27:49Z' could not be parsed at index 0",
    );
    expect(failure(() => parseInstant("2019-02-30T18:27:49Z"))).toBe(
      "Text '2019-02-30T18:27:49Z' could not be parsed at index 0",
    );
    expect(failure(() => parseInstant("2019-10-06T18:27:49Zx"))).toBe(
      "Text '2019-10-06T18:27:49Zx' could not be parsed, unparsed text found at index 20",
    );
    expect(failure(() => parseInstant("2019-10-06T18:27:49+25:00"))).toBe(
      "Text '2019-10-06T18:27:49+25:00' could not be parsed: Value out of range: Hour[0-23], Minute[0-59], Second[0-59]",
    );
  });

  it("abbreviates long texts to 64 characters", () => {
    const text = "x".repeat(70);
    expect(failure(() => parseInstant(text))).toBe(`Text '${"x".repeat(64)}...' could not be parsed at index 0`);
  });
});

describe("LocalDate.parse and LocalTime.parse", () => {
  it("read ISO dates and times", () => {
    expect(parseLocalDate("2019-10-06").toString()).toBe("2019-10-06");
    expect(temporalString(parseLocalTime("01:00"))).toBe("01:00");
    expect(temporalString(parseLocalTime("18:27:49.120"))).toBe("18:27:49.120");
    expect(temporalString(parseLocalTime("18:27:49."))).toBe("18:27:49");
  });

  it("report STRICT resolution errors", () => {
    expect(failure(() => parseLocalDate("2023-13-01"))).toBe(
      "Text '2023-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13",
    );
    expect(failure(() => parseLocalDate("2023-01-32"))).toBe(
      "Text '2023-01-32' could not be parsed: Invalid value for DayOfMonth (valid values 1 - 28/31): 32",
    );
    expect(failure(() => parseLocalDate("2023-04-31"))).toBe(
      "Text '2023-04-31' could not be parsed: Invalid date 'APRIL 31'",
    );
    expect(failure(() => parseLocalDate("+2023-01-01"))).toBe("Text '+2023-01-01' could not be parsed at index 0");
    expect(failure(() => parseLocalTime("24:00"))).toBe(
      "Text '24:00' could not be parsed: Invalid value for HourOfDay (valid values 0 - 23): 24",
    );
    expect(failure(() => parseLocalTime("10:61"))).toBe(
      "Text '10:61' could not be parsed: Invalid value for MinuteOfHour (valid values 0 - 59): 61",
    );
    expect(failure(() => parseLocalTime("1:00"))).toBe("Text '1:00' could not be parsed at index 0");
  });
});

describe("Duration", () => {
  it("parses and prints the Java way", () => {
    const cases: [string, string][] = [
      ["PT5M6S", "PT5M6S"],
      ["P1D", "PT24H"],
      ["p2dt3h", "PT51H"],
      ["PT90M", "PT1H30M"],
      ["PT0S", "PT0S"],
      ["PT-0.5S", "PT-0.5S"],
      ["-PT1H30M", "PT-1H-30M"],
      ["PT1.123456789S", "PT1.123456789S"],
      ["PT1,5S", "PT1.5S"],
      ["PT-1H+30M", "PT-30M"],
    ];
    for (const [text, printed] of cases) expect(javaDurationString(parseDuration(text)), text).toBe(printed);
  });

  it("refuses what Duration.parse refuses", () => {
    for (const text of ["P", "PT", "5M", "PT5", "P1Y", "PT1.1234567890S", "P1DT"]) {
      expect(
        failure(() => parseDuration(text)),
        text,
      ).toBe("Text cannot be parsed to a Duration");
    }
    expect(failure(() => parseDuration("PT9999999999999999H"))).toBe("Text cannot be parsed to a Duration: hours");
  });
});
