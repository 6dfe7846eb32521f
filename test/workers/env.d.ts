/** `env` from "cloudflare:test" carries the Worker's bindings (workers/env.ts). */
import type { Env as TernEnv } from "../../workers/env.js";

declare global {
  namespace Cloudflare {
    interface Env extends TernEnv {}
  }
}
