/** Flow routes: validation (Kestra's ValidateConstraintViolation shape) and the flow JSON Schema. */
import { Hono } from "hono";
import { describeIssue, MAX_SOURCE_BYTES, parseFlows } from "../../flow/index.js";
import { flowJsonSchema } from "../../flow/json-schema.js";
import type { PluginRegistry } from "../../plugin/registry.js";
import { readText } from "../body.js";

export interface ValidateConstraintViolation {
  index: number;
  flow?: string;
  namespace?: string;
  constraints?: string;
  outdated: boolean;
  deprecationPaths: string[];
  warnings: string[];
  infos: string[];
  /** Tern: each problem with its path, line and column. */
  errors?: { code: string; path: string; message: string; line?: number; column?: number }[];
}

export function flowRoutes(registry: PluginRegistry): Hono {
  const app = new Hono();
  let schema: unknown;

  app.post("/flows/validate", async (c) => {
    const source = await readText(c.req.raw, MAX_SOURCE_BYTES + 64 * 1024);
    const results = parseFlows(source, { registry });
    const body: ValidateConstraintViolation[] = results.map((result, index) => {
      const common = {
        index,
        outdated: false,
        deprecationPaths: [...(result.deprecations ?? [])],
        warnings: [],
        infos: [],
      };
      if (result.ok) return { ...common, flow: result.flow.id, namespace: result.flow.namespace };
      return {
        ...common,
        ...(result.id === undefined ? {} : { flow: result.id }),
        ...(result.namespace === undefined ? {} : { namespace: result.namespace }),
        constraints: result.issues.map(describeIssue).join("\n"),
        errors: result.issues.map((issue) => ({ ...issue })),
      };
    });
    return c.json(body);
  });

  app.get("/plugins/schemas/flow", (c) => {
    schema ??= flowJsonSchema(registry);
    return c.json(schema);
  });

  return app;
}
