/** `x is iterable`: a list (maps and strings are not, although `for` accepts maps). */
import { defineTest } from "../extension.js";

export default defineTest({ name: "iterable", args: [], test: (input) => Array.isArray(input) });
