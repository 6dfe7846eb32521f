/**
 * FlowObject: one Durable Object per flow (namespace and id, every revision) that counts the
 * executions holding a slot of the flow's `concurrency`, as Kestra 1.x keeps a counter per
 * flow. An execution about to start asks `admit`; one that ends calls `release`, which hands
 * the freed slots to the oldest queued executions (their objects hear `unqueue`). The decision
 * itself is src/executor/concurrency.ts; this object only counts, in its SQLite storage.
 */
import { DurableObject } from "cloudflare:workers";
import { admit, type Concurrency, freeSlots } from "../src/executor/concurrency.js";
import type { ExecutorEvent } from "../src/executor/protocol.js";
import type { Env } from "../workers/env.js";

type Limited = Extract<ExecutorEvent, { type: "execution.limited" }>;

const SCHEMA = `
create table if not exists holders (execution_id text primary key);
create table if not exists queue (seq integer primary key autoincrement, execution_id text not null unique);
create table if not exists meta (key text primary key, value text not null);
`;

/** After a queued execution's object could not be told it may start, the next try is this far (ms). */
const RETRY_MS = 1_000;

/** What the FlowObject calls on an execution's object. */
interface QueuedExecution {
  /** Starts a QUEUED execution; false when it is no longer queued (killed meanwhile). */
  unqueue(): Promise<boolean>;
}

export class FlowObject extends DurableObject<Env> {
  private dispatching: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(SCHEMA);
  }

  /**
   * An execution about to start: undefined when it may (it then holds a slot), else the event
   * that queues, cancels or fails it (a QUEUE one joins the queue). Asked again for the same
   * execution, it answers the same.
   */
  admit(executionId: string, concurrency: Concurrency): Limited | undefined {
    const sql = this.ctx.storage.sql;
    if (this.holds(executionId)) return undefined;
    const running = this.running();
    const queued = sql.exec("select 1 from queue where execution_id = ?", executionId).toArray().length > 0;
    if (queued) return { type: "execution.limited", behavior: "QUEUE", running };
    const limited = admit(concurrency, running);
    if (!limited) sql.exec("insert into holders (execution_id) values (?)", executionId);
    else if (limited.behavior === "QUEUE") sql.exec("insert into queue (execution_id) values (?)", executionId);
    this.saveConcurrency(concurrency);
    return limited;
  }

  /** An execution ended: it leaves the queue, and a slot it held goes to the oldest queued ones. */
  async release(executionId: string, concurrency: Concurrency): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec("delete from queue where execution_id = ?", executionId);
    sql.exec("delete from holders where execution_id = ?", executionId);
    this.saveConcurrency(concurrency);
    await this.dispatch();
  }

  /** Executions holding a slot, and queued ones in order (tests, inspection). */
  counts(): { holders: string[]; queued: string[] } {
    const sql = this.ctx.storage.sql;
    return {
      holders: sql
        .exec<{ execution_id: string }>("select execution_id from holders order by execution_id")
        .toArray()
        .map((row) => row.execution_id),
      queued: sql
        .exec<{ execution_id: string }>("select execution_id from queue order by seq")
        .toArray()
        .map((row) => row.execution_id),
    };
  }

  /** A queued execution could not be told before: try again. */
  override async alarm(): Promise<void> {
    await this.dispatch();
  }

  /** Hands free slots to the oldest queued executions, one dispatch at a time. */
  private dispatch(): Promise<void> {
    this.dispatching = this.dispatching.then(() => this.handOut());
    return this.dispatching;
  }

  private async handOut(): Promise<void> {
    const sql = this.ctx.storage.sql;
    const concurrency = this.concurrency();
    while (freeSlots(concurrency, this.running()) > 0) {
      const next = sql
        .exec<{ execution_id: string }>("select execution_id from queue order by seq limit 1")
        .toArray()[0]?.execution_id;
      if (next === undefined) return;
      sql.exec("insert or ignore into holders (execution_id) values (?)", next);
      try {
        const stub = this.env.EXECUTIONS.get(this.env.EXECUTIONS.idFromName(next)) as unknown as QueuedExecution;
        const started = await stub.unqueue();
        sql.exec("delete from queue where execution_id = ?", next);
        // No longer queued (killed meanwhile): the slot stays free.
        if (!started) sql.exec("delete from holders where execution_id = ?", next);
      } catch (error) {
        sql.exec("delete from holders where execution_id = ?", next);
        console.error(`Starting the queued execution ${next} failed; trying again:`, error);
        await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
        return;
      }
    }
  }

  private holds(executionId: string): boolean {
    return this.ctx.storage.sql.exec("select 1 from holders where execution_id = ?", executionId).toArray().length > 0;
  }

  private running(): number {
    return this.ctx.storage.sql.exec<{ n: number }>("select count(*) as n from holders").one().n;
  }

  /** The flow's concurrency as last given (by the latest execution to ask). */
  private concurrency(): Concurrency | undefined {
    const rows = this.ctx.storage.sql
      .exec<{ value: string }>("select value from meta where key = 'concurrency'")
      .toArray();
    return rows[0] ? (JSON.parse(rows[0].value) as Concurrency) : undefined;
  }

  private saveConcurrency(concurrency: Concurrency): void {
    this.ctx.storage.sql.exec(
      "insert or replace into meta (key, value) values ('concurrency', ?)",
      JSON.stringify(concurrency),
    );
  }
}
