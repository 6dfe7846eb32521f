import { describe, expect, it } from "vitest";
import plugin from "./delete.js";

describe("storage.Delete", () => {
  it("requires a uri and does not fail on a missing file by default", () => {
    expect(plugin.properties.parse({ uri: "{{ outputs.download.uri }}" })).toEqual({
      uri: "{{ outputs.download.uri }}",
      errorOnMissing: false,
    });
    expect(plugin.properties.safeParse({ errorOnMissing: true }).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Delete");
  });

  it("outputs uri and deleted", () => {
    expect(plugin.outputs?.safeParse({ uri: "kestra:///f", deleted: false }).success).toBe(true);
  });
});
