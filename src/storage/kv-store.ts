/**
 * The KV store port (Kestra's per-namespace key-value pairs, spec 9.3): typed values
 * (STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION, JSON), a description, and a TTL that
 * becomes an expiration date. As Kestra's InternalKVStore: an expired key is deleted when
 * read and `get` fails with "The requested value has expired"; `list` hides expired keys.
 *
 * The rules live here once (`createKvStore`); a backend only keeps rows (`KvRows`): SQL on
 * D1 and libSQL (src/storage/sql/kv-repository.ts), or memory (`MemoryKvRows`).
 */
import { Temporal } from "temporal-polyfill";
import { JsonSyntaxError, parseJson } from "../expression/functions/support/json.js";
import { isNumber, JDouble } from "../expression/values.js";
import { parseDurationMs } from "../util/duration.js";
import { messageOf } from "../util/errors.js";
import { parseTyped, stringifyTyped } from "../util/typed-json.js";

export const KV_TYPES = ["STRING", "NUMBER", "BOOLEAN", "DATETIME", "DATE", "DURATION", "JSON"] as const;
export type KvType = (typeof KV_TYPES)[number];

/** KVStore.validateKey: a key, matched in full. */
export const KV_KEY_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

export const INVALID_KEY_MESSAGE =
  "Key must start with an alphanumeric character (uppercase or lowercase) and can contain alphanumeric characters (uppercase or lowercase), dots (.), underscores (_), and hyphens (-) only.";

/** A string that reads back as a Duration (InternalKVStore's DURATION_PATTERN). */
const STORED_DURATION = /^P(?=[^T]|T.)(?:\d*D)?(?:T(?=.)(?:\d*H)?(?:\d*M)?(?:\d*S)?)?$/;

export type KvErrorCode = "kv.invalid-key" | "kv.exists" | "kv.invalid-value";

/** Bad input to the store (Kestra's IllegalArgumentException / KVStoreException). */
export class KvStoreError extends Error {
  constructor(
    readonly code: KvErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "KvStoreError";
  }
}

/** Kestra's ResourceExpiredException: the key existed but its TTL ran out (it is now deleted). */
export class ResourceExpiredError extends Error {
  readonly code = "kv.expired";
  constructor(message = "The requested value has expired") {
    super(message);
    this.name = "ResourceExpiredError";
  }
}

/** A key as the list endpoint shows it (Kestra's KVEntry). */
export interface KvEntry {
  readonly key: string;
  readonly description?: string;
  readonly creationDate: string;
  readonly updateDate: string;
  readonly expirationDate?: string;
}

/** A value with its Kestra type (the API's TypedValue). */
export interface KvValue {
  readonly type: KvType;
  readonly value: unknown;
}

export interface KvPutOptions {
  readonly description?: string;
  /** Time to live: an ISO-8601 duration (`PT1H`) or a Temporal.Duration; none: never expires. */
  readonly ttl?: string | Temporal.Duration;
  /** Fail instead of replacing a live value (default true: replace). */
  readonly overwrite?: boolean;
}

export interface KvStore {
  put(namespace: string, key: string, value: unknown, options?: KvPutOptions): Promise<void>;
  /** The value, or undefined when missing; rejects with ResourceExpiredError (and deletes it) when expired. */
  get(namespace: string, key: string): Promise<KvValue | undefined>;
  /** True when the key existed (expired or not). */
  delete(namespace: string, key: string): Promise<boolean>;
  /** The live keys of a namespace, sorted. */
  list(namespace: string): Promise<KvEntry[]>;
}

/** One stored key: the value as typed JSON (src/util/typed-json.ts). */
export interface KvRow {
  readonly namespace: string;
  readonly key: string;
  readonly type: KvType;
  readonly value: string;
  readonly description: string | null;
  readonly expirationDate: string | null;
  readonly created: string;
  readonly updated: string;
}

/** What a backend keeps: rows by namespace and key. */
export interface KvRows {
  read(namespace: string, key: string): Promise<KvRow | undefined>;
  /** Inserts or replaces a row; a replaced row keeps its `created`. */
  write(row: KvRow): Promise<void>;
  remove(namespace: string, key: string): Promise<boolean>;
  /** Every row of a namespace (expired ones too), sorted by key. */
  list(namespace: string): Promise<KvRow[]>;
}

export function validateKvKey(key: string): void {
  if (key === "") throw new KvStoreError("kv.invalid-key", "Key cannot be null or empty");
  if (!KV_KEY_PATTERN.test(key)) throw new KvStoreError("kv.invalid-key", INVALID_KEY_MESSAGE);
}

/** KVType.from: the type Kestra reports for a value. */
export function kvTypeOf(value: unknown): KvType {
  if (value === null || value === undefined || typeof value === "string") return "STRING";
  if (isNumber(value)) return "NUMBER";
  if (typeof value === "boolean") return "BOOLEAN";
  if (
    value instanceof Temporal.Instant ||
    value instanceof Temporal.ZonedDateTime ||
    value instanceof Temporal.PlainDateTime
  )
    return "DATETIME";
  if (value instanceof Temporal.PlainDate) return "DATE";
  if (value instanceof Temporal.Duration) return "DURATION";
  return "JSON";
}

function invalidValue(value: string, type: KvType, reason: string): KvStoreError {
  return new KvStoreError("kv.invalid-value", `Cannot convert '${value}' to ${type}: ${reason}`);
}

/** A JSON number as Jackson reads `Number.class`: Integer, Long or Double (`1.0` stays a Double). */
function jsonNumber(text: string): unknown {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw invalidValue(text, "NUMBER", error.message);
    throw error;
  }
  if (!isNumber(value)) throw invalidValue(text, "NUMBER", "not a number");
  if (typeof value === "number" && Number.isInteger(value) && /[.eE]/.test(text)) return new JDouble(value);
  return value;
}

/**
 * The Set task's `kvType` conversion: a rendered string becomes the type asked for (other
 * values are kept). DATETIME parses an instant (`2024-01-02T03:04:05Z`); DATE takes a plain
 * date too (Kestra 1.x parses both as instants, which refuses `2024-01-02`).
 */
export function convertKvValue(value: unknown, type: KvType | undefined): unknown {
  if (type === undefined || typeof value !== "string") return value;
  switch (type) {
    case "NUMBER":
      return jsonNumber(value.trim());
    case "BOOLEAN":
      return value.toLowerCase() === "true";
    case "DATE":
      if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return Temporal.PlainDate.from(value.trim());
      return instant(value, type);
    case "DATETIME":
      return instant(value, type);
    case "DURATION":
      try {
        return Temporal.Duration.from(value.trim());
      } catch {
        throw invalidValue(value, type, "not an ISO-8601 duration such as PT5M");
      }
    case "JSON":
      try {
        return parseJson(value);
      } catch (error) {
        if (error instanceof JsonSyntaxError) throw invalidValue(value, type, error.message);
        throw error;
      }
    default:
      return value;
  }
}

function instant(value: string, type: KvType): Temporal.Instant {
  try {
    return Temporal.Instant.from(value.trim());
  } catch {
    throw invalidValue(value, type, "not an instant such as 2024-01-02T03:04:05Z");
  }
}

/**
 * A value sent to the API (`PUT .../kv/{key}`), read as Kestra reads it with its Ion mapper:
 * JSON (a quoted string stays a string), an ISO date (`2021-09-01`) or instant
 * (`2021-09-01T01:02:03Z`); other text is kept as a string. Broken JSON is refused.
 */
export function parseKvBody(text: string): unknown {
  const trimmed = text.trim();
  try {
    return parseJson(trimmed);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return Temporal.PlainDate.from(trimmed);
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/i.test(trimmed)) {
    try {
      return Temporal.Instant.from(trimmed);
    } catch {
      // not an instant after all: kept as text below
    }
  }
  if (/^[{["]/.test(trimmed)) throw new KvStoreError("kv.invalid-value", `Invalid JSON value for: ${text}`);
  return text;
}

/** The time to live in milliseconds; a negative one is refused as Kestra's KVMetadata does. */
export function ttlMillis(ttl: string | Temporal.Duration): number {
  let ms: number;
  if (ttl instanceof Temporal.Duration) ms = ttl.total({ unit: "milliseconds" });
  else {
    try {
      ms = parseDurationMs(ttl);
    } catch (error) {
      throw new KvStoreError("kv.invalid-value", messageOf(error));
    }
  }
  if (ms < 0) throw new KvStoreError("kv.invalid-value", "ttl cannot be negative");
  return ms;
}

/** What is stored: a zoned date-time is kept as its instant (Ion timestamps read back as instants). */
function storable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Temporal.ZonedDateTime) return value.toInstant();
  return value;
}

/** The value as Kestra reads it back: a string spelling a duration becomes a Duration. */
function readBack(row: KvRow): unknown {
  const value = parseTyped(row.value);
  if (typeof value === "string" && STORED_DURATION.test(value)) return Temporal.Duration.from(value);
  return value;
}

function expired(row: KvRow, now: Date): boolean {
  return row.expirationDate !== null && Date.parse(row.expirationDate) < now.getTime();
}

function entryOf(row: KvRow): KvEntry {
  return {
    key: row.key,
    ...(row.description === null ? {} : { description: row.description }),
    creationDate: row.created,
    updateDate: row.updated,
    ...(row.expirationDate === null ? {} : { expirationDate: row.expirationDate }),
  };
}

/** The KV store over a backend's rows: keys checked, values typed, expiry applied. */
export function createKvStore(rows: KvRows, options: { now?: () => Date } = {}): KvStore {
  const now = options.now ?? (() => new Date());
  return {
    async put(namespace, key, value, put = {}) {
      validateKvKey(key);
      const at = now();
      if (put.overwrite === false) {
        const existing = await rows.read(namespace, key);
        if (existing && !expired(existing, at)) {
          throw new KvStoreError(
            "kv.exists",
            `Cannot set value for key '${key}'. Key already exists and \`overwrite\` is set to \`false\`.`,
          );
        }
      }
      const ttl = put.ttl === undefined ? undefined : ttlMillis(put.ttl);
      const stored = storable(value);
      await rows.write({
        namespace,
        key,
        type: kvTypeOf(stored),
        value: stringifyTyped(stored),
        description: put.description ?? null,
        expirationDate: ttl === undefined ? null : new Date(at.getTime() + ttl).toISOString(),
        created: at.toISOString(),
        updated: at.toISOString(),
      });
    },

    async get(namespace, key) {
      validateKvKey(key);
      const row = await rows.read(namespace, key);
      if (row === undefined) return undefined;
      if (expired(row, now())) {
        await rows.remove(namespace, key);
        throw new ResourceExpiredError();
      }
      const value = readBack(row);
      return { type: kvTypeOf(value), value };
    },

    async delete(namespace, key) {
      validateKvKey(key);
      return rows.remove(namespace, key);
    },

    async list(namespace) {
      const at = now();
      return (await rows.list(namespace)).filter((row) => !expired(row, at)).map(entryOf);
    },
  };
}

/** Rows in memory: tests, the CLI and the local host without a database. */
export class MemoryKvRows implements KvRows {
  private readonly rows = new Map<string, KvRow>();

  async read(namespace: string, key: string): Promise<KvRow | undefined> {
    return this.rows.get(`${namespace}\n${key}`);
  }

  async write(row: KvRow): Promise<void> {
    const id = `${row.namespace}\n${row.key}`;
    const before = this.rows.get(id);
    this.rows.set(id, before ? { ...row, created: before.created } : row);
  }

  async remove(namespace: string, key: string): Promise<boolean> {
    return this.rows.delete(`${namespace}\n${key}`);
  }

  async list(namespace: string): Promise<KvRow[]> {
    return [...this.rows.values()]
      .filter((row) => row.namespace === namespace)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** A KV store in memory. */
export function memoryKvStore(options: { now?: () => Date } = {}): KvStore {
  return createKvStore(new MemoryKvRows(), options);
}
