/** Kestra `className`: the Java class name of the value (`java.lang.Long` for literals, `java.lang.Integer` for small context numbers). */
import { defineFilter } from "../extension.js";
import { javaTypeName } from "./support/java.js";

export default defineFilter({
  name: "className",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return javaTypeName(input);
  },
});
