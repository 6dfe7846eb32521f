/** Health checks of the Worker's bindings: each one really touches D1, R2 and a Durable Object. */
import type { Env } from "./env.js";

export function healthChecks(env: Env): Record<string, () => Promise<void>> {
  return {
    d1: async () => {
      const row = await env.DB.prepare("select 1 as ok").first<{ ok: number }>();
      if (row?.ok !== 1) throw new Error("D1 did not answer select 1");
    },
    r2: async () => {
      await env.STORAGE.head("health/probe");
    },
    durableObjects: async () => {
      const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName("health/probe"));
      const storage = await stub.probe();
      if (storage !== "sqlite") throw new Error(`ExecutionObject storage is ${storage}, expected sqlite`);
    },
  };
}
