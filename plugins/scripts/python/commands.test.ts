import { describe, expect, it } from "vitest";
import plugin from "./commands.js";

describe("python.Commands", () => {
  it("runs files from namespace files with dependencies", () => {
    const props = {
      namespaceFiles: {
        enabled: true,
        folderPerNamespace: true,
        namespaces: ["company", "company.team"],
        include: ["etl.py"],
      },
      dependencies: ["requests"],
      commands: ["python company.team/etl.py"],
    };
    expect(plugin.properties.parse(props).containerImage).toBe("python:3.13-slim");
    expect(
      plugin.properties.safeParse({ commands: ["python main.py"], namespaceFiles: { ifExists: "SKIP" } }).success,
    ).toBe(false);
  });
});
