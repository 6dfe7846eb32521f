/**
 * The Worker's secrets for `secret('NAME')`: its `SECRET_*` bindings (`npx wrangler secret put
 * SECRET_NAME`), base64-encoded as Kestra OSS reads its `SECRET_*` environment variables.
 */
import { type SecretStore, secretsFromEnv } from "../src/storage/secrets.js";
import type { Env } from "./env.js";

export function workerSecrets(env: Env): SecretStore {
  return secretsFromEnv(env as unknown as Readonly<Record<string, unknown>>, (name) =>
    console.error(`Unable to decode secret '${name}': its value must be base64-encoded`),
  );
}
