/** Kestra `endsWith(value)`: whether `input.toString()` ends with `value` (case-sensitive; null input fails). */
import { affixFilter } from "./support/affix-filter.js";

export default affixFilter("endsWith", (text, suffix) => text.endsWith(suffix));
