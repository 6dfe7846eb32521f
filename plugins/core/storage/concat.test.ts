import { describe, expect, it } from "vitest";
import plugin from "./concat.js";

describe("storage.Concat", () => {
  it("accepts a list of URIs or an expression, with a .tmp extension by default", () => {
    expect(plugin.properties.parse({ files: ["{{ outputs.a.uri }}", "{{ outputs.b.uri }}"], separator: "\n" })).toEqual(
      {
        files: ["{{ outputs.a.uri }}", "{{ outputs.b.uri }}"],
        separator: "\n",
        extension: ".tmp",
      },
    );
    expect(plugin.properties.safeParse({ files: "{{ outputs.generate_files.outputFiles | jq('.[]') }}" }).success).toBe(
      true,
    );
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Concat");
  });

  it("requires files", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ files: { a: "b" } }).success).toBe(false);
  });
});
