/** Kestra `startsWith(value)`: whether `input.toString()` starts with `value` (case-sensitive; null input fails). */
import { affixFilter } from "./support/affix-filter.js";

export default affixFilter("startsWith", (text, prefix) => text.startsWith(prefix));
