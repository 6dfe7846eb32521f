/** The Worker's bindings, as declared in wrangler.toml. */
import type { ExecutionObject } from "../durable/execution-object.js";

export interface Env {
  readonly DB: D1Database;
  readonly STORAGE: R2Bucket;
  readonly EXECUTIONS: DurableObjectNamespace<ExecutionObject>;
  readonly TERN_ENVIRONMENT?: string;
}
