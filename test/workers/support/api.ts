/**
 * Calls the Worker's API the way the workerd tests do (through `SELF`, on the open test host):
 * deploy flows, create executions, and wait on an execution's object without sleeping.
 * Workers-project only: it imports `cloudflare:test`.
 */
import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { Execution } from "../../../src/executor/model.js";

export const API = "http://tern.test/api/v1/main";

/**
 * Creates each flow, or updates it when an earlier test of the file created it (the file's tests
 * share their storage); the answer must be 200.
 */
export async function deploy(...sources: string[]): Promise<void> {
  for (const source of sources) {
    const created = await SELF.fetch(`${API}/flows`, {
      method: "POST",
      headers: { "content-type": "application/x-yaml" },
      body: source,
    });
    if (created.status === 200) continue;
    const flow = /^id: (\S+)\nnamespace: (\S+)/.exec(source);
    if (!flow) expect(created.status, await created.text()).toBe(200);
    const updated = await SELF.fetch(`${API}/flows/${flow?.[2]}/${flow?.[1]}`, {
      method: "PUT",
      headers: { "content-type": "application/x-yaml" },
      body: source,
    });
    expect(updated.status, await updated.clone().text()).toBe(200);
  }
}

/** Creates an execution through the API with multipart inputs; `query` as in `?wait=true`. */
export async function execute(
  namespace: string,
  flowId: string,
  inputs: Readonly<Record<string, string | File>> = {},
  query = "",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(inputs)) form.append(name, value);
  const response = await SELF.fetch(`${API}/executions/${namespace}/${flowId}${query}`, { method: "POST", body: form });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Creates an execution that must be accepted; its id. */
export async function started(namespace: string, flowId: string, query = ""): Promise<string> {
  const { status, json } = await execute(namespace, flowId, {}, query);
  expect(status, JSON.stringify(json)).toBe(200);
  return String(json.id);
}

/** The execution's Durable Object. */
export function executionObject(id: string) {
  return env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id));
}

/** Resolves once the execution ended or paused, its summary indexed (RPC types turn `unknown` into `never`). */
export async function whenDone(id: string): Promise<Execution> {
  return (await executionObject(id).whenDone()) as unknown as Execution;
}

/** Resolves once nothing runs in the execution's object. */
export async function settled(id: string): Promise<Execution> {
  return (await executionObject(id).settled()) as unknown as Execution;
}
