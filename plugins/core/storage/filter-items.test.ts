import { describe, expect, it } from "vitest";
import plugin from "./filter-items.js";

describe("storage.FilterItems", () => {
  it("includes matches and fails on errors by default", () => {
    expect(
      plugin.properties.parse({ from: "{{ outputs.x.uri }}", filterCondition: "{{ (product_id | number) == 20 }}" }),
    ).toEqual({
      from: "{{ outputs.x.uri }}",
      filterCondition: "{{ (product_id | number) == 20 }}",
      filterType: "INCLUDE",
      errorOrNullBehavior: "FAIL",
    });
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.FilterItems");
  });

  it("checks the enums and required properties", () => {
    const base = { from: "kestra:///f", filterCondition: "{{ true }}" };
    expect(
      plugin.properties.safeParse({ ...base, filterType: "EXCLUDE", errorOrNullBehavior: "INCLUDE" }).success,
    ).toBe(true);
    expect(plugin.properties.safeParse({ ...base, filterType: "FAIL" }).success).toBe(false);
    expect(plugin.properties.safeParse({ from: "kestra:///f" }).success).toBe(false);
  });
});
