/**
 * The SQLite tables of one ExecutionObject: the flow source and execution header, one row
 * per task run (JSON, in creation order), log lines, timers, and the `task.run` commands
 * not answered yet (run again after a reload). `commit` writes one tick's changes in one
 * synchronous transaction.
 */
import type { ExecState, ExecutionHeader } from "../src/executor/exec-state.js";
import type { Execution, TaskRun } from "../src/executor/model.js";
import type { ExecutorCommand, LogLine } from "../src/executor/protocol.js";

type TaskRunCommand = Extract<ExecutorCommand, { type: "task.run" }>;

const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists task_runs (seq integer primary key autoincrement, id text not null unique, json text not null);
create table if not exists logs (seq integer primary key autoincrement, json text not null);
create table if not exists timers (id text primary key, at integer not null);
create table if not exists commands (task_run_id text primary key, json text not null);
`;

/** What one tick changes besides the state. */
export interface TickChanges {
  readonly logs?: readonly LogLine[];
  readonly timersSet?: readonly { readonly id: string; readonly at: number }[];
  readonly timersCancelled?: readonly string[];
  readonly clearTimers?: boolean;
  readonly commandsSent?: readonly TaskRunCommand[];
  readonly commandsAnswered?: readonly string[];
}

export interface Stored {
  readonly source: string;
  readonly execution: Execution;
  readonly logs: LogLine[];
  readonly commands: TaskRunCommand[];
}

export class ExecutionStore {
  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec(SCHEMA);
  }

  /** The tables again, after `deleteAll()` dropped them. */
  recreate(): void {
    this.storage.sql.exec(SCHEMA);
  }

  /** The execution held, or undefined before start(). */
  load(): Stored | undefined {
    const sql = this.storage.sql;
    const meta = new Map(
      sql
        .exec<{ key: string; value: string }>("select key, value from meta")
        .toArray()
        .map((r) => [r.key, r.value]),
    );
    const source = meta.get("source");
    const header = meta.get("execution");
    if (source === undefined || header === undefined) return undefined;
    const runs = sql
      .exec<{ json: string }>("select json from task_runs order by seq")
      .toArray()
      .map((r) => JSON.parse(r.json) as TaskRun);
    const logs = sql
      .exec<{ json: string }>("select json from logs order by seq")
      .toArray()
      .map((r) => JSON.parse(r.json) as LogLine);
    const commands = sql
      .exec<{ json: string }>("select json from commands")
      .toArray()
      .map((r) => JSON.parse(r.json) as TaskRunCommand);
    return { source, execution: { ...(JSON.parse(header) as ExecutionHeader), taskRunList: runs }, logs, commands };
  }

  /** The flow source of the execution held, or undefined before start(). */
  source(): string | undefined {
    const rows = this.storage.sql.exec<{ value: string }>("select value from meta where key = 'source'").toArray();
    return rows[0]?.value;
  }

  /** Writes the flow source of a new execution. */
  saveSource(source: string): void {
    this.storage.sql.exec("insert or replace into meta (key, value) values ('source', ?)", source);
  }

  /**
   * What the armed alarm is for: the earliest timer, or a watchdog that wakes the object while
   * tasks run (so that after a crash it runs them again). Kept in storage: a crash forgets memory.
   */
  alarmKind(kind?: "timer" | "watchdog"): "timer" | "watchdog" {
    if (kind !== undefined) {
      this.storage.sql.exec("insert or replace into meta (key, value) values ('alarm', ?)", kind);
      return kind;
    }
    const rows = this.storage.sql.exec<{ value: string }>("select value from meta where key = 'alarm'").toArray();
    return rows[0]?.value === "watchdog" ? "watchdog" : "timer";
  }

  /** The earliest timer, epoch milliseconds. */
  earliestTimer(): number | undefined {
    const row = this.storage.sql.exec<{ at: number | null }>("select min(at) as at from timers").one();
    return row.at ?? undefined;
  }

  /** Timers due at `at` or before, earliest first. */
  dueTimers(at: number): { id: string; at: number }[] {
    return this.storage.sql
      .exec<{ id: string; at: number }>("select id, at from timers where at <= ? order by at, id", at)
      .toArray();
  }

  /**
   * Writes what changed from `before` to `after` (the header, new, changed and dropped task
   * runs) and the tick's other changes, in one transaction.
   */
  commit(before: ExecState | undefined, after: ExecState, changes: TickChanges = {}): void {
    const sql = this.storage.sql;
    this.storage.transactionSync(() => {
      if (before?.execution !== after.execution) {
        sql.exec("insert or replace into meta (key, value) values ('execution', ?)", JSON.stringify(after.execution));
      }
      for (const [id, run] of after.runs) {
        if (before?.runs.get(id) === run) continue;
        sql.exec(
          "insert into task_runs (id, json) values (?, ?) on conflict(id) do update set json = excluded.json",
          id,
          JSON.stringify(run),
        );
      }
      if (before) {
        for (const id of before.runs.keys())
          if (!after.runs.has(id)) sql.exec("delete from task_runs where id = ?", id);
      }
      for (const line of changes.logs ?? []) sql.exec("insert into logs (json) values (?)", JSON.stringify(line));
      if (changes.clearTimers) sql.exec("delete from timers");
      for (const id of changes.timersCancelled ?? []) sql.exec("delete from timers where id = ?", id);
      for (const timer of changes.timersSet ?? []) {
        sql.exec("insert or replace into timers (id, at) values (?, ?)", timer.id, timer.at);
      }
      for (const id of changes.commandsAnswered ?? []) sql.exec("delete from commands where task_run_id = ?", id);
      for (const command of changes.commandsSent ?? []) {
        sql.exec(
          "insert or replace into commands (task_run_id, json) values (?, ?)",
          command.taskRunId,
          JSON.stringify(command),
        );
      }
    });
  }
}
