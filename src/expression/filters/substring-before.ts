/** Kestra `substringBefore(separator)`: text before the first separator; whole text when absent, "" for an empty separator. */
import { separatorFilter } from "./support/separator-filter.js";

export default separatorFilter("substringBefore", (text, separator) => {
  if (text === "" || separator === null) return text;
  if (separator === "") return "";
  const at = text.indexOf(separator);
  return at < 0 ? text : text.slice(0, at);
});
