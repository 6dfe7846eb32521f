/** Tern's version, reported by /health and the CLI. Kept in step with package.json by a test. */
export const TERN_VERSION = "0.1.0";
