/** Kestra `json`: the deprecated alias of `toJson`. */
import { defineFilter } from "../extension.js";
import toJson from "./to-json.js";

export default defineFilter({ ...toJson, name: "json" });
