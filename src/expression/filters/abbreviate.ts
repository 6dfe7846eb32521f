/**
 * Pebble `abbreviate(length)`: cuts a string to `length` UTF-16 units ending in "...". A string
 * whose length equals `length` is abbreviated too; strings of 3 chars or fewer never are.
 */
import { defineFilter } from "../extension.js";
import { castString, intArgument, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "abbreviate",
  args: ["length"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const value = castString(input);
    const maxWidth = intArgument(args.length, "length");
    if (maxWidth < 0) throw pebbleError("Invalid argument to abbreviate filter; must be greater than zero");
    if (value.length < maxWidth || value.length <= 3) return value;
    if (maxWidth <= 3) return value.slice(0, maxWidth);
    return `${value.slice(0, maxWidth - 3)}...`;
  },
});
