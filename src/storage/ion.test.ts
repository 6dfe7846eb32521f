import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { JDouble, JFloat } from "../expression/values.js";
import { ionLine } from "./ion.js";

describe("Ion rows", () => {
  it("writes one value per line in Kestra's Ion text", () => {
    expect(ionLine({ value: "    0\n    1\n" })).toBe('{value:"    0\\n    1\\n"}\n');
    expect(ionLine({ value: "x", "my-key": 1, null: false, list: [1, "a"] })).toBe(
      `{value:"x",'my-key':1,'null':false,list:[1,"a"]}\n`,
    );
  });

  it("keeps Java numbers and instants as Kestra writes them", () => {
    expect(ionLine({ f: new JFloat(1), d: new JDouble(2), x: 1.5 })).toBe("{f:1e0,d:2e0,x:1.5e0}\n");
    expect(ionLine(Temporal.Instant.from("2024-01-02T03:04:05.123Z"))).toBe("2024-01-02T03:04:05.123Z\n");
  });
});
