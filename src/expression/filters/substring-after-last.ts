/** Kestra `substringAfterLast(separator)`: text after the last separator; "" when absent, empty, or at the very end. */
import { separatorFilter } from "./support/separator-filter.js";

export default separatorFilter("substringAfterLast", (text, separator) => {
  if (text === "") return text;
  if (separator === null || separator === "") return "";
  const at = text.lastIndexOf(separator);
  return at < 0 || at === text.length - separator.length ? "" : text.slice(at + separator.length);
});
