import { describe, expect, it } from "vitest";
import allowFailure from "./allow-failure.js";

const log = { id: "a", type: "io.kestra.plugin.core.log.Log", message: "hi" };
const parse = (value: unknown) => allowFailure.properties.safeParse(value);

describe("AllowFailure", () => {
  it("is deprecated in favour of the allowFailure property and keeps its legacy name", () => {
    expect(allowFailure.type).toBe("io.kestra.plugin.core.flow.AllowFailure");
    expect(allowFailure.aliases).toContain("io.kestra.core.tasks.flows.AllowFailure");
    expect(allowFailure.deprecated).toMatch(/allowFailure/);
  });

  it("accepts tasks with local errors (allow-failure.yaml)", () => {
    expect(parse({ tasks: [log], errors: [log], finally: [log] }).success).toBe(true);
  });

  it("requires a non-empty task list", () => {
    expect(parse({}).error?.issues[0]?.message).toBe("must not be empty");
    expect(parse({ tasks: [] }).success).toBe(false);
  });
});
