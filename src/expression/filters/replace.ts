/**
 * Kestra's `replace(replace_pairs, regexp)`: each pair is applied in turn, in the map's
 * order (a map literal is a HashMap), literally — or as a Java regex with `$1` groups when
 * `regexp` is true. Lists and maps are walked recursively; non-strings become strings.
 */
import { argumentError } from "../errors.js";
import { defineFilter } from "../extension.js";
import { isMap } from "../values.js";
import { classCastError, toJavaString } from "./support/java.js";
import { javaReplaceAll } from "./support/java-regex.js";
import { transformStrings } from "./support/strings-deep.js";

export default defineFilter({
  name: "replace",
  args: ["replace_pairs", "regexp"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const pairs = args.replace_pairs ?? null;
    if (pairs === null) throw argumentError("The argument 'replace_pairs' is required.");
    const regexp = args.regexp === undefined ? false : args.regexp;
    if (typeof regexp !== "boolean") throw classCastError(regexp, "java.lang.Boolean");
    if (!isMap(pairs)) throw classCastError(pairs, "java.util.Map");
    const replacements = Object.entries(pairs).map(
      ([search, value]) => [search, toJavaString(value, "value")] as const,
    );
    return transformStrings(input, (text) =>
      replacements.reduce(
        (data, [search, value]) =>
          regexp ? javaReplaceAll(data, search, value) : data.replaceAll(search, () => value),
        text,
      ),
    );
  },
});
