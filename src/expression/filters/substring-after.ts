/** Kestra `substringAfter(separator)`: text after the first separator; "" when absent, whole text for an empty separator. */
import { separatorFilter } from "./support/separator-filter.js";

export default separatorFilter("substringAfter", (text, separator) => {
  if (text === "") return text;
  if (separator === null) return "";
  const at = text.indexOf(separator);
  return at < 0 ? "" : text.slice(at + separator.length);
});
