/**
 * `fileURI(path)`: the internal-storage URI of a namespace file of the flow's namespace,
 * `kestra:///<namespace/as/path>/_files/<path>` (a leading `/` is dropped, `../` refused).
 */
import { defineFunction } from "../extension.js";
import { castString, fail, flowNamespace } from "./support/args.js";
import { namespaceFileUri } from "./support/storage.js";

const MISSING = "The 'fileURI' function expects an argument 'path' that is a path to a namespace file.";

export default defineFunction({
  name: "fileURI",
  args: ["path"],
  call(args, context) {
    let path = castString(args.path);
    if (path === null) throw fail("expression.argument", MISSING);
    if (path.startsWith("/")) path = path.slice(1);
    if (path.includes("../")) throw fail("expression.argument", "Path must not contain '../'");
    return namespaceFileUri(flowNamespace(context, "fileURI"), path);
  },
});
