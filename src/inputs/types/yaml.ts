/** YAML: a map or list passes as is; text is read like Kestra's Jackson YAML mapper (YAML 1.1 scalars). */
import { parseYaml } from "../../expression/functions/yaml.js";
import { structured } from "./json.js";

export const yamlInput = structured(parseYaml);
