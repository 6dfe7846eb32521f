/**
 * The Workers benchmark: starts `wrangler dev` on bench/workers/wrangler.toml (the wrangler
 * binary itself, in its own process group, state in a temporary folder), applies the D1
 * migrations, asks its `/bench` route to time Tern and a Cloudflare Workflow in that one
 * workerd for each N, and kills wrangler and workerd at the end.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const config = join(root, "bench", "workers", "wrangler.toml");
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" };

export interface WorkersBenchRow {
  readonly n: number;
  readonly rounds: number;
  /** Medians over the rounds, in milliseconds, for the whole run. */
  readonly ternMillis: number;
  readonly workflowMillis: number;
  readonly ternPerTask: number;
  readonly workflowPerStep: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function bench(url: string, n: number, rounds: number): Promise<{ tern: number[]; workflow: number[] }> {
  const response = await fetch(`${url}/bench?n=${n}&rounds=${rounds}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`/bench?n=${n} answered ${response.status}: ${text}`);
  return JSON.parse(text) as { tern: number[]; workflow: number[] };
}

export async function runWorkersBench(sizes: readonly number[] = [100, 1000], rounds = 3): Promise<WorkersBenchRow[]> {
  const persist = mkdtempSync(join(tmpdir(), "tern-bench-"));
  const migrated = spawnSync(
    wrangler,
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist, "-c", config],
    { cwd: root, env, encoding: "utf8" },
  );
  if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stderr || migrated.stdout}`);
  const port = await freePort();
  const child = spawn(
    wrangler,
    [
      "dev",
      "-c",
      config,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persist,
      "--show-interactive-dev-session=false",
    ],
    { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer on ${url} within 90 s: ${output}`);
      try {
        if ((await fetch(`${url}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await bench(url, 20, 2); // warm-up: code loaded, JIT warm, both engines exercised
    const rows: WorkersBenchRow[] = [];
    for (const n of sizes) {
      const { tern, workflow } = await bench(url, n, rounds);
      const ternMillis = median(tern);
      const workflowMillis = median(workflow);
      rows.push({
        n,
        rounds,
        ternMillis,
        workflowMillis,
        ternPerTask: ternMillis / n,
        workflowPerStep: workflowMillis / n,
      });
    }
    return rows;
  } finally {
    killGroup(child, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    killGroup(child, "SIGKILL");
    rmSync(persist, { recursive: true, force: true });
  }
}
