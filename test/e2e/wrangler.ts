/**
 * A real `wrangler dev` for end-to-end tests: the wrangler binary itself (not through npx),
 * in its own process group so that a SIGKILL takes workerd down with it, with local D1, R2
 * and Durable Object state persisted in a folder that outlives the process.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" };

export interface Wrangler {
  readonly url: string;
  /** Kills wrangler and workerd at once, as a crash would. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** Applies the D1 migrations to the local state, as `npm start` does. */
export function migrate(persist: string): void {
  const applied = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (applied.status !== 0) throw new Error(`migrations failed: ${applied.stderr || applied.stdout}`);
}

export async function startWrangler(
  persist: string,
  port: number,
  vars: Record<string, string> = {},
): Promise<Wrangler> {
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persist];
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  args.push("--show-interactive-dev-session=false");
  const child = spawn(wrangler, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited: ${output}`);
    try {
      const health = await fetch(`${url}/health`);
      if (health.ok) return handle(child, url);
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  killGroup(child, "SIGKILL");
  throw new Error(`wrangler dev did not answer on ${url} within 90 s: ${output}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function handle(child: ChildProcess, url: string): Wrangler {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.on("exit", () => resolve());
  });
  return {
    url,
    crash: async () => {
      killGroup(child, "SIGKILL");
      await exited;
    },
    stop: async () => {
      killGroup(child, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      killGroup(child, "SIGKILL");
    },
  };
}
