/**
 * Kestra's Pebble conformance table (../shared/kestra/expressions.yaml): every case runs
 * through Tern's engine with the case's context, dates, time zone, clock and seeded stores.
 * A case Tern does not match yet must be listed in expressions-known-differences.yaml with
 * the reason; a listed case that starts passing fails the suite, so the list stays true.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createEngine } from "../../src/expression/index.js";
import { isTemporal, JDouble, temporalString, toPlain } from "../../src/expression/values.js";
import { storesFrom } from "../support/expression-stores.js";
import { KESTRA_DIR } from "../support/kestra.js";

interface ExpressionCase {
  id: string;
  category: string;
  template: string;
  context?: Record<string, unknown>;
  dates?: Record<string, string>;
  tz?: string;
  now?: string;
  stores?: Record<string, unknown>;
  expect?: string;
  error?: string;
  pattern?: string;
  typed?: unknown;
  typed_type?: string;
  typed_error?: string;
}

/** Reads the cases keeping Java's number types: 32-bit integers, exact Longs, and Doubles even when whole. */
function readCases(): ExpressionCase[] {
  const text = readFileSync(join(KESTRA_DIR, "expressions.yaml"), "utf8");
  // Expected output is text: read it with the failsafe schema so `1.0E7` stays "1.0E7".
  const asText = parse(text, { schema: "failsafe" }) as { expect?: string }[];
  const typedCases = parse(text, {
    intAsBigInt: true,
    customTags: (tags) =>
      tags.map((tag) =>
        typeof tag === "object" && "test" in tag && tag.tag === "tag:yaml.org,2002:float" && !tag.format
          ? ({ ...tag, resolve: (source: string) => asDouble(Number.parseFloat(source)) } as typeof tag)
          : tag,
      ),
  }) as ExpressionCase[];
  return typedCases.map((testCase, i) => {
    const expectText = asText[i]?.expect;
    const typed = testCase.typed_type === "Double" && testCase.typed === "NaN" ? Number.NaN : testCase.typed;
    return {
      ...testCase,
      ...(expectText === undefined ? {} : { expect: expectText }),
      ...("typed" in testCase ? { typed } : {}),
    };
  });
}

function asDouble(value: number): number | JDouble {
  return Number.isInteger(value) ? new JDouble(value) : value;
}

/** bigints that fit 32 bits become Integers (JS numbers), as Jackson reads JSON numbers. */
function javaContext(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value >= -2147483648n && value <= 2147483647n ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(javaContext);
  if (value && typeof value === "object" && !(value instanceof JDouble)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, javaContext(v)]));
  }
  return value;
}

function toTemporal(text: string, type: string): unknown {
  switch (type) {
    case "Instant":
    case "Date":
      return Temporal.Instant.from(text);
    case "ZonedDateTime": {
      const offset = /([+-]\d\d:\d\d|Z)$/.exec(text)?.[1] ?? "Z";
      // Java's ZoneOffset.UTC: an offset zone, printed `Z`, not the region `UTC`.
      return Temporal.Instant.from(text).toZonedDateTimeISO(offset === "Z" ? "+00:00" : offset);
    }
    case "LocalDateTime":
      return Temporal.PlainDateTime.from(text);
    case "LocalDate":
      return Temporal.PlainDate.from(text);
    default:
      throw new Error(`unknown date type ${type}`);
  }
}

function contextOf(testCase: ExpressionCase): Record<string, unknown> {
  const context = javaContext(testCase.context ?? {}) as Record<string, unknown>;
  for (const [path, type] of Object.entries(testCase.dates ?? {})) {
    const keys = path.split(".");
    let target: Record<string, unknown> = context;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = keys[keys.length - 1] as string;
    target[last] = toTemporal(String(target[last]), type);
  }
  return context;
}

const knownDifferences = parse(
  readFileSync(join(import.meta.dirname, "expressions-known-differences.yaml"), "utf8"),
) as Record<string, string> | null;
const known = new Map(Object.entries(knownDifferences ?? {}));

const engine = createEngine();

type Outcome = { ok: true } | { ok: false; why: string };

async function run(testCase: ExpressionCase): Promise<Outcome> {
  const options = {
    timeZone: testCase.tz ?? "UTC",
    now: () => Temporal.Instant.from(testCase.now ?? "2024-01-02T03:04:05.123456Z"),
    stores: storesFrom(testCase.stores ?? {}),
  };
  const context = contextOf(testCase);
  let rendered: string | undefined;
  let failure: string | undefined;
  try {
    rendered = await engine.renderAsync(testCase.template, context, options);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (testCase.error !== undefined) {
    if (failure === undefined)
      return { ok: false, why: `expected an error containing "${testCase.error}", got "${rendered}"` };
    if (!failure.includes(testCase.error)) return { ok: false, why: `error "${failure}" lacks "${testCase.error}"` };
    return { ok: true };
  }
  if (failure !== undefined) return { ok: false, why: `failed: ${failure}` };
  if (testCase.expect !== undefined && rendered !== String(testCase.expect)) {
    return {
      ok: false,
      why: `rendered ${JSON.stringify(rendered)}, expected ${JSON.stringify(String(testCase.expect))}`,
    };
  }
  if (testCase.pattern !== undefined && !new RegExp(testCase.pattern).test(rendered ?? "")) {
    return { ok: false, why: `rendered ${JSON.stringify(rendered)}, not matching /${testCase.pattern}/` };
  }
  if (testCase.typed_error !== undefined) {
    try {
      const typed = await engine.renderTypedAsync(testCase.template, context, options);
      return { ok: false, why: `typed render gave ${String(typed)}, expected error "${testCase.typed_error}"` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!message.includes(testCase.typed_error)) return { ok: false, why: `typed error "${message}"` };
    }
  } else if ("typed" in testCase) {
    const typed = await engine.renderTypedAsync(testCase.template, context, options);
    const want = toPlain(javaContext(testCase.typed));
    // The table records dates as their ISO text; compare Tern's dates the same way.
    const got = datesAsText(typed);
    try {
      expect(got).toEqual(want);
    } catch {
      return {
        ok: false,
        why: `typed ${JSON.stringify(toPlain(typed), replacer)}, expected ${JSON.stringify(want, replacer)}`,
      };
    }
  }
  return { ok: true };
}

function datesAsText(value: unknown): unknown {
  if (isTemporal(value)) return temporalString(value).replace(/T(\d\d:\d\d)Z$/, "T$1:00Z");
  if (Array.isArray(value)) return value.map(datesAsText);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesAsText(v)]));
  }
  return value;
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `${value}n` : value;
}

const cases = readCases();
const tally = new Map<string, { passed: number; known: number }>();

describe("Kestra Pebble conformance", () => {
  for (const testCase of cases) {
    it(`${testCase.category}: ${testCase.id}`, async () => {
      const outcome = await run(testCase);
      const entry = tally.get(testCase.category) ?? { passed: 0, known: 0 };
      tally.set(testCase.category, entry);
      const reason = known.get(testCase.id);
      if (reason !== undefined) {
        expect(outcome.ok, `${testCase.id} now passes: remove it from expressions-known-differences.yaml`).toBe(false);
        entry.known++;
        return;
      }
      expect(outcome.ok ? "pass" : outcome.why).toBe("pass");
      entry.passed++;
    });
  }

  it("lists only cases that exist", () => {
    const ids = new Set(cases.map((c) => c.id));
    expect([...known.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  afterAll(() => {
    const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
    const passed = rows.reduce((n, [, r]) => n + r.passed, 0);
    const differences = rows.reduce((n, [, r]) => n + r.known, 0);
    console.log(
      [
        "Pebble conformance (category: passed / known differences)",
        ...rows.map(([category, r]) => `  ${category}: ${r.passed} / ${r.known}`),
        `  total: ${passed} passed, ${differences} known differences, of ${cases.length} cases`,
      ].join("\n"),
    );
  });
});
