/**
 * Kestra `escapeChar(type)`: escapes quotes only — `single` (' → \'), `double` (" → \"),
 * `shell` (' → '\''); the type is case-insensitive. Lists and maps are walked recursively
 * (maps come back as HashMaps); non-strings become strings.
 */
import { argumentError } from "../errors.js";
import { defineFilter } from "../extension.js";
import { castOptionalString } from "./support/java.js";
import { transformStrings } from "./support/strings-deep.js";

const ESCAPES: Readonly<Record<string, readonly [string, string]>> = {
  SINGLE: ["'", "\\'"],
  DOUBLE: ['"', '\\"'],
  SHELL: ["'", "'\\''"],
};

export default defineFilter({
  name: "escapeChar",
  args: ["type"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    // Kestra resolves the type for each string it escapes, so an empty list never checks it.
    const escaping = (): readonly [string, string] => {
      if (args.type === undefined) throw argumentError("The 'escapeChar' filter expects an argument 'type'.");
      const type = castOptionalString(args.type);
      const pair = type === null ? undefined : ESCAPES[type.toUpperCase()];
      if (!pair) {
        throw argumentError(
          "The 'escapeChar' filter expects the value of 'type' to be either 'single', 'double', or 'shell'.",
        );
      }
      return pair;
    };
    return transformStrings(input, (text) => {
      const [quote, replacement] = escaping();
      return text.replaceAll(quote, replacement);
    });
  },
});
