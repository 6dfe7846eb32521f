/** `x is odd`: an Integer or Long not divisible by 2; null or a non-integer is an error. */
import { defineTest } from "../extension.js";
import { isEven } from "../functions/support/parity.js";

export default defineTest({ name: "odd", args: [], test: (input) => !isEven(input, "odd") });
