import { describe, expect, it } from "vitest";
import plugin from "./script.js";

describe("node.Script", () => {
  it("uses the node image and needs a script", () => {
    expect(plugin.properties.parse({ script: "console.log('Hello')" }).containerImage).toBe("node");
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });
});
