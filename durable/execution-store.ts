/**
 * The SQLite tables of one ExecutionObject: the flow source and execution header, one row
 * per task run (JSON, in creation order), log lines, timers, and the `task.run` commands
 * not answered yet (run again after a reload). `commit` writes one tick's changes in one
 * synchronous transaction.
 */
import { changedRuns, type ExecState, type ExecutionHeader } from "../src/executor/exec-state.js";
import type { Execution, TaskRun } from "../src/executor/model.js";
import type { ExecutorCommand, LogLine } from "../src/executor/protocol.js";
import { parseTyped, stringifyTyped } from "../src/util/typed-json.js";

type TaskRunCommand = Extract<ExecutorCommand, { type: "task.run" }>;
type SubflowStart = Extract<ExecutorCommand, { type: "subflow.start" }>;
type DirectoryOpen = Extract<ExecutorCommand, { type: "directory.open" }>;
type Lookup = Extract<ExecutorCommand, { type: "lookup" }>;

const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists task_runs (seq integer primary key autoincrement, id text not null unique, json text not null);
create table if not exists logs (seq integer primary key autoincrement, json text not null);
create table if not exists timers (id text primary key, at integer not null);
create table if not exists commands (task_run_id text primary key, json text not null);
create table if not exists lookups (key text primary key, json text not null);
create table if not exists directories (task_run_id text primary key, json text not null);
create table if not exists chunks (owner text not null, part integer not null, data text not null, primary key (owner, part));
create table if not exists children (id text primary key, task_run_id text not null, json text not null, state text not null);
`;

/**
 * A child execution this one asked for (`subflow.start`), by the child's id: `starting` until
 * the child object holds it (asked again after a reload), `started` once the parent heard of
 * it, `ended` once its end was applied (a repeated report is then ignored).
 */
export type ChildState = "starting" | "started" | "ended";

export interface ChildRow {
  readonly id: string;
  /** Undefined for a child recorded when it was restarted, the record of its start lost. */
  readonly command: SubflowStart | undefined;
  readonly state: ChildState;
}

/**
 * Longest JSON text kept in one row: 500,000 UTF-16 code units are at most 1.5 MB of UTF-8,
 * under the 2 MB a value of a Durable Object's SQLite may hold.
 */
const CHUNK_CHARS = 500_000;
/** A cached value not read yet. */
const UNKNOWN = Symbol("unknown");
/** The key of a row's JSON that points at chunks instead. */
const CHUNKED = "@ternChunks";

/** What one tick changes besides the state. */
export interface TickChanges {
  readonly logs?: readonly LogLine[];
  readonly timersSet?: readonly { readonly id: string; readonly at: number }[];
  readonly timersCancelled?: readonly string[];
  readonly clearTimers?: boolean;
  readonly commandsSent?: readonly TaskRunCommand[];
  readonly commandsAnswered?: readonly string[];
  /** Child executions asked for by this tick, with the ids chosen for them. */
  readonly childrenAsked?: readonly { readonly id: string; readonly command: SubflowStart }[];
  /** Lookups asked by this tick, and the one it answered (by key). */
  readonly lookupsSent?: readonly Lookup[];
  readonly lookupAnswered?: string;
  /** WorkingDirectory directories opened by this tick, and closed (their task run ids). */
  readonly directoriesOpened?: readonly DirectoryOpen[];
  readonly directoriesClosed?: readonly string[];
  /** A child whose start or end this tick applied. */
  readonly childMarked?: { readonly id: string; readonly state: ChildState };
}

export interface Stored {
  readonly source: string;
  readonly execution: Execution;
  readonly logs: LogLine[];
  readonly commands: TaskRunCommand[];
}

export class ExecutionStore {
  /** The earliest timer as last read (undefined: none), or UNKNOWN until read again. */
  private earliest: number | undefined | typeof UNKNOWN = UNKNOWN;
  /** Owners whose stored text is cut into chunks (see split). */
  private readonly chunked = new Set<string>();

  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec(SCHEMA);
  }

  /** The tables again, after `deleteAll()` dropped them. */
  recreate(): void {
    this.chunked.clear();
    this.earliest = UNKNOWN;
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
      .map((r) => parseTyped<TaskRun>(this.whole(r.json)));
    const logs = sql
      .exec<{ json: string }>("select json from logs order by seq")
      .toArray()
      .map((r) => JSON.parse(r.json) as LogLine);
    const commands = sql
      .exec<{ json: string }>("select json from commands")
      .toArray()
      .map((r) => parseTyped<TaskRunCommand>(r.json));
    const execution = { ...parseTyped<ExecutionHeader>(this.whole(header)), taskRunList: runs };
    return { source, execution, logs, commands };
  }

  /**
   * JSON text to store under `owner`: itself when it fits a row, else a reference to the chunks
   * it is cut into (a row of the object's SQLite holds at most 2 MB, and a task's outputs may
   * be far larger). Chunks of an earlier, longer text of the same owner go.
   */
  private split(owner: string, text: string): string {
    const sql = this.storage.sql;
    const parts = Math.ceil(text.length / CHUNK_CHARS);
    if (this.chunked.has(owner)) {
      sql.exec("delete from chunks where owner = ? and part >= ?", owner, text.length <= CHUNK_CHARS ? 0 : parts);
      this.chunked.delete(owner);
    }
    if (text.length <= CHUNK_CHARS) return text;
    this.chunked.add(owner);
    for (let part = 0; part < parts; part++) {
      const data = text.slice(part * CHUNK_CHARS, (part + 1) * CHUNK_CHARS);
      sql.exec("insert or replace into chunks (owner, part, data) values (?, ?, ?)", owner, part, data);
    }
    return JSON.stringify({ [CHUNKED]: owner, parts });
  }

  /** The JSON text `split` stored: itself, or its chunks joined again. */
  private whole(stored: string): string {
    if (!stored.startsWith(`{"${CHUNKED}"`)) return stored;
    const { [CHUNKED]: owner, parts } = JSON.parse(stored) as { [CHUNKED]: string; parts: number };
    const rows = this.storage.sql
      .exec<{ data: string }>("select data from chunks where owner = ? order by part", owner)
      .toArray();
    if (rows.length !== parts) throw new Error(`The stored value of ${owner} lost chunks: ${rows.length} of ${parts}`);
    this.chunked.add(owner);
    return rows.map((row) => row.data).join("");
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

  /** A value of the meta table (the parent link, its notification...), or undefined. */
  meta(key: string): string | undefined {
    return this.storage.sql.exec<{ value: string }>("select value from meta where key = ?", key).toArray()[0]?.value;
  }

  setMeta(key: string, value: string): void {
    this.storage.sql.exec("insert or replace into meta (key, value) values (?, ?)", key, value);
  }

  /** Keeps only the given log lines (a purge of some of them), in order. */
  replaceLogs(lines: readonly LogLine[]): void {
    const sql = this.storage.sql;
    this.storage.transactionSync(() => {
      sql.exec("delete from logs");
      for (const line of lines) sql.exec("insert into logs (json) values (?)", JSON.stringify(line));
    });
  }

  /** Deletes every log line of the execution; how many there were. */
  dropLogs(): number {
    const sql = this.storage.sql;
    const count = sql.exec<{ n: number }>("select count(*) as n from logs").one().n;
    sql.exec("delete from logs");
    return count;
  }

  /** The lookups asked and not answered yet. */
  pendingLookups(): Lookup[] {
    return this.storage.sql
      .exec<{ json: string }>("select json from lookups")
      .toArray()
      .map((row) => JSON.parse(row.json) as Lookup);
  }

  /** The WorkingDirectory directories opened and not closed yet. */
  openDirectories(): DirectoryOpen[] {
    return this.storage.sql
      .exec<{ json: string }>("select json from directories")
      .toArray()
      .map((row) => JSON.parse(row.json) as DirectoryOpen);
  }

  /** A child execution asked for by this one, by the child's id. */
  child(id: string): ChildRow | undefined {
    return this.childRows("select id, json, state from children where id = ?", id)[0];
  }

  /** The children asked for by a task run, or in a state, or all of them. */
  children(filter: { readonly taskRunId?: string; readonly state?: ChildState }): ChildRow[] {
    if (filter.taskRunId === undefined && filter.state === undefined)
      return this.childRows("select id, json, state from children order by rowid");
    if (filter.taskRunId !== undefined)
      return this.childRows("select id, json, state from children where task_run_id = ?", filter.taskRunId);
    return this.childRows("select id, json, state from children where state = ?", filter.state ?? "starting");
  }

  /** Sets a child's state; with `taskRunId`, records the child when it was not recorded. */
  markChild(id: string, state: ChildState, taskRunId?: string): void {
    const sql = this.storage.sql;
    if (taskRunId !== undefined && !this.child(id)) {
      sql.exec("insert into children (id, task_run_id, json, state) values (?, ?, 'null', ?)", id, taskRunId, state);
      return;
    }
    sql.exec("update children set state = ? where id = ?", state, id);
  }

  private childRows(query: string, ...bindings: string[]): ChildRow[] {
    return this.storage.sql
      .exec<{ id: string; json: string; state: ChildState }>(query, ...bindings)
      .toArray()
      .map((row) => ({
        id: row.id,
        command: parseTyped<SubflowStart | null>(row.json) ?? undefined,
        state: row.state,
      }));
  }

  /** The earliest timer, epoch milliseconds. */
  earliestTimer(): number | undefined {
    // Read once, then kept until a commit changes the timers: the object asks after every tick.
    if (this.earliest !== UNKNOWN) return this.earliest;
    const row = this.storage.sql.exec<{ at: number | null }>("select min(at) as at from timers").one();
    this.earliest = row.at ?? undefined;
    return this.earliest;
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
        const header = this.split("execution", stringifyTyped(after.execution));
        sql.exec("insert or replace into meta (key, value) values ('execution', ?)", header);
      }
      // Only the task runs the state's changes journal names, when `after` derives from `before`.
      const changed = before ? changedRuns(before, after) : undefined;
      for (const id of changed ?? after.runs.keys()) {
        const run = after.runs.get(id);
        if (!run || before?.runs.get(id) === run) continue;
        sql.exec(
          "insert into task_runs (id, json) values (?, ?) on conflict(id) do update set json = excluded.json",
          id,
          this.split(`run ${id}`, stringifyTyped(run)),
        );
      }
      if (before && !changed) {
        for (const id of before.runs.keys()) {
          if (after.runs.has(id)) continue;
          sql.exec("delete from task_runs where id = ?", id);
          if (this.chunked.delete(`run ${id}`)) sql.exec("delete from chunks where owner = ?", `run ${id}`);
        }
      }
      for (const line of changes.logs ?? []) sql.exec("insert into logs (json) values (?)", JSON.stringify(line));
      if (changes.clearTimers || changes.timersCancelled?.length || changes.timersSet?.length) this.earliest = UNKNOWN;
      if (changes.clearTimers) sql.exec("delete from timers");
      for (const id of changes.timersCancelled ?? []) sql.exec("delete from timers where id = ?", id);
      for (const timer of changes.timersSet ?? []) {
        sql.exec("insert or replace into timers (id, at) values (?, ?)", timer.id, timer.at);
      }
      for (const id of changes.commandsAnswered ?? []) sql.exec("delete from commands where task_run_id = ?", id);
      for (const { id, command } of changes.childrenAsked ?? []) {
        sql.exec(
          "insert or replace into children (id, task_run_id, json, state) values (?, ?, ?, 'starting')",
          id,
          command.taskRunId,
          stringifyTyped(command),
        );
      }
      for (const command of changes.lookupsSent ?? []) {
        sql.exec("insert or replace into lookups (key, json) values (?, ?)", command.key, JSON.stringify(command));
      }
      if (changes.lookupAnswered !== undefined) sql.exec("delete from lookups where key = ?", changes.lookupAnswered);
      for (const command of changes.directoriesOpened ?? []) {
        sql.exec(
          "insert or replace into directories (task_run_id, json) values (?, ?)",
          command.taskRunId,
          stringifyTyped(command),
        );
      }
      for (const id of changes.directoriesClosed ?? []) sql.exec("delete from directories where task_run_id = ?", id);
      if (changes.childMarked) this.markChild(changes.childMarked.id, changes.childMarked.state);
      for (const command of changes.commandsSent ?? []) {
        sql.exec(
          "insert or replace into commands (task_run_id, json) values (?, ?)",
          command.taskRunId,
          stringifyTyped(command),
        );
      }
    });
  }
}
