/** Kestra `yaml`: Jackson YAML text (no `---`, minimal quotes, ` - ` indented arrays, literal blocks; null → "null"). */
import { defineFilter } from "../extension.js";
import { toYamlText } from "./support/yaml-writer.js";

export default defineFilter({
  name: "yaml",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return "null";
    return toYamlText(input);
  },
});
