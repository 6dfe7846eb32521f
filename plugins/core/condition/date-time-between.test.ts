import { describe, expect, it } from "vitest";
import plugin from "./date-time-between.js";

describe("DateTimeBetween", () => {
  it("tests the trigger date by default against zoned date-times", () => {
    expect(plugin.properties.parse({ after: "2025-01-01T00:00:00Z", before: "2025-12-31T23:59:59Z" })).toEqual({
      date: "{{ trigger.date }}",
      after: "2025-01-01T00:00:00Z",
      before: "2025-12-31T23:59:59Z",
    });
    expect(plugin.properties.safeParse({ date: "{{ execution.startDate }}", after: "{{ inputs.from }}" }).success).toBe(
      true,
    );
    expect(plugin.aliases).toContain("io.kestra.core.models.conditions.types.DateTimeBetweenCondition");
  });

  it("refuses a bound without an offset", () => {
    expect(plugin.properties.safeParse({ after: "2013-09-08T16:19:12" }).success).toBe(false);
  });
});
