/** Kestra `nindent(amount, prefix=" ")`: a line break, then every line indented. */
import { indentFilter } from "./support/indent-filter.js";

export default indentFilter("nindent");
