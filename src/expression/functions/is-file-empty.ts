/**
 * `isFileEmpty(path, namespace=<flow namespace>)` (Kestra 1.x): whether a namespace file or an
 * internal-storage file has no bytes (same path forms and access rule as read()); a missing
 * file is an error.
 */
import { defineFunction } from "../extension.js";
import { fileNotFound, resolveFileArg, sizeOfTarget } from "./support/storage.js";

const MISSING =
  "The 'isFileEmpty' function expects an argument 'path' that is a path to a namespace file or an internal storage URI.";

export default defineFunction({
  name: "isFileEmpty",
  args: ["path", "namespace"],
  call(args, context) {
    const target = resolveFileArg(args, context, "isFileEmpty", MISSING);
    const size = sizeOfTarget(context, target, "isFileEmpty");
    return size === undefined ? fileNotFound(target) : size === 0;
  },
});
