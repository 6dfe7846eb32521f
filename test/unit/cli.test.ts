/** The tern CLI through main() with in-memory I/O: run, validate and render. */
import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import { main } from "../../src/cli/main.js";

const FLOW = `id: hello
namespace: company.team
inputs:
  - id: count
    type: INT
tasks:
  - id: add
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.count + 1 }}"
`;

function io(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    cli: {
      out: (text: string) => out.push(text),
      err: (text: string) => err.push(text),
      readFile: async (path: string) => {
        const content = files[path];
        if (content === undefined) throw new Error(`ENOENT: no such file ${path}`);
        return content;
      },
    },
  };
}

describe("tern CLI", () => {
  it("runs a flow with typed inputs and prints Kestra's execution as JSON", async () => {
    const { out, cli } = io({ "f.yaml": FLOW });
    expect(await main(["run", "f.yaml", "--input", "count=41", "--json"], cli, registry)).toBe(0);
    const execution = JSON.parse(out.join("")) as { state: { current: string }; taskRunList: { outputs: unknown }[] };
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList[0]?.outputs).toEqual({ value: "42" });
  });

  it("refuses an invalid input with Kestra's message", async () => {
    const { err, cli } = io({ "f.yaml": FLOW });
    expect(await main(["run", "f.yaml", "--input", "count=many"], cli, registry)).toBe(2);
    expect(err.join("")).toContain("Invalid input for `count`");
  });

  it("validates files and exits non-zero when one is invalid", async () => {
    const { out, err, cli } = io({ "ok.yaml": FLOW, "bad.yaml": FLOW.replace("format:", "formt:") });
    expect(await main(["validate", "ok.yaml", "bad.yaml"], cli, registry)).toBe(1);
    expect(out.join("")).toContain("ok.yaml: valid (company.team.hello)");
    expect(err.join("")).toContain(`bad.yaml:9:5: tasks[0].formt: Unrecognized field "formt"; did you mean 'format'?`);
  });

  it("renders a template, and shows a syntax error with a caret", async () => {
    const { out, err, cli } = io();
    expect(await main(["render", "{{ 6 * 7 }}"], cli, registry)).toBe(0);
    expect(out.join("")).toBe("42\n");
    expect(await main(["render", "{{ 1 + }}"], cli, registry)).toBe(1);
    expect(err.join("")).toContain("{{ 1 + }}\n       ^");
  });
});
