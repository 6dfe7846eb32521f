import { describe, expect, it } from "vitest";
import { describeIssue, type FlowIssue } from "./issues.js";
import { type ParseResult, parseFlow, parseFlows } from "./parse.js";
import { testRegistry as registry } from "./test-plugins.js";

const parse = (source: string) => parseFlow(source, { registry });

function issuesOf(result: ParseResult): readonly FlowIssue[] {
  if (result.ok) throw new Error("expected the flow to be rejected");
  return result.issues;
}

function flowOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a valid flow, got:\n${result.issues.map(describeIssue).join("\n")}`);
  return result.flow;
}

const minimal = (tasks: string) => `id: f\nnamespace: company.team\ntasks:\n${tasks}`;
const LOG = "  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

describe("parseFlow: bad input", () => {
  it("reports a YAML syntax error with its line and column", () => {
    const [issue] = issuesOf(parse("id: f\nnamespace: [a\ntasks: []\n"));
    expect(issue).toMatchObject({ code: "yaml.syntax", line: expect.any(Number), column: expect.any(Number) });
  });

  it("refuses an empty document", () => {
    for (const source of ["", "   \n", "# only a comment\n", "---\n"]) {
      expect(issuesOf(parse(source))[0]?.code).toBe("yaml.empty");
    }
  });

  it("refuses a root that is not a map", () => {
    for (const source of ["- a\n- b\n", "hello\n", "42\n"]) {
      const [issue] = issuesOf(parse(source));
      expect(issue?.code).toBe("yaml.not-a-map");
      expect(issue?.message).toMatch(/must be a YAML map/);
    }
  });

  it("refuses a document over 1 MiB without parsing it", () => {
    const source = minimal(LOG) + `description: "${"é".repeat(600_000)}"\n`;
    const [issue] = issuesOf(parse(source));
    expect(issue?.code).toBe("yaml.too-large");
    expect(issue?.message).toContain("1 MiB");
  });

  it("refuses 10,000-deep nesting in flow and block style without overflowing the stack", () => {
    const flowStyle = `id: f\nnamespace: a\nvariables:\n  x: ${"[".repeat(10_000)}${"]".repeat(10_000)}\ntasks: []\n`;
    const blockStyle = `id: f\nnamespace: a\nvariables:\n  x:\n    ${"- ".repeat(10_000)}x\n`;
    for (const [source, line] of [
      [flowStyle, 4],
      [blockStyle, 5],
    ] as const) {
      const [issue] = issuesOf(parse(source));
      expect(issue?.code).toBe("yaml.too-deep");
      expect(issue?.line).toBe(line);
    }
  });

  it("refuses duplicate keys, naming the key and where it is", () => {
    const issues = issuesOf(parse(`${minimal(LOG)}variables:\n  a: 1\n  a: 2\n`));
    expect(issues[0]).toMatchObject({
      code: "yaml.duplicate-key",
      path: "variables",
      message: "Duplicate field 'a'",
      line: 9,
    });
  });

  it("refuses an alias bomb", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${"abcdefgh"[i]}: &${"abcdefgh"[i]} [${Array(10)
          .fill(`*${"abcdefgh"[i - 1]}`)
          .join(",")}]`,
      );
    const issues = issuesOf(parse(`${lines.join("\n")}\n`));
    expect(issues[0]?.code).toBe("yaml.alias");
  });
});

describe("parseFlow: properties", () => {
  it("names an unknown property with its path, position and the closest valid name", () => {
    const issues = issuesOf(
      parse(
        minimal(
          "  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n      - id: r\n        type: io.kestra.plugin.core.debug.Return\n        formt: x\n",
        ),
      ),
    );
    expect(issues).toEqual([
      {
        code: "property.unknown",
        path: "tasks[0].tasks[0].formt",
        message: `Unrecognized field "formt"; did you mean 'format'?`,
        line: 9,
        column: 9,
      },
    ]);
  });

  it("names a missing required property", () => {
    const issues = issuesOf(parse(minimal("  - id: l\n    type: io.kestra.plugin.core.log.Log\n")));
    expect(issues.map(describeIssue)).toEqual(["tasks[0].message: must not be null (line 4, column 5)"]);
  });

  it("reports errors deep inside branches with their full path", () => {
    const issues = issuesOf(
      parse(
        minimal(
          "  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n  - id: b\n    type: io.kestra.plugin.core.log.Log\n    message: x\n  - id: c\n    type: io.kestra.plugin.core.flow.If\n    condition: x\n    then:\n      - id: d\n        type: io.kestra.plugin.core.debug.Return\n        format: [1]\n",
        ),
      ),
    );
    expect(issues[0]?.path).toBe("tasks[2].then[0].format");
  });

  it("rejects an unknown type with the closest known type", () => {
    const [issue] = issuesOf(parse(minimal("  - id: l\n    type: io.kestra.plugin.core.log.Lgo\n    message: x\n")));
    expect(issue).toMatchObject({ code: "type.unknown", path: "tasks[0].type", line: 5 });
    expect(issue?.message).toBe(
      "Invalid type: io.kestra.plugin.core.log.Lgo (unsupported task type; did you mean io.kestra.plugin.core.log.Log?)",
    );
  });

  it("says what replaced a type Kestra removed", () => {
    const [issue] = issuesOf(parse(minimal("  - id: s\n    type: io.kestra.plugin.core.state.Set\n")));
    expect(issue?.code).toBe("type.unsupported");
    expect(issue?.message).toContain("io.kestra.plugin.core.kv.Set");
  });

  it("rejects a trigger used as a task", () => {
    const [issue] = issuesOf(
      parse(minimal("  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: '* * * * *'\n")),
    );
    expect(issue?.message).toContain("is a trigger, not a task");
  });

  it("treats null properties as absent, as Kestra does", () => {
    const flow = flowOf(parse(minimal(`${LOG}    description: null\n`)));
    expect(flow.tasks[0]).not.toHaveProperty("description");
  });

  it("refuses workerGroup: an Enterprise Edition feature", () => {
    const issues = issuesOf(parse(minimal(`${LOG}    workerGroup:\n      key: gpu\n`)));
    expect(issues.map(describeIssue)).toEqual([
      "tasks[0].workerGroup: Worker Group is an Enterprise Edition functionality (line 7, column 5)",
    ]);
  });
});

describe("parseFlow: older spellings", () => {
  it("resolves legacy type names to the current ones and reports them as deprecated", () => {
    const result = parse(
      minimal(
        "  - id: l\n    type: io.kestra.core.tasks.log.Log\n    message: x\ntriggers:\n  - id: t\n    type: io.kestra.core.models.triggers.types.Schedule\n    cron: '0 * * * *'\n    conditions:\n      - type: io.kestra.core.models.conditions.types.ExecutionStatusCondition\n",
      ),
    );
    const flow = flowOf(result);
    expect(flow.tasks[0]?.type).toBe("io.kestra.plugin.core.log.Log");
    expect(flow.triggers?.[0]?.type).toBe("io.kestra.plugin.core.trigger.Schedule");
    expect(flow.triggers?.[0]?.conditions?.[0]?.type).toBe("io.kestra.plugin.core.condition.ExecutionStatus");
    expect(result.ok && result.deprecations).toEqual([
      "tasks[0].type",
      "triggers[0].type",
      "triggers[0].conditions[0].type",
    ]);
  });

  it("accepts maxAttempt, input name, taskDefaults and renamed plugin properties", () => {
    const flow = flowOf(
      parse(
        `id: f\nnamespace: a\ninputs:\n  - name: who\n    type: STRING\ntaskDefaults:\n  - type: io.kestra.plugin.core.log.Log\n    values:\n      message: default\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    retry:\n      type: constant\n      interval: PT1S\n      maxAttempt: 3\n  - id: p\n    type: io.kestra.plugin.core.flow.Pause\n    delay: PT1M\n`,
      ),
    );
    expect(flow.inputs?.[0]).toMatchObject({ id: "who", type: "STRING", required: true });
    expect(flow.tasks[0]).toMatchObject({
      message: "default",
      retry: { maxAttempts: 3, behavior: "RETRY_FAILED_TASK" },
    });
    expect(flow.tasks[1]).toMatchObject({ pauseDuration: "PT1M" });
    expect(flow.tasks[1]).not.toHaveProperty("delay");
  });

  it("refuses both spellings at once", () => {
    const issues = issuesOf(
      parse(
        minimal(
          "  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n    retry:\n      type: constant\n      interval: PT1S\n      maxAttempt: 3\n      maxAttempts: 3\n",
        ),
      ),
    );
    expect(issues[0]?.message).toBe("`maxAttempt` is the old name of `maxAttempts`; set only one");
  });
});

describe("parseFlow: flow rules", () => {
  it("converts labels given as a map to Kestra's list", () => {
    const flow = flowOf(parse(`${minimal(LOG)}labels:\n  team: data\n  tier: 1\n  system.readOnly: true\n`));
    expect(flow.labels).toEqual([
      { key: "team", value: "data" },
      { key: "tier", value: "1" },
      { key: "system.readOnly", value: "true" },
    ]);
  });

  it("warns about flow ids Kestra 1.x reserves", () => {
    const result = parse(`id: kill\nnamespace: a\ntasks:\n${LOG}`);
    expect(result.ok && result.warnings[0]).toContain("Flow id is a reserved keyword in Kestra 1.x: kill");
  });

  it("checks the flow id and namespace patterns", () => {
    const issues = issuesOf(parse(`id: my#flow\nnamespace: MY$NS\ntasks:\n${LOG}`));
    expect(issues.map((i) => i.path)).toEqual(["id", "namespace"]);
  });

  it("refuses input dependencies that do not exist or form a cycle", () => {
    const issues = issuesOf(
      parse(
        `${minimal(LOG)}inputs:\n  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [b]\n  - id: b\n    type: STRING\n    dependsOn:\n      inputs: [a, c]\n`,
      ),
    );
    const text = issues.map((i) => i.message).join("\n");
    expect(text).toContain("Input with id 'b' depends on a non-existent input 'c'.");
    expect(text).toContain("Cycle dependency detected for input with id 'a': [a, b]");
  });

  it("refuses {{ inputs.some-id }}, which Pebble reads as a subtraction", () => {
    const issues = issuesOf(
      parse(
        `id: f\nnamespace: a\ninputs:\n  - id: my-input\n    type: STRING\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ inputs.my-input }}"\n`,
      ),
    );
    expect(issues[0]?.message).toContain("use inputs[key-name] instead of inputs.key-name");
  });

  it("refuses a flow calling itself", () => {
    const issues = issuesOf(
      parse(
        minimal(
          "  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: f\n",
        ),
      ),
    );
    expect(issues.map(describeIssue)).toEqual([
      "tasks[0]: Invalid Flow: Recursive call to flow [company.team.f] (line 4, column 5)",
    ]);
  });

  it("prefixes a plugin check's message with the task id", () => {
    const issues = issuesOf(
      parse(
        minimal(
          "  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: a\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: [zz]\n",
        ),
      ),
    );
    expect(issues[0]?.message).toBe("dag: Not existing task id in dependency: zz");
  });
});

describe("parseFlows", () => {
  it("reads each document of a multi-document source", () => {
    const results = parseFlows(`${minimal(LOG)}---\nid: g\nnamespace: a\n`, { registry });
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });
});

describe("parseFlow: Property<T> values", () => {
  it("explains why a literal is wrong rather than asking for an expression", () => {
    const result = parseFlow(
      minimal("  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    concurrent: lots\n    tasks: []\n"),
      { registry },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(describeIssue)).toEqual([
      "tasks[0].concurrent: must be a number, not 'lots' (line 6, column 5)",
    ]);
  });

  it("reads numbers and booleans written as text, as Kestra does", () => {
    const result = parseFlow(
      minimal("  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    concurrent: '3'\n    tasks: []\n"),
      { registry },
    );
    expect(result.ok && result.flow.tasks[0]?.concurrent).toBe(3);
  });
});
