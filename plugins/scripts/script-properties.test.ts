import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inputFiles, namespaceFiles, scriptOutputs, scriptProperties } from "./script-properties.js";

describe("script properties", () => {
  const properties = z.strictObject(scriptProperties("ubuntu"));

  it("applies Kestra's defaults", () => {
    expect(properties.parse({})).toEqual({
      containerImage: "ubuntu",
      interpreter: ["/bin/sh", "-c"],
      failFast: true,
      targetOS: "AUTO",
    });
    expect(namespaceFiles.parse({ include: ["test1.txt"] })).toEqual({
      enabled: true,
      include: ["test1.txt"],
      folderPerNamespace: false,
      ifExists: "OVERWRITE",
    });
  });

  it("takes input files as a map or a JSON string, and refuses other shapes", () => {
    expect(inputFiles.safeParse({ "main.py": "print(1)", "data.csv": "{{ outputs.download.uri }}" }).success).toBe(
      true,
    );
    expect(inputFiles.safeParse("{{ outputs.files.uris | json }}").success).toBe(true);
    expect(inputFiles.safeParse(["main.py"]).success).toBe(false);
  });

  it("still accepts the deprecated runner, docker and warningOnStdErr", () => {
    const legacy = { runner: "DOCKER", docker: { image: "php", pullPolicy: "ALWAYS" }, warningOnStdErr: false };
    expect(properties.safeParse(legacy).success).toBe(true);
    expect(properties.safeParse({ runner: "KUBERNETES" }).success).toBe(false);
    expect(properties.safeParse({ interpreter: [] }).success).toBe(false);
  });

  it("describes ScriptOutput", () => {
    const output = { vars: { test: "value" }, exitCode: 0, outputFiles: { "out.txt": "kestra:///ns/f/out.txt" } };
    expect(scriptOutputs.safeParse(output).success).toBe(true);
    expect(scriptOutputs.safeParse({ exitCode: 0 }).success).toBe(false);
  });
});
