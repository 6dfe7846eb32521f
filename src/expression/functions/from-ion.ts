/**
 * `fromIon(ion, allRows=false)`: parses Amazon Ion text. Returns the first value (null when
 * there is none), or every top-level value as a list with `allRows=true` (Kestra 1.x).
 */
import { defineFunction } from "../extension.js";
import { castBoolean } from "./support/args.js";
import { readIonValues } from "./support/ion.js";
import { parseTextArg } from "./support/parse.js";

export default defineFunction({
  name: "fromIon",
  args: ["ion", "allRows"],
  call(args) {
    const allRows = castBoolean(args.allRows) ?? false;
    return parseTextArg(args, { functionName: "fromIon", argName: "ion", format: "ion", nullable: true }, (text) =>
      allRows ? readIonValues(text) : (readIonValues(text, 1)[0] ?? null),
    );
  },
});
