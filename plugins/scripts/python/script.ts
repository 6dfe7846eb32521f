/**
 * io.kestra.plugin.scripts.python.Script: writes an inline script to a `.py` file (with
 * `true`/`false`/`null` aliases so rendered values parse) and runs it with Python. Also
 * exports the dependency properties the Python Commands task shares with it.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { script, scriptOutputs, scriptProperties } from "../script-properties.js";

/** The Python image, from which the Python version is also inferred. */
export const PYTHON_IMAGE = "python:3.13-slim";

/** Python packages installed (and cached) before the script runs. */
export const pythonProperties = {
  /** pip specifiers such as `pandas==2.0.0` or `kestra`. */
  dependencies: dynamic(z.array(z.string())).optional(),
  /** Inferred from `containerImage` (`python:<version>`) or the host; 3.13 otherwise. */
  pythonVersion: dynamic(z.string()).optional(),
  dependencyCacheEnabled: dynamic(z.boolean()).default(true),
  /** UV falls back to PIP when uv is not available. */
  packageManager: dynamic(z.enum(["UV", "PIP"])).default("UV"),
  /** Download a pinned, checksum-verified uv when the worker has none. */
  uvAutoInstallEnabled: dynamic(z.boolean()).default(true),
  uvInstallerVersion: dynamic(z.string()).optional(),
  uvInstallerSha256: dynamic(z.string()).optional(),
};

export default defineRunnableTask({
  type: "io.kestra.plugin.scripts.python.Script",
  title: "Run an inline Python script, in a container by default.",
  runsOn: "runner",
  properties: z.strictObject({ ...scriptProperties(PYTHON_IMAGE), ...pythonProperties, script }),
  outputs: scriptOutputs,
});
