/** `x is even`: an Integer or Long divisible by 2; null or a non-integer is an error. */
import { defineTest } from "../extension.js";
import { isEven } from "../functions/support/parity.js";

export default defineTest({ name: "even", args: [], test: (input) => isEven(input, "even") });
