/**
 * `npm run conformance`: runs Kestra's execution cases on the local host, prints a table
 * per category (passed, failed, unsupported) and writes docs/conformance.md with the
 * reason for every case that did not pass, and the set also run through the Worker API.
 */
import { writeFileSync } from "node:fs";
import { category, loadCases, runCase, type Verdict } from "../test/conformance/cases.js";
import { workerReport } from "../test/conformance/worker-cases.js";

const cases = loadCases();
const results: { id: string; category: string; verdict: Verdict }[] = [];
for (const testCase of cases)
  results.push({ id: testCase.id, category: category(testCase), verdict: await runCase(testCase) });

const categories = [...new Set(results.map((r) => r.category))].sort();
const count = (cat: string, kind: Verdict["kind"]) =>
  results.filter((r) => r.category === cat && r.verdict.kind === kind).length;
const rows = categories.map(
  (cat) => `| ${cat} | ${count(cat, "passed")} | ${count(cat, "failed")} | ${count(cat, "unsupported")} |`,
);
const total = (kind: Verdict["kind"]) => results.filter((r) => r.verdict.kind === kind).length;
const table = [
  "| category | passed | failed | unsupported |",
  "|---|---:|---:|---:|",
  ...rows,
  `| **total** | **${total("passed")}** | **${total("failed")}** | **${total("unsupported")}** |`,
].join("\n");
console.log(table);

const details = results
  .filter((r) => r.verdict.kind !== "passed")
  .map((r) => `| ${r.id} | ${r.verdict.kind} | ${"why" in r.verdict ? r.verdict.why.replaceAll("|", "\\|") : ""} |`);
writeFileSync(
  "docs/conformance.md",
  `# Kestra conformance

\`npm run conformance\` runs every case of \`../shared/kestra/cases/\` (Kestra's own test flows with
their expected outcomes) on Tern's local host and writes this page. A case that needs a task
type, trigger, action or flow feature Tern does not carry out yet is **unsupported**: it is
never counted as passed.

${table}

## Cases that did not pass

| case | result | why |
|---|---|---|
${details.join("\n")}

${workerReport()}`,
);
console.log(`\nwrote docs/conformance.md (${total("passed")} of ${cases.length} passed)`);
