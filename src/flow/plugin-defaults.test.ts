import { describe, expect, it } from "vitest";
import { describeIssue } from "./issues.js";
import { parseFlow } from "./parse.js";
import { applyPluginDefaults, deepMerge } from "./plugin-defaults.js";
import { testRegistry as registry } from "./test-plugins.js";

const entry = (type: string, values: Record<string, unknown>, forced = false) => ({
  entry: { type, forced, values },
  names: [type],
});

describe("deepMerge (Kestra MapUtils.deepMerge)", () => {
  it("lets b win, keeps a where b is null, merges maps and concatenates lists without repeats", () => {
    expect(
      deepMerge(
        { a: 1, keep: "x", nested: { x: 1, y: 2 }, list: [1, 2] },
        { a: 2, keep: null, nested: { y: 3 }, list: [2, 3] },
      ),
    ).toEqual({ a: 2, keep: "x", nested: { x: 1, y: 3 }, list: [1, 2, 3] });
  });
});

describe("applyPluginDefaults", () => {
  const task = { id: "t", type: "io.kestra.plugin.core.log.Log", level: "WARN" };
  const types = ["io.kestra.plugin.core.log.Log"];

  it("keeps the task's own values over non-forced defaults", () => {
    const result = applyPluginDefaults(task, types, [
      entry("io.kestra.plugin.core.log.Log", { level: "DEBUG", message: "m" }),
    ]);
    expect(result).toMatchObject({ level: "WARN", message: "m" });
  });

  it("lets forced defaults win over the task's values", () => {
    const result = applyPluginDefaults(task, types, [entry("io.kestra.plugin.core.log.Log", { level: "ERROR" }, true)]);
    expect(result.level).toBe("ERROR");
  });

  it("matches by prefix", () => {
    const result = applyPluginDefaults(task, types, [entry("io.kestra.plugin.core", { message: "from prefix" })]);
    expect(result.message).toBe("from prefix");
    expect(applyPluginDefaults(task, types, [entry("io.kestra.plugin.scripts", { message: "no" })])).toBe(task);
  });

  it("gives precedence to the first declared default, forced or not", () => {
    const nonForced = applyPluginDefaults({ type: types[0] }, types, [
      entry("io.kestra.plugin.core.log.Log", { message: "first" }),
      entry("io.kestra.plugin.core", { message: "second" }),
    ]);
    expect(nonForced.message).toBe("first");
    const forced = applyPluginDefaults(task, types, [
      entry("io.kestra.plugin.core.log.Log", { level: "ERROR" }, true),
      entry("io.kestra.plugin.core", { level: "TRACE" }, true),
    ]);
    expect(forced.level).toBe("ERROR");
  });
});

describe("pluginDefaults in a flow", () => {
  it("can supply a required property, on tasks at any depth and on aliased types", () => {
    const result = parseFlow(
      `id: f
namespace: a
pluginDefaults:
  - type: io.kestra.plugin.core.log.Log
    values:
      message: from defaults
tasks:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: legacy
        type: io.kestra.core.tasks.log.Log
`,
      { registry },
    );
    if (!result.ok) throw new Error(result.issues.map(describeIssue).join("\n"));
    expect(result.flow.tasks[0]?.tasks).toEqual([expect.objectContaining({ id: "legacy", message: "from defaults" })]);
  });

  it("refuses a default property the plugin does not have", () => {
    const result = parseFlow(
      `id: f
namespace: a
pluginDefaults:
  - type: io.kestra.plugin.core.log.Log
    values:
      mesage: typo
tasks:
  - id: l
    type: io.kestra.plugin.core.log.Log
    message: x
`,
      { registry },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(describeIssue)).toContain(
      "pluginDefaults[0].values.mesage: No property 'mesage' exists in plugin 'io.kestra.plugin.core.log.Log' (line 6, column 7)",
    );
  });
});
