/** `x is null`: the value is null (an undefined variable is still an error in strict mode). */
import { defineTest } from "../extension.js";

export default defineTest({ name: "null", args: [], test: (input) => input === null || input === undefined });
