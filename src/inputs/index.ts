/**
 * Typed flow inputs: the raw values a user sends when creating an execution (multipart text
 * and file parts, or a JSON map) become Kestra's typed input values, with Kestra's defaults,
 * `dependsOn`, validation and error messages.
 */
export { withDefaultInputs } from "./defaults.js";
export {
  findFileInputExtension,
  type InputPart,
  inputFilePath,
  readInputParts,
  slugify,
} from "./files.js";
export { javaDurationString, parseDuration, parseInstant, parseLocalDate, parseLocalTime } from "./java-time.js";
export { MemoryInputFileStore } from "./memory-store.js";
export { exceptionMessage, type InputErrorBody, inputErrorBody, invalidInputMessage } from "./messages.js";
export type {
  InputDeclaration,
  InputDeps,
  InputError,
  InputExecution,
  InputFileStore,
  InputType,
  ResolvedInput,
} from "./model.js";
export { parseInputValue } from "./parse.js";
export {
  type InputValidation,
  type ResolvedInputs,
  resolveInputs,
  resolveInputValues,
  validateInputs,
} from "./resolve.js";
