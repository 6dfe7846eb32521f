/**
 * Test projects: `unit` runs in Node (the portable core, plugins, conformance, CLI),
 * `workers` runs inside workerd through @cloudflare/vitest-pool-workers with the real
 * wrangler.toml bindings (D1, R2, the Durable Object class), `e2e` against a real
 * `wrangler dev` process.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** The D1 migrations drizzle-kit generated; test/workers/apply-migrations.ts applies them inside workerd. */
const migrations = await readD1Migrations(new URL("./migrations", import.meta.url).pathname);

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
            miniflare: { bindings: { TEST_MIGRATIONS: migrations, TERN_AUTH: "open" } },
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
