/** `fetchContext()`: alias of printContext(). */
import { defineFunction } from "../extension.js";
import printContext from "./print-context.js";

export default defineFunction({ ...printContext, name: "fetchContext" });
