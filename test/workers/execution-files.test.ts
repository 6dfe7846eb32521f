/**
 * An execution's files through Kestra's endpoints inside workerd: a FILE input uploaded with
 * the execution (stored in R2 under the execution's folder) is downloaded, measured and
 * previewed; Kestra's validateFile redirects a path of another execution to that execution
 * and refuses a path outside any execution or one with `..`.
 */
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { API, deploy } from "./support/api.js";

type Json = Record<string, unknown>;

const FLOW = `id: files
namespace: api.files
inputs:
  - id: file
    type: FILE
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.file }}"
`;

/** Runs the flow with one uploaded file; answers the execution id and the file's kestra:// URI. */
async function run(name: string, content: string): Promise<{ id: string; uri: string }> {
  const form = new FormData();
  form.append("file", new File([content], name));
  const response = await SELF.fetch(`${API}/executions/api.files/files?wait=true`, { method: "POST", body: form });
  expect(response.status).toBe(200);
  const execution = (await response.json()) as Execution;
  expect(execution.state.current).toBe("SUCCESS");
  return { id: execution.id, uri: String(execution.inputs.file) };
}

function get(id: string, route: string, path: string, query = ""): Promise<Response> {
  return SELF.fetch(`${API}/executions/${id}/${route}?path=${encodeURIComponent(path)}${query}`, {
    redirect: "manual",
  });
}

async function message(response: Response): Promise<string> {
  return String(((await response.json()) as Json).message);
}

describe("execution files", () => {
  beforeAll(() => deploy(FLOW));

  it("downloads an input file as an attachment named after it, and gives its size", async () => {
    const { id, uri } = await run("data.csv", "a,b\n1,2\n");
    expect(uri).toBe(`kestra:///api/files/files/executions/${id}/inputs/file/data.csv`);

    const file = await get(id, "file", uri);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="data.csv"; filename*=utf-8''data.csv`);
    expect(await file.text()).toBe("a,b\n1,2\n");

    const metas = await get(id, "file/metas", uri);
    expect(metas.status).toBe(200);
    expect(await metas.json()).toEqual({ size: 8 });
  });

  it("finds a file whose name was escaped in its URI, and names the attachment as uploaded", async () => {
    const { id, uri } = await run("my report é.txt", "hello");
    expect(uri).toBe(`kestra:///api/files/files/executions/${id}/inputs/file/my%20report%20é.txt`);
    const file = await get(id, "file", uri);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="my report _.txt"; filename*=utf-8''my%20report%20%C3%A9.txt`,
    );
    expect(await file.text()).toBe("hello");
  });

  it("previews a text file's first lines as Kestra's FileRender", async () => {
    const { id, uri } = await run("rows.csv", "h\r\n1\r\n2\r\n3\r\n");
    const all = await get(id, "file/preview", uri);
    expect(all.status).toBe(200);
    expect(await all.json()).toEqual({
      extension: "csv",
      type: "TEXT",
      content: "h\n1\n2\n3",
      maxLine: 100,
      truncated: false,
    });
    const two = await get(id, "file/preview", uri, "&maxRows=2");
    expect(await two.json()).toMatchObject({ content: "h\n1\n", maxLine: 2, truncated: true });

    const latin1 = await get(id, "file/preview", uri, "&encoding=ISO-8859-1");
    expect(latin1.status).toBe(200);
    const unknown = await get(id, "file/preview", uri, "&encoding=foo");
    expect(unknown.status).toBe(422);
    expect(await message(unknown)).toContain("using encoding 'foo'");
  });

  it("previews Markdown as MARKDOWN and images in base64", async () => {
    const md = await run("notes.md", "# Title\n");
    expect(await (await get(md.id, "file/preview", md.uri)).json()).toMatchObject({
      type: "MARKDOWN",
      content: "# Title",
    });
    const image = await run("dot.png", "PNG");
    expect(await (await get(image.id, "file/preview", image.uri)).json()).toMatchObject({
      extension: "png",
      type: "IMAGE",
      content: btoa("PNG"),
    });
  });

  it("redirects a file of another execution to that execution's route, which serves it", async () => {
    const first = await run("one.txt", "first");
    const second = await run("two.txt", "second");

    const redirected = await get(first.id, "file", second.uri);
    expect(redirected.status).toBe(301);
    const location = String(redirected.headers.get("location"));
    expect(location).toBe(`/api/v1/main/executions/${second.id}/file?path=${encodeURIComponent(second.uri)}`);
    const followed = await SELF.fetch(`http://tern.test${location}`);
    expect(await followed.text()).toBe("second");

    const metas = await get(first.id, "file/metas", second.uri);
    expect(metas.status).toBe(301);
    expect(metas.headers.get("location")).toContain(`/executions/${second.id}/file/metas?`);

    // Kestra's own test: a path naming an execution that does not exist ends in a 404 there.
    const ghost = second.uri.replace(second.id, "ghostExecution");
    const toGhost = await get(first.id, "file", ghost);
    expect(toGhost.status).toBe(301);
    const missing = await SELF.fetch(`http://tern.test${String(toGhost.headers.get("location"))}`);
    expect(missing.status).toBe(404);
    expect(await message(missing)).toContain("execution id 'ghostExecution'");
  });

  it("refuses a path outside any execution, a path with '..' and a scheme other than kestra", async () => {
    const { id, uri } = await run("a.txt", "a");
    await env.STORAGE.put("api/files/_files/secret.txt", "secret");

    const outside = await get(id, "file", "kestra:///api/files/_files/secret.txt");
    expect(outside.status).toBe(422);
    expect(await message(outside)).toBe("Illegal argument: Invalid prefix path");

    const climbing = uri.replace("/inputs/file/a.txt", "/../../../_files/secret.txt");
    const traversal = await get(id, "file", climbing);
    expect(traversal.status).toBe(422);
    expect(await message(traversal)).toContain("not using relative '..' path");
    expect((await get(id, "file/metas", climbing)).status).toBe(422);

    const local = await get(id, "file", "file:///etc/passwd");
    expect(local.status).toBe(422);
    expect(await message(local)).toContain("Scheme not supported: file");
  });

  it("answers 404 for an unknown file, an unknown execution, and 400 without a path", async () => {
    const { id, uri } = await run("a.txt", "a");
    const unknown = uri.replace("a.txt", "b.txt");
    expect((await get(id, "file", unknown)).status).toBe(404);
    expect((await get(id, "file/metas", unknown)).status).toBe(404);
    expect((await get(id, "file/preview", unknown)).status).toBe(404);

    const noExecution = await get("nope", "file", uri);
    expect(noExecution.status).toBe(404);
    expect(await message(noExecution)).toContain("Unable to find execution id 'nope'");

    const noPath = await SELF.fetch(`${API}/executions/${id}/file`);
    expect(noPath.status).toBe(400);
  });
});
