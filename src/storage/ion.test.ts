import { describe, expect, it } from "vitest";
import { ionLine, toIon } from "./ion.js";

describe("Ion text", () => {
  it("writes scalars as Jackson's Ion mapper does", () => {
    expect(toIon(null)).toBe("null");
    expect(toIon(true)).toBe("true");
    expect(toIon(42)).toBe("42");
    expect(toIon(1.5)).toBe("1.5e0");
    expect(toIon(0.001)).toBe("1e-3");
    expect(toIon('a "quoted"\nline')).toBe('"a \\"quoted\\"\\nline"');
  });

  it("writes maps with symbol field names, quoting those that are not identifiers", () => {
    expect(toIon({ value: "x", "my-key": 1, null: false, list: [1, "a"] })).toBe(
      `{value:"x",'my-key':1,'null':false,list:[1,"a"]}`,
    );
  });

  it("puts one value per line", () => {
    expect(ionLine({ value: "    0\n    1\n" })).toBe('{value:"    0\\n    1\\n"}\n');
  });
});
