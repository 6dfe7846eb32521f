/** The parser and validator of every input type. */
import type { InputType } from "../model.js";
import { arrayInput } from "./array.js";
import { booleanInput } from "./boolean.js";
import { dateInput } from "./date.js";
import { datetimeInput } from "./datetime.js";
import { durationInput } from "./duration.js";
import { emailInput } from "./email.js";
import { enumInput } from "./enum.js";
import { fileInput } from "./file.js";
import { floatInput } from "./float.js";
import { intInput } from "./int.js";
import { jsonInput } from "./json.js";
import { multiselectInput } from "./multiselect.js";
import { secretInput } from "./secret.js";
import { selectInput } from "./select.js";
import type { InputTypeHandler } from "./shared.js";
import { stringInput } from "./string.js";
import { timeInput } from "./time.js";
import { uriInput } from "./uri.js";
import { yamlInput } from "./yaml.js";

export type { InputTypeHandler, ParseContext } from "./shared.js";

export const INPUT_HANDLERS: Readonly<Record<InputType, InputTypeHandler>> = {
  STRING: stringInput,
  INT: intInput,
  FLOAT: floatInput,
  BOOLEAN: booleanInput,
  BOOL: booleanInput,
  SELECT: selectInput,
  MULTISELECT: multiselectInput,
  ENUM: enumInput,
  DATETIME: datetimeInput,
  DATE: dateInput,
  TIME: timeInput,
  DURATION: durationInput,
  FILE: fileInput,
  JSON: jsonInput,
  YAML: yamlInput,
  URI: uriInput,
  SECRET: secretInput,
  ARRAY: arrayInput,
  EMAIL: emailInput,
};
