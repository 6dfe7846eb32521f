/** Access to ../shared/kestra: Kestra's own test flows and the expected outcomes. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "../..");
export const KESTRA_DIR = resolve(REPO_ROOT, "../shared/kestra");

if (!existsSync(KESTRA_DIR)) {
  throw new Error(`Kestra reference material not found at ${KESTRA_DIR}: clone Tern next to shared/`);
}

export function kestraFile(...parts: string[]): string {
  return readFileSync(join(KESTRA_DIR, ...parts), "utf8");
}

export function kestraFlowFiles(folder: string): string[] {
  return readdirSync(join(KESTRA_DIR, "flows", folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
}

export interface InvalidCase {
  id: string;
  flow: string;
  stage: string;
  expect: {
    valid: false;
    violations?: number;
    messageContains?: string[];
    messageEquals?: string;
    eachMessageOneOf?: string[];
  };
}

export function invalidCases(): InvalidCase[] {
  return readdirSync(join(KESTRA_DIR, "invalid-cases"))
    .sort()
    .map((name) => parse(kestraFile("invalid-cases", name)) as InvalidCase);
}
