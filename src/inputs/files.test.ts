import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import { inputFilePath, readInputParts, slugify, storageFileName, uriSyntaxError } from "./files.js";
import { resolveInputs } from "./resolve.js";
import { flowInputs, inputsFlow, LOCAL_CONTENT, LOCAL_FILE, testDeps } from "./test-support.js";

const inputs = flowInputs(
  inputsFlow(`
  - { id: report, type: FILE }
  - { id: legacy, type: FILE, extension: csv }
  - { id: note, type: STRING }`),
  registry,
);

describe("FILE storage paths", () => {
  it("follows StorageContext.forInput with a slugified flow id", () => {
    expect(slugify("My_Flow  Été")).toBe("my-flow-ete");
    expect(inputFilePath({ id: "e1", namespace: "company.team", flowId: "My_Flow" }, "report", "data.csv")).toBe(
      "/company/team/my-flow/executions/e1/inputs/report/data.csv",
    );
    expect(storageFileName("C:\\dir\\my report#1.csv", "x")).toBe("my%20report%231.csv");
    expect(storageFileName("..", "report")).toBe("report");
  });

  it("reports java.net.URI syntax errors", () => {
    expect(uriSyntaxError("kestra:///a/b.txt")).toBeUndefined();
    expect(uriSyntaxError("/tmp/é.txt")).toBeUndefined();
    expect(uriSyntaxError("kestra:///a b")).toBe("Illegal character in path at index 11: kestra:///a b");
    expect(uriSyntaxError("/a?b c")).toBe("Illegal character in query at index 4: /a?b c");
    expect(uriSyntaxError("/a%zz")).toBe("Malformed escape pair at index 2: /a%zz");
  });
});

describe("multipart parts", () => {
  it("stores file parts named after their input, with their real file name", async () => {
    const deps = testDeps();
    const data = await readInputParts(
      [
        ["note", "hello"],
        ["report", new File(["a,b\n"], "data.csv")],
      ],
      inputs,
      deps,
      { upload: true },
    );
    const uri = "kestra:///io/kestra/tests/inputs/executions/test/inputs/report/data.csv";
    expect(data).toEqual({ note: "hello", report: uri });
    expect(new TextDecoder().decode(deps.files.get(uri))).toBe("a,b\n");
  });

  it("still reads the deprecated form (part `files`, file name = input id)", async () => {
    const deps = testDeps();
    const data = await readInputParts([["files", new File(["x"], "legacy")]], inputs, deps, { upload: true });
    expect(data).toEqual({ legacy: "kestra:///io/kestra/tests/inputs/executions/test/inputs/legacy/.csv" });
  });

  it("does not store anything when validating", async () => {
    const deps = testDeps();
    const data = await readInputParts([["report", new File(["x"], "r.txt")]], inputs, deps, { upload: false });
    expect(data.report).toBe("kestra:///io/kestra/tests/inputs/executions/test/inputs/report/r.txt");
    expect(deps.files.files.size).toBe(0);
  });
});

describe("FILE values", () => {
  it("keeps kestra://, nsfile:// and file:// URIs and uploads local paths", async () => {
    const deps = testDeps();
    const result = await resolveInputs(
      inputs,
      { report: "nsfile:///data/in.csv", legacy: LOCAL_FILE, note: "n" },
      deps,
    );
    expect(result.errors).toEqual([]);
    expect(result.values.report).toBe("nsfile:///data/in.csv");
    expect(result.values.legacy).toBe(
      "kestra:///io/kestra/tests/inputs/executions/test/inputs/legacy/application-test.yml",
    );
    expect(deps.files.get(String(result.values.legacy))).toEqual(LOCAL_CONTENT);
  });
});
