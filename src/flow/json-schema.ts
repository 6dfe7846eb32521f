/**
 * The JSON Schema of the flow format, built from the same zod schemas that validate
 * flows: one definition per plugin type, slots turned into references to the list of
 * tasks, triggers, conditions, task runners or inputs. Editors use it through the YAML
 * language server (`# yaml-language-server: $schema=...`).
 */
import { z } from "zod";
import type { PluginCategory, PluginDefinition } from "../plugin/define.js";
import { slotKind } from "../plugin/properties.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { flowSchema } from "./schema/flow.js";
import { INPUT_TYPES, inputSchemas } from "./schema/inputs.js";
import { fullSchema } from "./validate-plugin.js";

type JsonSchema = Record<string, unknown>;

const SLOT_DEFINITIONS: Record<string, string> = {
  task: "task",
  trigger: "trigger",
  condition: "condition",
  taskRunner: "taskRunner",
  input: "input",
};

function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: "draft-7",
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const kind = slotKind(ctx.zodSchema as unknown as z.ZodType);
      if (kind === undefined) return;
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
      (ctx.jsonSchema as JsonSchema).$ref = `#/definitions/${SLOT_DEFINITIONS[kind]}`;
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
  for (const [from, to] of Object.entries(plugin.renamedProperties ?? {})) {
    const target = properties[to];
    if (target) properties[from] = { ...target, deprecated: true, description: `Deprecated: use \`${to}\`.` };
  }
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
      properties.name = { type: "string", deprecated: true, description: "Deprecated: use `id`." };
      return { ...schema, title: `${type} input`, properties };
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
