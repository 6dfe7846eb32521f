#!/usr/bin/env node
// `npm start`: Tern on localhost under wrangler dev, with local D1, R2 and Durable
// Objects persisted in .wrangler/state, so executions survive a restart.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const port = process.env.PORT ?? "8787";
const persist = join(root, ".wrangler", "state");
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

if (!existsSync(wrangler)) {
  console.error("wrangler is not installed: run `npm install` first.");
  process.exit(1);
}

const migrations = join(root, "migrations");
if (existsSync(migrations) && readdirSync(migrations).some((f) => f.endsWith(".sql"))) {
  const applied = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    cwd: root,
    env: { ...env, CI: "true" },
    stdio: "inherit",
  });
  if (applied.status !== 0) process.exit(applied.status ?? 1);
}

console.log(`Tern starting on http://localhost:${port}`);
console.log("  local mode: the API is OPEN (no credentials, TERN_AUTH=open) and listens on 127.0.0.1 only.");
console.log('  a deployed Worker requires credentials: see README, "Deploy to Cloudflare".');
console.log(`  try: curl http://localhost:${port}/health`);

const child = spawn(
  wrangler,
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    port,
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
    // Local development only: workers/auth.ts honors it for localhost requests alone.
    "--var",
    "TERN_AUTH:open",
  ],
  { cwd: root, env, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
