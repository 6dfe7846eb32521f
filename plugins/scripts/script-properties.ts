/**
 * What every script task shares (Kestra's AbstractExecScript): where the commands run,
 * the files going in and out of the working directory, and the ScriptOutput every script
 * task returns. Each language plugin adds its default image and `script` or `commands`.
 */
import { z } from "zod";
import { anyMap, dynamic, taskRunner } from "../../src/plugin/properties.js";
import { containerOptions } from "./runner/docker/docker.js";

/** Which namespace files are copied into the working directory. */
export const namespaceFiles = z.strictObject({
  enabled: dynamic(z.boolean()).default(true),
  /** Glob patterns of the files to copy (all when unset). */
  include: dynamic(z.array(z.string())).optional(),
  exclude: dynamic(z.array(z.string())).optional(),
  /** Namespaces to read files from; the flow's namespace when unset. */
  namespaces: dynamic(z.array(z.string())).optional(),
  /** Put each namespace's files under a folder named after it. */
  folderPerNamespace: dynamic(z.boolean()).default(false),
  /** What to do when a file is already in the working directory. */
  ifExists: dynamic(z.enum(["OVERWRITE", "FAIL", "WARN", "IGNORE"])).default("OVERWRITE"),
});

/** Files written into the working directory: name → content or `kestra://` URI, or that map as a JSON string. */
export const inputFiles = z.union([z.string(), z.record(z.string(), z.string())], {
  error: "must be a map of file name to content, or a JSON string of that map",
});

/** The properties of every script task; `containerImage` defaults per language. */
export function scriptProperties(containerImage: string) {
  return {
    /** Where the commands run; Kestra's Docker runner when unset. */
    taskRunner: taskRunner().optional(),
    containerImage: dynamic(z.string()).default(containerImage),
    /** Commands run before the main ones, e.g. `pip install -r requirements.txt`. */
    beforeCommands: dynamic(z.array(z.string())).optional(),
    env: dynamic(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
    interpreter: dynamic(z.array(z.string()).min(1)).default(["/bin/sh", "-c"]),
    /** Stop at the first failing command (`set -e`, except on Windows). */
    failFast: dynamic(z.boolean()).default(true),
    namespaceFiles: namespaceFiles.optional(),
    inputFiles: inputFiles.optional(),
    /** Glob patterns, relative to the working directory, of the files kept as outputs. */
    outputFiles: dynamic(z.array(z.string())).optional(),
    targetOS: dynamic(z.enum(["LINUX", "WINDOWS", "AUTO"])).default("AUTO"),
    warningOnStdErr: dynamic(z.boolean())
      .optional()
      .describe("Deprecated and ignored since Kestra 0.23: the state depends only on the exit code"),
    outputDirectory: dynamic(z.boolean()).optional().describe("Deprecated: use outputFiles"),
    runner: z.enum(["PROCESS", "DOCKER"]).optional().describe("Deprecated: use taskRunner"),
    docker: z
      .strictObject({ image: dynamic(z.string()).optional(), ...containerOptions })
      .optional()
      .describe("Deprecated: use taskRunner and containerImage"),
  };
}

/** `commands` of the Commands tasks. */
export const commands = dynamic(z.array(z.string()).min(1, { error: "must not be empty" }));

/** `script` of the Script tasks: the content, not a file path. */
export const script = dynamic(z.string().min(1, { error: "must not be empty" }));

/** ScriptOutput. The line counts are kept by the runner but Kestra does not expose them. */
export const scriptOutputs = z.object({
  /** Values printed as `::{"outputs": {...}}::`. */
  vars: anyMap,
  exitCode: z.number().int(),
  /** Output file name → `kestra://` URI. */
  outputFiles: z.record(z.string(), z.string()).optional(),
  stdOutLineCount: z.number().int().optional(),
  stdErrLineCount: z.number().int().optional(),
  /** Runner details, e.g. the Docker container id. */
  taskRunner: anyMap.optional(),
});
