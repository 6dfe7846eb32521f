/** io.kestra.plugin.core.trigger.Toggle: a task that enables or disables a trigger of a flow. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.trigger.Toggle",
  aliases: ["io.kestra.core.tasks.trigger.Toggle"],
  title: "Enable or disable a trigger.",
  properties: z.strictObject({
    /** The trigger id. */
    trigger: dynamic(z.string()),
    /** The flow of the trigger; the current flow when unset. */
    flowId: dynamic(z.string()).optional(),
    namespace: dynamic(z.string()).optional(),
    enabled: z.boolean().default(false),
  }),
});
