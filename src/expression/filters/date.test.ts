/**
 * The date cases of the Kestra conformance table (../shared/kestra/expressions.yaml: categories
 * filter-date, filter-dateAdd, filter-timestamp, function-now, and the kestra-context cases that
 * use these filters), run by calling the definitions directly. A tiny reader maps the templates
 * (`{{ input | filter(args) | … }}`, `{{ fn(args) }}`, with text around) onto calls; a template
 * it cannot map must be listed in NOT_DIRECT with the reason.
 */

import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kestraFile } from "../../../test/support/kestra.js";
import type { Args, FilterDefinition, FunctionDefinition } from "../extension.js";
import now from "../functions/now.js";
import { testContext } from "../test-context.js";
import { printValue } from "../values.js";
import date from "./date.js";
import dateAdd from "./date-add.js";
import timestamp from "./timestamp.js";
import timestampMicro from "./timestamp-micro.js";
import timestampMilli from "./timestamp-milli.js";
import timestampNano from "./timestamp-nano.js";

interface Case {
  id: string;
  category: string;
  template: string;
  context?: Record<string, unknown>;
  dates?: Record<string, string>;
  tz?: string;
  now?: string;
  expect?: string;
  error?: string;
  typed_type?: string;
  confidence?: string;
}

const FILTERS: Record<string, FilterDefinition> = Object.fromEntries(
  [date, dateAdd, timestamp, timestampMilli, timestampMicro, timestampNano].map((f) => [f.name, f]),
);
const FUNCTIONS: Record<string, FunctionDefinition> = { now };

const CATEGORIES = new Set(["filter-date", "filter-dateAdd", "filter-timestamp", "function-now"]);

/** Cases of these categories that are not a plain chain of calls, with the reason. */
const NOT_DIRECT: Record<string, string> = {
  "timestamp-is-number": "arithmetic on the result (`(… | timestamp) + 60`) needs the evaluator",
};

// ---------------------------------------------------------------------------------------------
// A reader for the simple templates of these cases

type Value = { kind: "literal"; value: unknown } | { kind: "variable"; path: string[] } | { kind: "call"; call: Call };
interface Call {
  name: string;
  positional: Value[];
  named: Record<string, Value>;
}
interface Expression {
  primary: Value;
  filters: Call[];
}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skip(): void {
    while (this.text[this.pos] === " ") this.pos++;
  }

  eat(token: string): boolean {
    this.skip();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  identifier(): string | undefined {
    this.skip();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  value(): Value | undefined {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === "'" || ch === '"') {
      let out = "";
      this.pos++;
      while (this.pos < this.text.length && this.text[this.pos] !== ch) {
        if (this.text[this.pos] === "\\" && (this.text[this.pos + 1] === "'" || this.text[this.pos + 1] === '"'))
          this.pos++;
        out += this.text[this.pos++];
      }
      this.pos++;
      return { kind: "literal", value: out };
    }
    const number = /^-?\d+/.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return { kind: "literal", value: BigInt(number[0]) };
    }
    const name = this.identifier();
    if (!name) return undefined;
    if (this.text[this.pos] === "(") return this.callRest(name);
    const path = [name];
    while (this.text[this.pos] === ".") {
      this.pos++;
      const next = this.identifier();
      if (!next) return undefined;
      path.push(next);
    }
    return { kind: "variable", path };
  }

  callRest(name: string): Value | undefined {
    const call: Call = { name, positional: [], named: {} };
    this.eat("(");
    if (this.eat(")")) return { kind: "call", call };
    do {
      const save = this.pos;
      const argName = this.identifier();
      if (argName && this.eat("=")) {
        const v = this.value();
        if (!v) return undefined;
        call.named[argName] = v;
      } else {
        this.pos = save;
        const v = this.value();
        if (!v) return undefined;
        call.positional.push(v);
      }
    } while (this.eat(","));
    return this.eat(")") ? { kind: "call", call } : undefined;
  }

  expression(): Expression | undefined {
    const primary = this.value();
    if (!primary) return undefined;
    const filters: Call[] = [];
    while (this.eat("|")) {
      const name = this.identifier();
      if (!name) return undefined;
      this.skip();
      if (this.text[this.pos] === "(") {
        const call = this.callRest(name);
        if (call?.kind !== "call") return undefined;
        filters.push(call.call);
      } else {
        filters.push({ name, positional: [], named: {} });
      }
    }
    return filters.every((f) => f.name in FILTERS) ? primary && { primary, filters } : undefined;
  }
}

/** The template as prefix, expression, suffix; undefined when it is not a simple call chain. */
function readTemplate(template: string): { prefix: string; expression: Expression; suffix: string } | undefined {
  const open = template.indexOf("{{");
  const close = template.lastIndexOf("}}");
  if (open < 0 || close < open || template.indexOf("{{", open + 2) >= 0) return undefined;
  const reader = new Reader(template.slice(open + 2, close));
  const expression = reader.expression();
  reader.skip();
  if (!expression || reader.pos !== reader.text.length) return undefined;
  return { prefix: template.slice(0, open), expression, suffix: template.slice(close + 2) };
}

// ---------------------------------------------------------------------------------------------
// Running a case

function toDate(value: unknown, type: string): unknown {
  const text = String(value);
  switch (type) {
    case "Instant":
      return Temporal.Instant.from(text);
    case "ZonedDateTime": {
      const offset = /([+-]\d\d:\d\d)$/.exec(text)?.[1] ?? "+00:00";
      return Temporal.Instant.from(text).toZonedDateTimeISO(offset);
    }
    case "LocalDateTime":
      return Temporal.PlainDateTime.from(text);
    case "LocalDate":
      return Temporal.PlainDate.from(text);
    case "Date":
      return new Date(text);
    default:
      throw new Error(`unknown date type ${type}`);
  }
}

function contextOf(c: Case): Record<string, unknown> {
  const variables = structuredClone(c.context ?? {});
  for (const [path, type] of Object.entries(c.dates ?? {})) {
    const keys = path.split(".");
    const last = keys.pop() ?? "";
    let target: Record<string, unknown> = variables;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    target[last] = toDate(target[last], type);
  }
  return variables;
}

function run(c: Case, expression: Expression): unknown {
  const variables = contextOf(c);
  const ctx = testContext({ timeZone: c.tz ?? "UTC", now: c.now, variables });
  const evaluate = (v: Value): unknown => {
    if (v.kind === "literal") return v.value;
    if (v.kind === "variable") return v.path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], variables);
    const fn = FUNCTIONS[v.call.name];
    if (!fn) throw new Error(`unknown function ${v.call.name}`);
    return fn.call(argsOf(v.call, fn.args), ctx);
  };
  const argsOf = (call: Call, names: readonly string[]): Args => {
    const args: Record<string, unknown> = {};
    call.positional.forEach((v, i) => {
      const name = names[i];
      if (name) args[name] = evaluate(v);
    });
    for (const [name, v] of Object.entries(call.named)) args[name] = evaluate(v);
    return args;
  };
  let value = evaluate(expression.primary);
  for (const f of expression.filters) {
    const def = FILTERS[f.name];
    if (!def) throw new Error(`unknown filter ${f.name}`);
    value = def.apply(value, argsOf(f, def.args), ctx);
  }
  return value;
}

const usesDateCalls = /\|\s*(date|dateAdd|timestamp\w*)\b|\bnow\(/;
const all = parse(kestraFile("expressions.yaml")) as Case[];
const cases = all.filter(
  (c) => CATEGORIES.has(c.category) || (c.category === "kestra-context" && usesDateCalls.test(c.template)),
);

describe("Kestra date conformance cases", () => {
  it("covers every case of the date categories, or lists why not", () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    for (const c of cases) {
      const mapped = readTemplate(c.template) !== undefined;
      expect(mapped || c.id in NOT_DIRECT, `${c.id} cannot be mapped to a direct call`).toBe(true);
    }
  });

  for (const c of cases) {
    const read = readTemplate(c.template);
    if (!read) continue;
    it(`${c.id}: ${c.template}`, () => {
      if (c.error !== undefined) {
        expect(() => run(c, read.expression)).toThrow(c.error);
        return;
      }
      const result = run(c, read.expression);
      expect(read.prefix + printValue(result) + read.suffix).toBe(c.expect);
      if (c.typed_type === "Long") expect(typeof result).toBe("bigint");
    });
  }
});
