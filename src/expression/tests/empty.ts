/** `x is empty`: null, a string blank after Java's trim(), an empty list or an empty map. */
import { defineTest } from "../extension.js";
import { isMap } from "../values.js";

/** Java's String.trim() drops every char up to U+0020 at both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

export default defineTest({
  name: "empty",
  args: [],
  test(input) {
    if (input === null || input === undefined) return true;
    if (typeof input === "string") return javaTrim(input) === "";
    if (Array.isArray(input)) return input.length === 0;
    if (isMap(input)) return Object.keys(input).length === 0;
    return false;
  },
});
