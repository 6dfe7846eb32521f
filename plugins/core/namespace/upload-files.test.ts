import { describe, expect, it } from "vitest";
import plugin from "./upload-files.js";

describe("namespace.UploadFiles", () => {
  it("accepts globs, a files map and a files-map expression", () => {
    expect(plugin.properties.parse({ files: ["glob:**/dbt/**"], namespace: "{{ flow.namespace }}" })).toEqual({
      files: ["glob:**/dbt/**"],
      namespace: "{{ flow.namespace }}",
      destination: "/",
      conflict: "OVERWRITE",
    });
    expect(plugin.properties.safeParse({ filesMap: "{{ outputs.unzip.files }}", namespace: "dev" }).success).toBe(true);
    expect(
      plugin.properties.safeParse({ filesMap: { LICENCE: "{{ outputs.unzip.files['LICENSE'] }}" }, namespace: "dev" })
        .success,
    ).toBe(true);
  });

  it("requires a namespace and checks conflict", () => {
    expect(plugin.properties.safeParse({ files: ["a"] }).success).toBe(false);
    expect(plugin.properties.safeParse({ files: ["a"], namespace: "dev", conflict: "REPLACE" }).success).toBe(false);
  });
});
