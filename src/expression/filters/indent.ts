/** Kestra `indent(amount, prefix=" ")`: indents every line but the first (CRLF/LF detected from the input). */
import { indentFilter } from "./support/indent-filter.js";

export default indentFilter("indent");
