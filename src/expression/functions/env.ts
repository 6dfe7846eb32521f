/**
 * `env(name, default=null)` (Kestra 1.x): the `envs` variable by a computed name (the exposed
 * environment variables, prefix stripped and lower-cased); `default` when missing or empty.
 */
import { defineFunction } from "../extension.js";
import { isMap, javaString } from "../values.js";
import { castString, mapGet, requireArg } from "./support/args.js";

export default defineFunction({
  name: "env",
  args: ["name", "default"],
  call(args, context) {
    const name = castString(requireArg(args, "name", "The 'env' function expects an argument 'name'."));
    const fallback = args.default ?? null;
    const envs = context.variable("envs");
    if (!isMap(envs)) return fallback;
    const value = mapGet(envs, name);
    if (value === null || value === undefined || javaString(value) === "") return fallback;
    return value;
  },
});
