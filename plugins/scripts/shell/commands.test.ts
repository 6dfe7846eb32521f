import { describe, expect, it } from "vitest";
import plugin from "./commands.js";

describe("shell.Commands", () => {
  it("runs on the script runner with ubuntu by default", () => {
    expect(plugin.runsOn).toBe("runner");
    expect(plugin.properties.parse({ commands: ["echo hi"] }).containerImage).toBe("ubuntu");
  });

  it("accepts the documented examples", () => {
    const examples = [
      { commands: ["etl"], containerImage: "ghcr.io/kestra-io/rust:latest", outputFiles: ["*.csv"] },
      { commands: ["ls"], namespaceFiles: { enabled: true, exclude: ["test1.txt", "test2.yaml"] } },
      { commands: ['cat "{{ inputs.text_file }}"'], taskRunner: { type: "io.kestra.plugin.core.runner.Process" } },
      { commands: ["gcc example.c", "./a.out"], inputFiles: { "orders.csv": "{{ outputs.download_dataset.uri }}" } },
      {
        commands: ["echo $NAME"],
        env: { NAME: "{{ inputs.name }}", PORT: 8080 },
        beforeCommands: ["apt-get install -y curl"],
      },
    ];
    for (const props of examples) expect(plugin.properties.safeParse(props).success, JSON.stringify(props)).toBe(true);
  });

  it("needs a non-empty list of commands", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ commands: [] }).success).toBe(false);
    expect(plugin.properties.safeParse({ commands: ["ls"], script: "ls" }).success).toBe(false);
  });
});
