/**
 * Flow input declarations (spec §1.2, 1.x additions from spec-1x §1.2). This is the
 * shape of `inputs:` in a flow and of Pause `onResume`; parsing and validating the
 * values a user sends lives in src/inputs.
 */
import { z } from "zod";
import { duration } from "../../plugin/properties.js";

export const INPUT_ID_PATTERN = /^[a-zA-Z0-9][.a-zA-Z0-9_-]*$/;

export const INPUT_TYPES = [
  "STRING",
  "INT",
  "FLOAT",
  "BOOLEAN",
  "BOOL",
  "SELECT",
  "MULTISELECT",
  "ENUM",
  "DATETIME",
  "DATE",
  "TIME",
  "DURATION",
  "FILE",
  "JSON",
  "YAML",
  "URI",
  "SECRET",
  "ARRAY",
  "EMAIL",
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Types an ARRAY or MULTISELECT element may have. */
const ITEM_TYPES = INPUT_TYPES.filter((t) => t !== "ARRAY" && t !== "FILE" && t !== "MULTISELECT");

const common = {
  id: z
    .string({ error: (i) => (i.input === undefined ? "must not be null" : "must be a string") })
    .regex(INPUT_ID_PATTERN, { error: 'must match "^[a-zA-Z0-9][.a-zA-Z0-9_-]*"' }),
  description: z.string().optional(),
  displayName: z.string().max(64, { error: "must be at most 64 characters" }).optional(),
  required: z.boolean().default(true),
  defaults: z.unknown().optional(),
  prefill: z.unknown().optional(),
  dependsOn: z
    .strictObject({
      inputs: z.array(z.string()).optional(),
      condition: z.string().optional(),
    })
    .optional(),
};

function validRegex(source: string): boolean {
  try {
    new RegExp(source, "u");
    return true;
  } catch {
    return false;
  }
}

const regexValidator = z
  .string()
  .refine(validRegex, { error: (issue) => `invalid regular expression '${String(issue.input)}'` });

/** A date or time bound: a string in YAML, or a value YAML already typed (unquoted dates stay strings in YAML 1.2). */
const temporal = z.union([z.string(), z.number()]);

const valuesList = z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String));

const byType = {
  STRING: { validator: regexValidator.optional() },
  INT: { min: z.int().optional(), max: z.int().optional() },
  FLOAT: { min: z.number().optional(), max: z.number().optional() },
  BOOLEAN: {},
  BOOL: {},
  SELECT: {
    values: valuesList.optional(),
    expression: z.string().optional(),
    allowCustomValue: z.boolean().default(false),
    isRadio: z.boolean().default(false),
    autoSelectFirst: z.boolean().default(false),
  },
  MULTISELECT: {
    values: valuesList.optional(),
    options: valuesList.optional(),
    expression: z.string().optional(),
    itemType: z.enum(ITEM_TYPES).default("STRING"),
    allowCustomValue: z.boolean().default(false),
    autoSelectFirst: z.boolean().default(false),
  },
  ENUM: { values: valuesList },
  DATETIME: { after: temporal.optional(), before: temporal.optional() },
  DATE: { after: temporal.optional(), before: temporal.optional() },
  TIME: { after: temporal.optional(), before: temporal.optional() },
  DURATION: { min: duration.optional(), max: duration.optional() },
  FILE: {
    extension: z.string().optional(),
    allowedFileExtensions: z.array(z.string()).optional(),
  },
  JSON: {},
  YAML: {},
  URI: {},
  SECRET: { validator: regexValidator.optional() },
  ARRAY: { itemType: z.enum([...ITEM_TYPES, "ARRAY"]) },
  EMAIL: {},
} satisfies Record<InputType, z.ZodRawShape>;

/** One strict object schema per input type, keyed by type. */
export const inputSchemas = Object.fromEntries(
  INPUT_TYPES.map((type) => [type, z.strictObject({ ...common, type: z.literal(type), ...byType[type] })]),
) as unknown as Record<InputType, z.ZodObject>;

export type InputDeclaration = {
  id: string;
  type: InputType;
  description?: string;
  displayName?: string;
  required: boolean;
  defaults?: unknown;
  prefill?: unknown;
  dependsOn?: { inputs?: string[]; condition?: string };
  [property: string]: unknown;
};

/** Checks across properties of one input, each message prefixed by the input id as Kestra does. */
export function inputRules(input: InputDeclaration): string[] {
  const messages: string[] = [];
  const say = (text: string) => messages.push(`${input.id}: ${text}`);
  if (input.defaults !== undefined && input.prefill !== undefined) {
    say("`defaults` and `prefill` cannot be set together");
  }
  if (input.type === "FILE" && input.defaults !== undefined) {
    const value = String(input.defaults);
    if (!/^(nsfile|file|kestra):\/\//.test(value)) {
      say("no `defaults` can be set for inputs of type 'FILE' other than a nsfile:///, file:/// or kestra:/// URI");
    }
  }
  if (input.type === "ARRAY" && input.itemType === "ARRAY") say("`itemType` cannot be `ARRAY`");
  if (input.type === "MULTISELECT" && input.values !== undefined && input.options !== undefined) {
    say("you can't define both `values` and `options`");
  }
  if ((input.type === "SELECT" || input.type === "MULTISELECT") && input.values === undefined) {
    if (input.expression === undefined && input.options === undefined) say("`values` or `expression` must be set");
  }
  if (
    (input.type === "SELECT" || input.type === "MULTISELECT") &&
    input.values !== undefined &&
    input.expression !== undefined
  ) {
    say("you can't define both `values` and `expression`");
  }
  const { min, max } = input as { min?: unknown; max?: unknown };
  if (typeof min === "number" && typeof max === "number" && min > max) say("`min` must be less than or equal to `max`");
  return messages;
}
