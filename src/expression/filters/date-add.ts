/**
 * `dateAdd(amount, unit, format='iso', timeZone, existingFormat, locale)`: adds a Long amount of a
 * ChronoUnit (upper-case name: SECONDS, HOURS, DAYS, MONTHS, …), then formats like `date`.
 */
import { castString } from "../dates/convert.js";
import { convertWithArgs, DATE_ARGS, formatKestraDate, longArg, plusUnit } from "../dates/kestra-date.js";
import { defineFilter } from "../extension.js";

export default defineFilter({
  name: "dateAdd",
  args: ["amount", "unit", ...DATE_ARGS],
  apply: (input, args, context) => {
    if (input === null || input === undefined) return null;
    const amount = longArg(args.amount);
    const unit = castString(args.unit);
    const plus = plusUnit(convertWithArgs(input, args, context), amount, unit);
    return formatKestraDate(plus.zdt, args, context);
  },
});
