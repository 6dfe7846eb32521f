/**
 * `isDayWeekInMonth(date, dayOfWeek, position)` (Kestra 1.x): whether the date is the FIRST,
 * SECOND, THIRD, FOURTH or LAST given weekday of its month.
 */

import { dayOfWeekArg, defineLocalDateFunction } from "../dates/calendar-functions.js";
import { argumentError } from "../errors.js";
import { javaString } from "../values.js";

const POSITIONS = ["FIRST", "SECOND", "THIRD", "FOURTH"];

export default defineLocalDateFunction(
  "isDayWeekInMonth",
  (date, args) => {
    const dow = dayOfWeekArg("isDayWeekInMonth", args.dayOfWeek);
    const position = javaString(args.position).toUpperCase();
    const firstOfMonth = date.with({ day: 1 });
    const first = firstOfMonth.add({ days: (dow - firstOfMonth.dayOfWeek + 7) % 7 });
    let computed: typeof date;
    if (position === "LAST") {
      const lastOfMonth = date.with({ day: date.daysInMonth });
      computed = lastOfMonth.subtract({ days: (lastOfMonth.dayOfWeek - dow + 7) % 7 });
    } else {
      const index = POSITIONS.indexOf(position);
      if (index < 0) {
        throw argumentError(
          `The 'isDayWeekInMonth()' function received an invalid 'position' value: '${javaString(args.position)}'. Expected one of: FIRST, SECOND, THIRD, FOURTH, LAST.`,
        );
      }
      computed = first.add({ weeks: index });
    }
    return computed.equals(date);
  },
  ["dayOfWeek", "position"],
);
