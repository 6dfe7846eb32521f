/** `fromJson(json)`: parses a JSON string (Jackson semantics); null gives null. */
import { defineFunction } from "../extension.js";
import { parseJson } from "./support/json.js";
import { parseTextArg } from "./support/parse.js";

export default defineFunction({
  name: "fromJson",
  args: ["json"],
  call: (args) =>
    parseTextArg(args, { functionName: "fromJson", argName: "json", format: "json", nullable: true }, parseJson),
});
