/**
 * `npm run schema`: writes the JSON Schema of the flow format to schema/flow.schema.json
 * (or to the path given as first argument), for editors through the YAML language server.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { registry } from "../plugins/index.js";
import { flowJsonSchema } from "../src/flow/json-schema.js";

const target = resolve(process.argv[2] ?? "schema/flow.schema.json");
mkdirSync(dirname(target), { recursive: true });
const schema = flowJsonSchema(registry);
writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
const definitions = Object.keys(schema.definitions as Record<string, unknown>).length;
console.log(`wrote ${target} (${definitions} definitions)`);
