/** The Worker's bindings, as declared in wrangler.toml. */
import type { ExecutionObject } from "../durable/execution-object.js";
import type { FlowObject } from "../durable/flow-object.js";

export interface Env {
  readonly DB: D1Database;
  readonly STORAGE: R2Bucket;
  readonly EXECUTIONS: DurableObjectNamespace<ExecutionObject>;
  /** One FlowObject per flow: the count of its executions holding a `concurrency` slot. */
  readonly FLOWS: DurableObjectNamespace<FlowObject>;
  readonly TERN_ENVIRONMENT?: string;
  /** Secrets (`npx wrangler secret put ...`), read per request by workers/auth.ts. */
  readonly TERN_BASIC_AUTH?: string;
  readonly TERN_API_TOKENS?: string;
  /** `open` only under `npm start` on localhost (wrangler dev --var TERN_AUTH:open). */
  readonly TERN_AUTH?: string;
  /** Secrets for `secret('NAME')`: `npx wrangler secret put SECRET_NAME` with the value base64-encoded (Kestra OSS). */
  readonly [secret: `SECRET_${string}`]: string | undefined;
}
