/**
 * Walking zod schemas alongside values: finding the slots (child tasks, triggers,
 * conditions, task runners, inputs) inside a validated value, naming the properties a
 * map may have, and turning zod issues into Tern's messages. Reads zod's documented
 * `_zod.def` structure; nothing here depends on a particular plugin.
 */
import type { z } from "zod";
import { isPlainObject, type SlotKind, slotKind } from "../plugin/properties.js";
import type { PathSegment } from "./issues.js";

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schema under wrappers (optional, default, ...), pipes and lazies. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 32; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else return current;
  }
  return current;
}

const slotCache = new WeakMap<z.ZodType, boolean>();

/** Whether any slot can be found under this schema (cached; recursion through lazies is cut). */
export function containsSlot(schema: z.ZodType, seen = new Set<z.ZodType>()): boolean {
  const cached = slotCache.get(schema);
  if (cached !== undefined) return cached;
  if (seen.has(schema)) return false;
  seen.add(schema);
  let found = slotKind(schema) !== undefined;
  if (!found) {
    const inner = unwrap(schema);
    const def = defOf(inner);
    const children: z.ZodType[] =
      inner !== schema
        ? [inner]
        : [
            ...(def.element ? [def.element] : []),
            ...(def.valueType ? [def.valueType] : []),
            ...Object.values(def.shape ?? {}),
            ...(def.options ?? []),
          ];
    found = children.some((child) => containsSlot(child, seen));
  }
  slotCache.set(schema, found);
  return found;
}

export type SlotVisitor = (kind: SlotKind, value: unknown, path: PathSegment[]) => unknown;

/** Returns `value` with every slot replaced by what `visit` returns for it. */
export function mapSlots(schema: z.ZodType, value: unknown, path: PathSegment[], visit: SlotVisitor): unknown {
  const kind = slotKind(schema);
  if (kind !== undefined) return visit(kind, value, path);
  if (value === undefined || value === null || !containsSlot(schema)) return value;
  const inner = unwrap(schema);
  if (inner !== schema) return mapSlots(inner, value, path, visit);
  const def = defOf(inner);
  if (def.type === "array" && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.map((item, index) => mapSlots(element, item, [...path, index], visit));
  }
  if (def.type === "object" && def.shape && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [key, child] of Object.entries(def.shape)) {
      if (key in value) out[key] = mapSlots(child, value[key], [...path, key], visit);
    }
    return out;
  }
  if (def.type === "record" && def.valueType && isPlainObject(value)) {
    const valueType = def.valueType;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapSlots(valueType, item, [...path, key], visit)]),
    );
  }
  if (def.type === "union" && def.options) {
    const option = def.options.find((o) => containsSlot(o) && o.safeParse(value).success);
    return option ? mapSlots(option, value, path, visit) : value;
  }
  return value;
}

/** Property names an object schema accepts at `path` below `schema`, for "did you mean". */
export function knownKeys(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current === undefined) return [];
    const def = defOf(current);
    if (def.type === "object" && def.shape) current = def.shape[String(segment)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "record") current = def.valueType;
    else if (def.type === "union") {
      current = def.options?.find((o) => defOf(unwrap(o)).shape?.[String(segment)] !== undefined);
      current = current ? defOf(unwrap(current)).shape?.[String(segment)] : undefined;
    } else return [];
    current = current ? unwrap(current) : undefined;
  }
  if (current === undefined) return [];
  const def = defOf(current);
  if (def.shape) return Object.keys(def.shape);
  return (def.options ?? []).flatMap((o) => Object.keys(defOf(unwrap(o)).shape ?? {}));
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  return String(value);
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean (true or false)",
  array: "a list",
  object: "a map",
  record: "a map",
};

/** Tern's wording for zod's built-in checks, close to Kestra's jakarta-validation messages. */
export const errorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "must not be null";
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}, not ${describeValue(issue.input)}`;
    case "too_small":
      if (issue.origin === "array" || (issue.origin === "string" && Number(issue.minimum) === 1)) {
        return Number(issue.minimum) === 1 ? "must not be empty" : `must have at least ${issue.minimum} items`;
      }
      if (issue.origin === "string") return `must be at least ${issue.minimum} characters`;
      return `must be greater than or equal to ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `must have at most ${issue.maximum} items`;
      return `must be less than or equal to ${issue.maximum}`;
    case "invalid_format":
      return issue.format === "regex" && "pattern" in issue ? `must match "${String(issue.pattern)}"` : undefined;
    default:
      return undefined;
  }
};
