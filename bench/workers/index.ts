/**
 * The bench Worker (bench/workers/wrangler.toml): Tern's ExecutionObject and a Workflow of
 * N `step.do` steps in the same workerd. `GET /bench?n=N&rounds=R` runs, R times each, a
 * sequential flow of N Return tasks in a fresh ExecutionObject (start, then whenDone()) and
 * a new Workflow instance of N steps (create, then poll status() every few ms until it is
 * complete), and answers the wall-clock times in milliseconds.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { registry } from "../../plugins/index.js";
import { newExecution } from "../../src/executor/new-execution.js";
import { describeIssue, parseFlow } from "../../src/flow/index.js";
import { newId } from "../../src/util/ids.js";
import type { Env } from "../../workers/env.js";

export { ExecutionObject } from "../../durable/execution-object.js";
export { FlowObject } from "../../durable/flow-object.js";

interface BenchEnv extends Env {
  readonly WF: Workflow<{ readonly n: number }>;
}

/** N steps one after the other, each returning a small value, as Return tasks do. */
export class StepsWorkflow extends WorkflowEntrypoint<BenchEnv, { readonly n: number }> {
  override async run(event: Readonly<WorkflowEvent<{ readonly n: number }>>, step: WorkflowStep): Promise<number> {
    let last = 0;
    for (let i = 0; i < event.payload.n; i++) {
      last = await step.do(`t${i}`, async () => i);
    }
    return last;
  }
}

function sequentialSource(n: number): string {
  const tasks = Array.from(
    { length: n },
    (_, i) => `  - id: t${i}\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ taskrun.id }}"\n`,
  );
  return `id: seq${n}\nnamespace: bench\ntasks:\n${tasks.join("")}`;
}

async function ternOnce(env: BenchEnv, n: number): Promise<number> {
  const source = sequentialSource(n);
  const parsed = parseFlow(source, { registry });
  if (!parsed.ok) throw new Error(parsed.issues.map(describeIssue).join("\n"));
  const id = newId();
  const execution = newExecution({ id, flow: parsed.flow, now: new Date().toISOString() });
  const started = performance.now();
  const object = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id));
  await object.start({ source, execution });
  const done = (await object.whenDone()) as { state: { current: string }; taskRunList: unknown[] };
  const millis = performance.now() - started;
  if (done.state.current !== "SUCCESS" || done.taskRunList.length !== n) {
    throw new Error(`Tern seq${n} ended ${done.state.current} with ${done.taskRunList.length} task runs`);
  }
  return millis;
}

async function workflowOnce(env: BenchEnv, n: number): Promise<number> {
  const started = performance.now();
  const instance = await env.WF.create({ params: { n } });
  for (;;) {
    const { status, error, output } = await instance.status();
    if (status === "complete") {
      const millis = performance.now() - started;
      if (output !== n - 1) throw new Error(`Workflow of ${n} steps returned ${JSON.stringify(output)}`);
      return millis;
    }
    if (status === "errored" || status === "terminated" || status === "unknown") {
      throw new Error(`Workflow of ${n} steps ${status}: ${error?.name ?? ""} ${error?.message ?? ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    if (url.pathname !== "/bench") return new Response("not found", { status: 404 });
    const n = Number(url.searchParams.get("n") ?? "100");
    const rounds = Number(url.searchParams.get("rounds") ?? "1");
    const which = url.searchParams.get("which") ?? "both";
    try {
      const tern: number[] = [];
      const workflow: number[] = [];
      for (let r = 0; r < rounds; r++) {
        if (which !== "workflow") tern.push(await ternOnce(env, n));
        if (which !== "tern") workflow.push(await workflowOnce(env, n));
      }
      return Response.json({ n, tern, workflow });
    } catch (error) {
      const message = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
      return new Response(message, { status: 500 });
    }
  },
} satisfies ExportedHandler<BenchEnv>;
