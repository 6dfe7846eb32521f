import { describe, expect, it } from "vitest";
import plugin from "./commands.js";

describe("node.Commands", () => {
  it("uses the node image and accepts the documented example", () => {
    const props = {
      inputFiles: { "main.js": 'console.log("Hello")' },
      beforeCommands: ["npm install colors"],
      commands: ["node main.js"],
      warningOnStdErr: false,
    };
    expect(plugin.properties.parse(props).containerImage).toBe("node");
    expect(plugin.properties.safeParse({ script: "console.log(1)" }).success).toBe(false);
  });
});
