/**
 * Expression rendering, side by side in one process: Tern's Pebble engine against
 * liquidjs rendering the equivalent Liquid templates, on templates typical of flows.
 * Both engines parse once (their caches) and render many times; the figure is renders
 * per second, best of several rounds.
 */
import { Liquid } from "liquidjs";
import { Temporal } from "temporal-polyfill";
import { createEngine } from "../src/expression/index.js";

export interface ExpressionBenchRow {
  readonly name: string;
  readonly pebble: string;
  readonly liquid: string;
  readonly ternPerSecond: number;
  readonly liquidPerSecond: number;
}

const items = Array.from({ length: 10 }, (_, i) => ({ name: `item${i}`, value: i * 3 }));

const CASES: readonly { name: string; pebble: string; liquid: string }[] = [
  { name: "input access", pebble: "Hello {{ inputs.name }}!", liquid: "Hello {{ inputs.name }}!" },
  { name: "output + filter", pebble: "{{ outputs.fetch.body | upper }}", liquid: "{{ outputs.fetch.body | upcase }}" },
  { name: "arithmetic", pebble: "{{ inputs.count + 1 }}", liquid: "{{ inputs.count | plus: 1 }}" },
  {
    name: "coalesce",
    pebble: "{{ outputs.missing.value ?? 'none' }}",
    liquid: "{{ outputs.missing.value | default: 'none' }}",
  },
  {
    name: "loop of 10",
    pebble: "{% for item in inputs.items %}{{ item.name }}={{ item.value }},{% endfor %}",
    liquid: "{% for item in inputs.items %}{{ item.name }}={{ item.value }},{% endfor %}",
  },
  {
    name: "date format",
    pebble: "{{ execution.startDate | date('yyyy-MM-dd') }}",
    liquid: "{{ execution.startDate | date: '%Y-%m-%d' }}",
  },
];

function measure(render: () => string, minMillis: number): number {
  for (let i = 0; i < 200; i++) render(); // warm up
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < minMillis) {
      for (let i = 0; i < 100; i++) render();
      count += 100;
      elapsed = performance.now() - start;
    }
    best = Math.max(best, (count * 1000) / elapsed);
  }
  return best;
}

export function runExpressionBench(minMillis = 150): ExpressionBenchRow[] {
  const tern = createEngine();
  const liquid = new Liquid({ cache: true });
  const start = "2024-01-02T03:04:05.123Z";
  const ternContext = {
    inputs: { name: "World", count: 41, items },
    outputs: { fetch: { body: "response body" } },
    execution: { id: "exec", startDate: Temporal.Instant.from(start) },
  };
  const liquidContext = { ...ternContext, execution: { id: "exec", startDate: new Date(start) } };
  return CASES.map((c) => {
    const ternOut = tern.render(c.pebble, ternContext);
    const liquidTemplate = liquid.parse(c.liquid);
    const liquidOut = liquid.renderSync(liquidTemplate, liquidContext) as string;
    if (ternOut !== liquidOut) throw new Error(`${c.name}: Tern gave ${ternOut}, liquidjs ${liquidOut}`);
    return {
      ...c,
      ternPerSecond: measure(() => tern.render(c.pebble, ternContext), minMillis),
      liquidPerSecond: measure(() => liquid.renderSync(liquidTemplate, liquidContext) as string, minMillis),
    };
  });
}
