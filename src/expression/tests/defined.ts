/**
 * `x is defined`: the value rule (not null). The engine handles the other half: an
 * undefined variable or attribute on the left gives false instead of an error.
 */
import { defineTest } from "../extension.js";

export default defineTest({ name: "defined", args: [], test: (input) => input !== null && input !== undefined });
