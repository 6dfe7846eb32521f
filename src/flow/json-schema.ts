/**
 * The JSON Schema of the flow format, built from the same zod schemas that validate
 * flows: one definition per plugin type, slots turned into references to the list of
 * tasks, triggers, conditions, task runners or inputs. Editors use it through the YAML
 * language server (`# yaml-language-server: $schema=...`).
 */
import { z } from "zod";
import type { PluginCategory, PluginDefinition } from "../plugin/define.js";
import { dynamicLiteral, slotKind } from "../plugin/properties.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { TRIGGER_RENAMES } from "./schema/common.js";
import { flowSchema } from "./schema/flow.js";
import { INPUT_TYPES, inputSchemas } from "./schema/inputs.js";
import { constantRetry, exponentialRetry, RETRY_RENAMES, randomRetry } from "./schema/retry.js";
import { fullSchema } from "./validate-plugin.js";

type JsonSchema = Record<string, unknown>;

const SLOT_DEFINITIONS: Record<string, string> = {
  task: "task",
  trigger: "trigger",
  condition: "condition",
  taskRunner: "taskRunner",
  input: "input",
};

const EXPRESSION_JSON = { type: "string", pattern: "\\{\\{[\\s\\S]*\\}\\}|\\{%[\\s\\S]*%\\}" };

function replaceWith(target: JsonSchema, replacement: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, replacement);
}

const RETRY_SCHEMAS = new Set<z.ZodType>([constantRetry, exponentialRetry, randomRetry]);

/** Lets an object schema also accept the old names of renamed properties, marked deprecated. */
function addRenamed(target: JsonSchema, renames: Readonly<Record<string, string>>): void {
  const properties = target.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return;
  for (const [from, to] of Object.entries(renames)) {
    const current = properties[to];
    if (current) properties[from] = { ...current, deprecated: true, description: `Deprecated: use \`${to}\`.` };
  }
}

const OPTIONAL_WRAPPERS = new Set(["optional", "default", "prefault", "catch"]);

/**
 * Marks as required every property whose schema is not optional. zod's input-side export
 * loses this for dynamic() properties (a preprocess step accepts anything, even nothing).
 */
function requireMandatory(zodSchema: z.ZodType, target: JsonSchema): void {
  const def = (zodSchema as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType> } } })._zod.def;
  if (def.type !== "object" || !def.shape || !target.properties) return;
  const required = Object.entries(def.shape)
    .filter(([, property]) => {
      const inner = (property as unknown as { _zod: { def: { type: string } } })._zod.def;
      return !OPTIONAL_WRAPPERS.has(inner.type);
    })
    .map(([name]) => name);
  if (required.length > 0) target.required = required;
  else delete target.required;
}

/** Kestra reads `key: null` as an absent property, so optional properties also accept null. */
function allowNullOptionals(target: JsonSchema): void {
  const properties = target.properties as Record<string, JsonSchema> | undefined;
  if (target.type !== "object" || !properties) return;
  const required = new Set((target.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name)) properties[name] = { anyOf: [property, { type: "null" }] };
  }
}

function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: "draft-7",
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const zodSchema = ctx.zodSchema as unknown as z.ZodType;
      const target = ctx.jsonSchema as JsonSchema;
      if (RETRY_SCHEMAS.has(zodSchema)) addRenamed(target, RETRY_RENAMES);
      requireMandatory(zodSchema, target);
      allowNullOptionals(target);
      const kind = slotKind(zodSchema);
      if (kind !== undefined) {
        replaceWith(target, { $ref: `#/definitions/${SLOT_DEFINITIONS[kind]}` });
        return;
      }
      const literal = dynamicLiteral(zodSchema);
      if (literal !== undefined) {
        // Property<T>: the literal (which Kestra also reads from its text form) or an expression.
        const { default: defaultValue, ...literalJson } = withoutMeta(toJson(literal));
        const description =
          (target.description as string | undefined) ?? (literalJson.description as string | undefined);
        replaceWith(target, {
          anyOf: [literalJson, { type: ["string", "number", "boolean"] }, EXPRESSION_JSON],
          ...(description ? { description } : {}),
          ...(defaultValue === undefined ? {} : { default: defaultValue }),
        });
      }
    },
  }) as JsonSchema;
}

function withoutMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, ...rest } = schema;
  return rest;
}

function pluginSchema(plugin: PluginDefinition): JsonSchema {
  const schema = withoutMeta(toJson(fullSchema(plugin)));
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  properties.type = { enum: [plugin.type, ...(plugin.aliases ?? [])] };
  const renamed = { ...(plugin.category === "trigger" ? TRIGGER_RENAMES : {}), ...plugin.renamedProperties };
  addRenamed({ properties }, renamed);
  return {
    ...schema,
    title: plugin.type,
    description: plugin.title,
    ...(plugin.deprecated ? { deprecated: true } : {}),
    properties,
    required: [...new Set(["type", ...((schema.required as string[] | undefined) ?? [])])],
  };
}

/** The whole flow format as one draft-07 JSON Schema document. */
export function flowJsonSchema(registry: PluginRegistry): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const byCategory: Record<PluginCategory, string[]> = { task: [], trigger: [], condition: [], taskRunner: [] };
  for (const plugin of registry.all()) {
    definitions[plugin.type] = pluginSchema(plugin);
    byCategory[plugin.category].push(plugin.type);
  }
  for (const [category, types] of Object.entries(byCategory)) {
    definitions[category] = { anyOf: types.map((type) => ({ $ref: `#/definitions/${type}` })) };
  }
  definitions.input = {
    anyOf: INPUT_TYPES.map((type) => {
      const schema = withoutMeta(toJson(inputSchemas[type]));
      const properties = { ...(schema.properties as Record<string, JsonSchema>) };
      addRenamed({ properties }, { name: "id" });
      const required = ((schema.required as string[] | undefined) ?? []).filter((name) => name !== "id");
      return {
        ...schema,
        title: `${type} input`,
        properties,
        required,
        anyOf: [{ required: ["id"] }, { required: ["name"] }],
      };
    }),
  };
  const flow = withoutMeta(toJson(flowSchema));
  const properties = flow.properties as Record<string, JsonSchema>;
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Kestra flow (Tern)",
    ...flow,
    properties: {
      ...properties,
      taskDefaults: {
        ...properties.pluginDefaults,
        deprecated: true,
        description: "Deprecated: use `pluginDefaults`.",
      },
    },
    definitions,
  };
}
