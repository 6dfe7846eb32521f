/** io.kestra.plugin.core.debug.Return: renders `format` and returns it as the output `value` (debugging, small payloads). */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.debug.Return",
  aliases: ["io.kestra.core.tasks.debugs.Return"],
  title: "Render a templated string and return it as the output `value`.",
  properties: z.strictObject({
    format: dynamic(z.string()).optional(),
  }),
  outputs: z.object({
    value: z.string().optional(),
  }),
  async run(context) {
    const format = context.properties.format;
    return { outputs: format === undefined ? {} : { value: await context.renderString(String(format)) } };
  },
});
