import { describe, expect, it } from "vitest";
import plugin from "./purge-current-execution-files.js";

describe("storage.PurgeCurrentExecutionFiles", () => {
  it("takes no properties and keeps the PurgeExecution aliases", () => {
    expect(plugin.properties.safeParse({}).success).toBe(true);
    expect(plugin.properties.safeParse({ uri: "kestra:///f" }).success).toBe(false);
    expect(plugin.aliases).toEqual([
      "io.kestra.core.tasks.storages.PurgeExecution",
      "io.kestra.plugin.core.storage.PurgeExecution",
    ]);
  });

  it("outputs the deleted uris", () => {
    expect(plugin.outputs?.safeParse({ uris: ["kestra:///a"] }).success).toBe(true);
  });
});
