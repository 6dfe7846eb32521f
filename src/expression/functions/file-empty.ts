/** `fileEmpty(path)`: the other name Kestra 1.x docs use for isFileEmpty(). */
import { defineFunction } from "../extension.js";
import isFileEmpty from "./is-file-empty.js";

export default defineFunction({ ...isFileEmpty, name: "fileEmpty" });
