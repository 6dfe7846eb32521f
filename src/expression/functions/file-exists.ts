/**
 * `fileExists(path, namespace=<flow namespace>)` (Kestra 1.x): whether a namespace file or an
 * internal-storage file exists (same path forms and access rule as read()).
 */
import { defineFunction } from "../extension.js";
import { resolveFileArg, targetExists } from "./support/storage.js";

const MISSING = "The 'fileExists' function expects an argument 'path' that is a path to the internal storage URI.";

export default defineFunction({
  name: "fileExists",
  args: ["path", "namespace"],
  call: (args, context) => targetExists(context, resolveFileArg(args, context, "fileExists", MISSING), "fileExists"),
});
