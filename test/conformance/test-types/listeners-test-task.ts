/**
 * io.kestra.core.runners.ListenersTestTask (Kestra's core/src/test): run as a flow listener,
 * it reads its own execution once terminated and outputs `value`, the execution's Java
 * toString, which holds `id=...` and `flowId=...`. Here the execution is the one it runs in
 * (already terminated when a listener runs), written in the same shape.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

export default defineRunnableTask({
  type: "io.kestra.core.runners.ListenersTestTask",
  title: "Test only: output the terminated execution's toString as `value`.",
  properties: z.strictObject({}),
  outputs: z.object({ value: z.string() }),
  async run(context) {
    const state = await context.renderString("{{ execution.state }}");
    const revision = await context.renderString("{{ flow.revision }}");
    const value =
      `Execution(tenantId=main, id=${context.executionId}, namespace=${context.namespace}, ` +
      `flowId=${context.flowId}, flowRevision=${revision}, state=${state})`;
    return { outputs: { value } };
  },
});
