/** `json(json)`: the deprecated alias of fromJson (same messages, which name 'fromJson'). */
import { defineFunction } from "../extension.js";
import fromJson from "./from-json.js";

export default defineFunction({ ...fromJson, name: "json" });
