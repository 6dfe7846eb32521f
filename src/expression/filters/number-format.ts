/**
 * Kestra's `numberFormat(format)` (Pebble's NumberFormatFilter): Java DecimalFormat with
 * HALF_EVEN rounding and the locale's symbols; without a format, the locale's default
 * number format (`#,##0.###` for en-US).
 */
import { defineFilter } from "../extension.js";
import { isNumber } from "../values.js";
import { decimalFormat, defaultNumberFormat } from "./support/decimal-format.js";
import { castOptionalString, isBigNumber, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "numberFormat",
  args: ["format"],
  apply(input, args, context) {
    if (input === null || input === undefined) return null;
    if (!isNumber(input) && !isBigNumber(input)) {
      throw pebbleError("The input for the 'NumberFormat' filter has to be a number.");
    }
    const format = castOptionalString(args.format);
    return format === null ? defaultNumberFormat(input, context.locale) : decimalFormat(input, format, context.locale);
  },
});
