import { describe, expect, it } from "vitest";
import sequential from "./sequential.js";

describe("Sequential", () => {
  it("requires a non-empty task list", () => {
    expect(sequential.properties.safeParse({}).success).toBe(false);
    expect(sequential.properties.safeParse({ tasks: [] }).success).toBe(false);
    expect(sequential.properties.safeParse({ tasks: [{ id: "a", type: "x" }] }).success).toBe(true);
  });
});
