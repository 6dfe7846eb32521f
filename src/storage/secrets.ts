/**
 * Secrets as Kestra OSS keeps them (spec 9.4, SecretService): every environment variable
 * (on Workers, every binding) named `SECRET_<NAME>` holds a base64 value (line breaks
 * ignored); it is stored under `<NAME>` upper-cased and looked up case-insensitively, the
 * same for every namespace. A value that is not base64 is skipped, as Kestra skips it.
 *
 * `secretMasker` replaces secret values with `******` in text bound for logs and errors.
 */
import { fromBase64 } from "../util/base64.js";

export interface SecretStore {
  /** The secret's value (case-insensitive name, without the `SECRET_` prefix), or undefined. */
  get(name: string): Promise<string | undefined>;
  /** Every secret value, for masking. */
  values(): readonly string[];
}

const PREFIX = "SECRET_";

export const MASK = "******";

function decodeBase64(text: string): string {
  const bytes = fromBase64(text.replace(/[\r\n]/g, ""));
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}

/**
 * The secrets of an environment (process.env, a Worker's env): `SECRET_*` entries decoded;
 * `onInvalid` hears of each one that is not base64 (Kestra logs an error and skips it).
 */
export function secretsFromEnv(
  env: Readonly<Record<string, unknown>>,
  onInvalid: (name: string) => void = () => undefined,
): SecretStore {
  const secrets = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(PREFIX) || typeof value !== "string") continue;
    const key = name.slice(PREFIX.length).toUpperCase();
    try {
      secrets.set(key, decodeBase64(value));
    } catch {
      onInvalid(name);
    }
  }
  return secretStore(secrets);
}

/** Secrets given by name (tests, a host with its own source). */
export function secretStore(secrets: ReadonlyMap<string, string> | Readonly<Record<string, string>>): SecretStore {
  const byName = new Map<string, string>();
  const entries = secrets instanceof Map ? [...secrets] : Object.entries(secrets);
  for (const [name, value] of entries) byName.set(name.toUpperCase(), value);
  const values = [...byName.values()];
  return {
    get: async (name) => byName.get(name.toUpperCase()),
    values: () => values,
  };
}

/** A value with every string inside it masked (maps and lists walked); the value itself when nothing is masked. */
export function maskDeep<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === "string") return mask(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, mask)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, mask);
    return out as T;
  }
  return value;
}

/** A function replacing every one of the secret values in a text with `******` (longest first, so none is half masked). */
export function secretMasker(secrets: Iterable<string>): (text: string) => string {
  const sorted = [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => {
    let masked = text;
    for (const secret of sorted) if (masked.includes(secret)) masked = masked.replaceAll(secret, MASK);
    return masked;
  };
}
