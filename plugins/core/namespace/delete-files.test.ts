import { describe, expect, it } from "vitest";
import plugin from "./delete-files.js";

describe("namespace.DeleteFiles", () => {
  it("accepts Kestra's examples and keeps parent folders by default", () => {
    expect(plugin.properties.parse({ namespace: "tutorial", files: ["**.upl"] })).toEqual({
      namespace: "tutorial",
      files: ["**.upl"],
      deleteParentFolder: false,
    });
    expect(plugin.properties.safeParse({ namespace: "tutorial", files: "**", deleteParentFolder: true }).success).toBe(
      true,
    );
  });

  it("requires a namespace and files", () => {
    expect(plugin.properties.safeParse({ files: "**" }).success).toBe(false);
    expect(plugin.properties.safeParse({ namespace: "tutorial" }).success).toBe(false);
  });
});
