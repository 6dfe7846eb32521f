/**
 * Flow routes, as Kestra's FlowController: create and update from YAML with revisions,
 * get (with `source`, `revision`, `allowDeleted`), delete (a deleted revision), list by
 * namespace, search with paging, revisions, distinct namespaces, validation (Kestra's
 * ValidateConstraintViolation shape) and the flow JSON Schema.
 */
import { Hono } from "hono";
import { describeIssue, MAX_SOURCE_BYTES, parseFlow, parseFlows } from "../../flow/index.js";
import { flowJsonSchema } from "../../flow/json-schema.js";
import type { PluginRegistry } from "../../plugin/registry.js";
import { FLOW_SORT_FIELDS, type FlowStore } from "../../storage/flow-store.js";
import { readText } from "../body.js";
import { ApiError } from "../errors.js";
import { flowInput, flowJson, flowNotFound, invalidEntity } from "../flow-json.js";
import { booleanParam, integerParam, labelsParam, sortParam } from "../query.js";

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

export interface FlowRouteDeps {
  readonly registry: PluginRegistry;
  readonly flows: FlowStore;
}

/** The YAML body limit: the flow size limit plus room for the parser to say the flow is too large. */
const BODY_LIMIT = MAX_SOURCE_BYTES + 64 * 1024;

export function flowRoutes({ registry, flows }: FlowRouteDeps): Hono {
  const app = new Hono();
  let schema: unknown;

  app.post("/flows/validate", async (c) => {
    const source = await readText(c.req.raw, BODY_LIMIT);
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

  app.post("/flows", async (c) => {
    const input = flowInput(parseFlow(await readText(c.req.raw, BODY_LIMIT), { registry }));
    const result = await flows.create(input);
    if (!result.ok) {
      if (result.code === "flow.exists")
        throw invalidEntity([
          { code: "flow.rule", path: "id", message: `Flow id already exists: ${input.namespace}.${input.id}` },
        ]);
      throw concurrentWrite(input.namespace, input.id);
    }
    return c.json(flowJson(result.flow, true));
  });

  app.get("/flows/search", async (c) => {
    const url = new URL(c.req.url);
    const q = url.searchParams.get("q") ?? undefined;
    const namespace = url.searchParams.get("namespace") ?? undefined;
    const page = await flows.search({
      page: integerParam(url, "page", 1) ?? 1,
      size: integerParam(url, "size", 1) ?? 10,
      sort: sortParam(url, FLOW_SORT_FIELDS),
      labels: labelsParam(url),
      ...(q === undefined ? {} : { q }),
      ...(namespace === undefined ? {} : { namespace }),
    });
    return c.json({ results: page.results.map((flow) => flowJson(flow, false)), total: page.total });
  });

  app.get("/flows/distinct-namespaces", async (c) => c.json(await flows.namespaces(c.req.query("q"))));

  app.get("/flows/:namespace", async (c) => {
    const list = await flows.listByNamespace(c.req.param("namespace"));
    return c.json(list.map((flow) => flowJson(flow, false)));
  });

  app.get("/flows/:namespace/:id", async (c) => {
    const { namespace, id } = c.req.param();
    const url = new URL(c.req.url);
    const revision = integerParam(url, "revision", 1);
    const allowDeleted = booleanParam(url, "allowDeleted");
    const flow = await flows.get(namespace, id, { ...(revision === undefined ? {} : { revision }), allowDeleted });
    if (flow === undefined) throw flowNotFound(namespace, id, revision);
    return c.json(flowJson(flow, booleanParam(url, "source")));
  });

  app.put("/flows/:namespace/:id", async (c) => {
    const { namespace, id } = c.req.param();
    if ((await flows.get(namespace, id)) === undefined) throw flowNotFound(namespace, id);
    const input = flowInput(parseFlow(await readText(c.req.raw, BODY_LIMIT), { registry }));
    const mismatch = [
      input.namespace === namespace ? undefined : { path: "namespace", was: namespace, now: input.namespace },
      input.id === id ? undefined : { path: "id", was: id, now: input.id },
    ].filter((m) => m !== undefined);
    if (mismatch.length > 0)
      throw invalidEntity(
        mismatch.map((m) => ({
          code: "flow.rule" as const,
          path: m.path,
          message: `Illegal flow ${m.path} update: the URL names "${m.was}" but the source says "${m.now}"`,
        })),
      );
    const result = await flows.update(input);
    if (!result.ok) {
      if (result.code === "flow.not-found") throw flowNotFound(namespace, id);
      throw concurrentWrite(namespace, id);
    }
    return c.json(flowJson(result.flow, true));
  });

  app.delete("/flows/:namespace/:id", async (c) => {
    const { namespace, id } = c.req.param();
    if ((await flows.delete(namespace, id)) === undefined) throw flowNotFound(namespace, id);
    return c.body(null, 204);
  });

  app.get("/flows/:namespace/:id/revisions", async (c) => {
    const { namespace, id } = c.req.param();
    const url = new URL(c.req.url);
    // Kestra names this parameter `allowDelete`; `allowDeleted` (as on GET) is accepted too.
    const allowDeleted = booleanParam(url, "allowDelete") || booleanParam(url, "allowDeleted");
    const revisions = await flows.revisions(namespace, id, { allowDeleted });
    return c.json(revisions.map((flow) => flowJson(flow, true)));
  });

  return app;
}

function concurrentWrite(namespace: string, id: string): ApiError {
  return new ApiError("conflict", `flow ${namespace}.${id} was changed by another request at the same time; retry`);
}
