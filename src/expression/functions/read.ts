/**
 * `read(path, namespace=<flow namespace>, version)`: the content of a namespace file (relative
 * path or `nsfile://` URI) or of an internal-storage file (`kestra:///...`, which must belong
 * to the current execution or the one that triggered it) as a UTF-8 string, not rendered.
 */
import { defineFunction } from "../extension.js";
import { fail } from "./support/args.js";
import { fileNotFound, readTarget, resolveFileArg } from "./support/storage.js";

const MISSING =
  "The 'read' function expects an argument 'path' that is a path to a namespace file or an internal storage URI.";

export default defineFunction({
  name: "read",
  args: ["path", "namespace", "version"],
  call(args, context) {
    const target = resolveFileArg(args, context, "read", MISSING);
    if (args.version !== undefined && args.version !== null) {
      throw fail("expression.argument", "The 'read' function cannot read a given version of a namespace file here");
    }
    return readTarget(context, target, "read") ?? fileNotFound(target);
  },
});
