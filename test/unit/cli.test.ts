/** The tern CLI through main() with in-memory I/O: run (with subflows), validate and render. */
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

const PARENT = `id: parent
namespace: company.team
inputs:
  - id: name
    type: STRING
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: child
    inputs:
      who: "{{ inputs.name }}"
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: "child said {{ outputs.call.outputs.said }}"
outputs:
  - id: said
    type: STRING
    value: "{{ outputs.call.outputs.said }}"
`;

const CHILD = `id: child
namespace: company.team
inputs:
  - id: who
    type: STRING
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "Hello {{ inputs.who }} from the child"
outputs:
  - id: said
    type: STRING
    value: "{{ ('Hello ' ~ inputs.who) | upper }}"
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
      listFiles: async (dir: string) => {
        const prefix = dir.endsWith("/") ? dir : `${dir}/`;
        const found = Object.keys(files).filter((path) => path.startsWith(prefix));
        if (found.length === 0) throw new Error(`ENOENT: no such directory ${dir}`);
        return found.sort();
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

  it("reads secrets from SECRET_* environment variables (base64) and masks them in the logs", async () => {
    const { out, err, cli } = io({
      "s.yaml": `id: s
namespace: company.team
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "the token is {{ secret('token') }}"
`,
    });
    const env = { SECRET_TOKEN: btoa("hunter2"), SECRET_BAD: "%%%" };
    expect(await main(["run", "s.yaml"], { ...cli, env }, registry)).toBe(0);
    expect(out.join("")).toMatch(/INFO {2}log {2}the token is \*{6}\n/);
    expect(out.join("")).not.toContain("hunter2");
    expect(err.join("")).toBe("warning: SECRET_BAD is not base64-encoded; it is ignored\n");
  });

  it("gives the files of --namespace-files to the flow's namespace", async () => {
    const { out, err, cli } = io({
      "f.yaml": `id: f
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.log.Log
    message: "{{ read('sql/query.sql') }} / {{ fileExists('README.md') }}"
`,
      "./ns/sql/query.sql": "select 1",
      "./ns/README.md": "readme",
    });
    expect(await main(["run", "f.yaml", "--namespace-files", "./ns"], cli, registry)).toBe(0);
    expect(err.join("")).toBe("");
    expect(out.join("")).toMatch(/INFO {2}read {2}select 1 \/ true\n/);
  });

  it("refuses an invalid input with Kestra's message", async () => {
    const { err, cli } = io({ "f.yaml": FLOW });
    expect(await main(["run", "f.yaml", "--input", "count=many"], cli, registry)).toBe(2);
    expect(err.join("")).toContain("Invalid input for `count`");
  });

  it("runs a parent flow that calls a child flow from --flows, showing the child's tree and logs", async () => {
    const { out, err, cli } = io({
      "parent.yaml": PARENT,
      "flows/child.yaml": CHILD,
      "flows/nested/readme.md": "not a flow",
      "flows/nested/parent-copy.yml": PARENT,
    });
    expect(await main(["run", "parent.yaml", "--flows", "flows", "--input", "name=World"], cli, registry)).toBe(0);
    expect(err.join("")).toBe("");
    const text = out.join("");
    // Logs: the parent's by task id, the child's prefixed by the child flow's id.
    expect(text).toMatch(/INFO {2}child\/hello {2}Hello World from the child\n/);
    expect(text).toMatch(/INFO {2}after {2}child said HELLO WORLD\n/);
    expect(text).toMatch(/company\.team\.parent \S+: SUCCESS in /);
    expect(text).toMatch(/\n {2}call {2}SUCCESS {2}/);
    // The child's task tree under a heading naming its flow and execution id.
    const heading =
      /\nsubflow company\.team\.child (\S+) \(from parent\/call\): SUCCESS in \S+\n {2}hello {2}SUCCESS/.exec(text);
    expect(heading).not.toBeNull();
    expect(text).toContain(`"executionId":"${heading?.[1]}"`);
    expect(text).toContain(`flow outputs: {"said":"HELLO WORLD"}`);
  });

  it("keeps --json to the main execution when running with --flows", async () => {
    const { out, cli } = io({ "parent.yaml": PARENT, "flows/child.yaml": CHILD });
    expect(await main(["run", "parent.yaml", "--flows", "flows", "-i", "name=x", "--json"], cli, registry)).toBe(0);
    const execution = JSON.parse(out.join("")) as { flowId: string; state: { current: string } };
    expect(execution.flowId).toBe("parent");
    expect(execution.state.current).toBe("SUCCESS");
  });

  it("refuses --flows with an invalid file, naming the file, line and problem", async () => {
    const { out, err, cli } = io({
      "parent.yaml": PARENT,
      "flows/child.yaml": CHILD,
      "flows/broken.yml": FLOW.replace("format:", "formt:"),
    });
    expect(await main(["run", "parent.yaml", "--flows", "flows", "-i", "name=x"], cli, registry)).toBe(2);
    expect(err.join("")).toContain(
      `flows/broken.yml:9:5: tasks[0].formt: Unrecognized field "formt"; did you mean 'format'?`,
    );
    expect(out.join("")).toBe("");
  });

  it("refuses --flows when two files define the same flow, or the directory cannot be read", async () => {
    const twice = io({ "parent.yaml": PARENT, "flows/a.yaml": CHILD, "flows/b.yaml": CHILD });
    expect(await main(["run", "parent.yaml", "--flows", "flows", "-i", "name=x"], twice.cli, registry)).toBe(2);
    expect(twice.err.join("")).toContain("flows/b.yaml: flow company.team.child is already defined in flows/a.yaml");
    const missing = io({ "parent.yaml": PARENT });
    expect(await main(["run", "parent.yaml", "--flows", "nowhere", "-i", "name=x"], missing.cli, registry)).toBe(2);
    expect(missing.err.join("")).toContain("nowhere: ENOENT");
    expect(await main(["run", "parent.yaml", "--flows"], missing.cli, registry)).toBe(2);
  });

  it("fails the Subflow task run naming the missing flow, and exits non-zero", async () => {
    const { out, cli } = io({ "parent.yaml": PARENT, "flows/other.yaml": FLOW });
    expect(await main(["run", "parent.yaml", "--flows", "flows", "-i", "name=x"], cli, registry)).toBe(1);
    const text = out.join("");
    expect(text).toMatch(/ERROR call {2}Unable to find flow 'company\.team'\.'child'\n/);
    expect(text).toMatch(/company\.team\.parent \S+: FAILED in /);
    expect(text).toMatch(/\n {2}call {2}FAILED {2}/);
    expect(text).not.toContain("subflow ");

    const json = io({ "parent.yaml": PARENT, "flows/other.yaml": FLOW });
    expect(await main(["run", "parent.yaml", "--flows", "flows", "-i", "name=x", "--json"], json.cli, registry)).toBe(
      1,
    );
    const execution = JSON.parse(json.out.join("")) as {
      state: { current: string };
      taskRunList: { taskId: string; state: { current: string } }[];
    };
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList.find((run) => run.taskId === "call")?.state.current).toBe("FAILED");
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
