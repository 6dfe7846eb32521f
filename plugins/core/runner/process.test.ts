import { describe, expect, it } from "vitest";
import plugin from "./process.js";

describe("Process task runner", () => {
  it("has no properties of its own", () => {
    expect(plugin.category).toBe("taskRunner");
    expect(plugin.properties.safeParse({}).success).toBe(true);
    expect(plugin.properties.safeParse({ image: "ubuntu" }).success).toBe(false);
  });
});
