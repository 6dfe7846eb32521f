/**
 * `npm run bench`: runs every benchmark, prints the figures and rewrites the measured
 * tables in docs/benchmarks.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { runExecutorBench } from "./executor.js";
import { runExpressionBench } from "./expressions.js";
import { runWorkersBench } from "./workers.js";

const rows = runExpressionBench();
const format = (n: number) => Math.round(n).toLocaleString("en-US");
const table = [
  "| template | Tern renders/s | liquidjs renders/s | ratio |",
  "|---|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.name}: \`${r.pebble.replaceAll("|", "\\|")}\` | ${format(r.ternPerSecond)} | ${format(r.liquidPerSecond)} | ${(r.ternPerSecond / r.liquidPerSecond).toFixed(2)}x |`,
  ),
];
const geometric = Math.exp(
  rows.reduce((sum, r) => sum + Math.log(r.ternPerSecond / r.liquidPerSecond), 0) / rows.length,
);
const summary = `Geometric mean: Tern renders ${geometric.toFixed(2)}x as many templates per second as liquidjs (goal: at least 2x).`;
console.log([...table, "", summary].join("\n"));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}`;
const section = [
  "<!-- expressions:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} by \`npm run bench\` (best of 5 rounds per template).`,
  "",
  ...table,
  "",
  summary,
  "<!-- expressions:end -->",
].join("\n");
const executor = await runExecutorBench();
const executorTable = [
  "| flow | task runs | first run | task runs/s (first run) | median run | task runs/s (median) |",
  "|---|---:|---:|---:|---:|---:|",
  ...executor.map(
    (r) =>
      `| ${r.name} | ${r.taskRuns} | ${r.firstMillis.toFixed(1)} ms | ${format(r.firstPerSecond)} | ${r.millis.toFixed(1)} ms | ${format(r.perSecond)} |`,
  ),
];
console.log(["", ...executorTable].join("\n"));
const executorSection = [
  "<!-- executor:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} by \`npm run bench\` (fake clock; a fresh host and engine per run).`,
  "The first run of each flow includes indexing the flow, parsing its templates and a cold JIT;",
  `the median is over ${executor.map((r) => r.rounds).join("/")} runs after 2 warm-up runs.`,
  "",
  ...executorTable,
  "<!-- executor:end -->",
].join("\n");

const workers = await runWorkersBench();
const ms = (n: number) => `${n.toFixed(3)} ms`;
const workersTable = [
  "| N | Tern run | Tern per task | Workflow run | Workflow per step | ratio (Tern / Workflow) |",
  "|---:|---:|---:|---:|---:|---:|",
  ...workers.map(
    (r) =>
      `| ${r.n.toLocaleString("en-US")} | ${r.ternMillis.toFixed(0)} ms | ${ms(r.ternPerTask)} | ${r.workflowMillis.toFixed(0)} ms | ${ms(r.workflowPerStep)} | ${(r.ternPerTask / r.workflowPerStep).toFixed(2)} |`,
  ),
];
const workersGoals = workers.map((r) => {
  const ratio = r.ternPerTask / r.workflowPerStep;
  const met = ratio <= 1 / 3 && r.ternPerTask < 1;
  return `N = ${r.n.toLocaleString("en-US")}: ${met ? "met" : "NOT met"} (ratio ${ratio.toFixed(2)}, goal at most 0.33; ${ms(r.ternPerTask)} per task, goal under 1 ms).`;
});
console.log(["", ...workersTable, "", ...workersGoals].join("\n"));
const workersSection = [
  "<!-- workers:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} by \`npm run bench\` (wrangler dev, one workerd; median of ${workers[0]?.rounds ?? 0} runs per N after a warm-up).`,
  "",
  ...workersTable,
  "",
  ...workersGoals.map((g) => `- ${g}`),
  "<!-- workers:end -->",
].join("\n");

const path = "docs/benchmarks.md";
const current = readFileSync(path, "utf8");
writeFileSync(
  path,
  current
    .replace(/<!-- expressions:start -->[\s\S]*<!-- expressions:end -->/, section)
    .replace(/<!-- executor:start -->[\s\S]*<!-- executor:end -->/, executorSection)
    .replace(/<!-- workers:start -->[\s\S]*<!-- workers:end -->/, workersSection),
);
