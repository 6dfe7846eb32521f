/**
 * The JSON Schema that editors use must agree with Tern's validator: every Kestra test
 * flow Tern accepts validates against it, and typical mistakes are caught by it too.
 */
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../plugins/index.js";
import { parseFlow } from "../../src/flow/index.js";
import { flowJsonSchema } from "../../src/flow/json-schema.js";
import { kestraFile, kestraFlowFiles } from "../support/kestra.js";

const schema = flowJsonSchema(registry);
// inlineRefs: false keeps ajv from inlining the recursive task definitions into huge, stack-hungry functions.
const ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false });
const validate = ajv.compile(schema);

describe("flow JSON Schema", () => {
  it("accepts every Kestra test flow that Tern accepts", () => {
    let accepted = 0;
    for (const file of kestraFlowFiles("valids")) {
      const source = kestraFile("flows", "valids", file);
      if (!parseFlow(source, { registry }).ok) continue;
      accepted++;
      const ok = validate(parse(source));
      expect(ok, `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("catches unknown properties and types, missing required properties and wrong values", () => {
    const flows = [
      { id: "f", namespace: "a", tasks: [{ id: "l", type: "io.kestra.plugin.core.log.Log", mesage: "x" }] },
      { id: "f", namespace: "a", tasks: [{ id: "l", type: "io.kestra.plugin.core.log.Log" }] },
      { id: "f", namespace: "a", tasks: [{ id: "l", type: "io.kestra.plugin.core.log.Nope", message: "x" }] },
      { id: "f", namespace: "a" },
      { id: "f", namespace: "a", tasks: [{ id: "s", type: "io.kestra.plugin.core.flow.Sleep" }] },
      { id: "f", namespace: "a", tasks: [{ id: "s", type: "io.kestra.plugin.core.flow.Sleep", duration: { a: 1 } }] },
    ];
    for (const flow of flows) expect(validate(flow), JSON.stringify(flow)).toBe(false);
  });
});
