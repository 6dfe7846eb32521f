/**
 * ExecutionObject: one Durable Object per execution, backed by SQLite storage. It will
 * hold the execution's state, task runs, timers and logs and drive the executor's step()
 * (see DESIGN.md §2); today it answers the health probe, which proves the class is bound
 * with SQLite storage.
 */
import { DurableObject } from "cloudflare:workers";

export class ExecutionObject extends DurableObject {
  /**
   * The storage engine behind this object: "sqlite" for the class wrangler.toml declares
   * (a key-value-backed object has no SQL API and throws here).
   */
  async probe(): Promise<string> {
    const row = this.ctx.storage.sql.exec<{ ok: number }>("select 1 as ok").one();
    return row.ok === 1 ? "sqlite" : "unknown";
  }
}
