import { describe, expect, it } from "vitest";
import plugin from "./script.js";

describe("shell.Script", () => {
  it("needs the script content", () => {
    const props = { script: 'echo "1" >> first.txt', outputFiles: ["first.txt"] };
    expect(plugin.properties.parse(props).containerImage).toBe("ubuntu");
    expect(plugin.properties.safeParse({ script: "" }).success).toBe(false);
    expect(plugin.properties.safeParse({ commands: ["ls"] }).success).toBe(false);
  });
});
