/** Kestra `substringBeforeLast(separator)`: text before the last separator; whole text when absent or empty. */
import { separatorFilter } from "./support/separator-filter.js";

export default separatorFilter("substringBeforeLast", (text, separator) => {
  if (text === "" || separator === null || separator === "") return text;
  const at = text.lastIndexOf(separator);
  return at < 0 ? text : text.slice(0, at);
});
