/**
 * `fileSize(path)`: the size in bytes (a Long) of an internal-storage file (`kestra:///...`)
 * of the current execution or of the one that triggered it. As in Kestra 0.21, other paths
 * are refused ("Unable to create the URI from the path ...").
 */
import { defineFunction } from "../extension.js";
import { javaString } from "../values.js";
import { fail, requireArg } from "./support/args.js";
import { checkFileAccess, fileNotFound, isKestraUri, normalizeKestraUri, sizeOfTarget } from "./support/storage.js";

const MISSING = "The 'fileSize' function expects an argument 'path' that is a path to the internal storage URI.";

export default defineFunction({
  name: "fileSize",
  args: ["path"],
  call(args, context) {
    const path = requireArg(args, "path", MISSING);
    if (typeof path !== "string" || !isKestraUri(path)) {
      throw fail("expression.argument", `Unable to create the URI from the path ${javaString(path)}`);
    }
    const uri = normalizeKestraUri(path);
    const target = { kind: "internal", uri, namespace: checkFileAccess(context, uri) } as const;
    const size = sizeOfTarget(context, target, "fileSize");
    return size === undefined ? fileNotFound(target) : BigInt(size);
  },
});
