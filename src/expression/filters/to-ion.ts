/** Kestra `toIon`: compact Amazon Ion text (`{empty_object:{}}`, `1.123e0`, nulls kept). */
import { defineFilter } from "../extension.js";
import { toIonText } from "./support/ion.js";

export default defineFilter({
  name: "toIon",
  args: [],
  apply: (input) => toIonText(input),
});
