import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { JDouble, JFloat } from "../expression/values.js";
import { parseTyped, stringifyTyped, toKestraJson } from "./typed-json.js";

const typed = {
  float: new JFloat(1.5),
  double: new JDouble(2),
  long: 9007199254740993n,
  instant: Temporal.Instant.from("2024-01-02T03:04:05.123Z"),
  zoned: Temporal.ZonedDateTime.from("2024-01-02T03:04:05+01:00[Europe/Paris]"),
  local: Temporal.PlainDateTime.from("2024-01-02T03:04:05"),
  date: Temporal.PlainDate.from("2024-01-02"),
  time: Temporal.PlainTime.from("03:04:05"),
  duration: Temporal.Duration.from("PT1H30M"),
  nested: [{ inner: new JFloat(0.25) }],
  plain: { text: "x", n: 3, none: null, flag: true },
};

describe("typed JSON", () => {
  it("keeps every Java-typed value through text", () => {
    const back = parseTyped<typeof typed>(stringifyTyped(typed));
    expect(back.float).toBeInstanceOf(JFloat);
    expect(back.float.value).toBe(1.5);
    expect(back.double).toBeInstanceOf(JDouble);
    expect(back.long).toBe(9007199254740993n);
    expect(back.instant.equals(typed.instant)).toBe(true);
    expect(back.zoned.equals(typed.zoned)).toBe(true);
    expect(back.local.equals(typed.local)).toBe(true);
    expect(back.date.equals(typed.date)).toBe(true);
    expect(back.time.equals(typed.time)).toBe(true);
    expect(back.duration.toString()).toBe("PT1H30M");
    expect(back.nested[0]?.inner).toBeInstanceOf(JFloat);
    expect(back.plain).toEqual(typed.plain);
  });

  it("answers Kestra's plain JSON: numbers and ISO strings", () => {
    const plain = toKestraJson(typed) as unknown as Record<string, unknown>;
    expect(plain.float).toBe(1.5);
    expect(plain.double).toBe(2);
    expect(plain.long).toBe(9007199254740992);
    expect(plain.instant).toBe("2024-01-02T03:04:05.123Z");
    expect(plain.date).toBe("2024-01-02");
    expect(plain.duration).toBe("PT1H30M");
  });

  it("leaves an object that merely looks tagged alone when it has other keys", () => {
    const value = { "@tern": "Float", v: 1, other: true };
    expect(parseTyped(stringifyTyped(value))).toEqual(value);
  });
});
