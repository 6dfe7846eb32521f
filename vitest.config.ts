/**
 * Test projects: `unit` runs in Node (the portable core, plugins, conformance, CLI),
 * `workers` runs inside workerd through @cloudflare/vitest-pool-workers with the real
 * wrangler.toml bindings (D1, R2, the Durable Object class), `e2e` against a real
 * `wrangler dev` process.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { parse } from "yaml";
import { WORKER_BUGS, WORKER_CASES, type WorkerCaseFiles } from "./test/conformance/worker-cases.js";

/** The D1 migrations drizzle-kit generated; test/workers/apply-migrations.ts applies them inside workerd. */
const migrations = await readD1Migrations(new URL("./migrations", import.meta.url).pathname);

/**
 * The Kestra cases test/workers/conformance.test.ts runs through the Worker API, with their
 * flows, read here because workerd reads no files. Without ../shared/kestra the binding is
 * empty and that test says where it looked.
 */
function kestraCaseFiles(): WorkerCaseFiles {
  const dir = new URL("../shared/kestra", import.meta.url).pathname;
  const cases: Record<string, string> = {};
  const flows: Record<string, string> = {};
  if (!existsSync(dir)) return { dir, cases, flows };
  for (const { id } of [...WORKER_CASES, ...WORKER_BUGS]) {
    const text = readFileSync(join(dir, "cases", `${id}.yaml`), "utf8");
    cases[id] = text;
    const { flow, load } = parse(text) as { flow?: string | null; load?: string[] };
    for (const path of [...(load ?? []), ...(flow ? [flow] : [])])
      flows[path] = readFileSync(join(dir, "flows", path), "utf8");
  }
  return { dir, cases, flows };
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: [
            "src/**/*.test.ts",
            "plugins/**/*.test.ts",
            "test/unit/**/*.test.ts",
            "test/conformance/**/*.test.ts",
          ],
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // Open like `npm start` (honored on the tests' `tern.test` host only); test/workers/auth.test.ts
            // calls the Worker with its own secrets to check Basic auth, bearer tokens and refusals.
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                TERN_AUTH: "open",
                KESTRA_CASES: kestraCaseFiles(),
                // A Worker secret as `wrangler secret put SECRET_TERN_TOKEN` sets it (base64 of "worker-s3cret"): test/workers/secrets.test.ts.
                SECRET_TERN_TOKEN: "d29ya2VyLXMzY3JldA==",
              },
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts"],
          setupFiles: ["./test/workers/apply-migrations.ts"],
        },
      },
      {
        // A real `wrangler dev` (started, killed with SIGKILL and started again): slow, so apart.
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
