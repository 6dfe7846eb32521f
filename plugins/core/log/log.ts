/** io.kestra.plugin.core.log.Log: writes one message, or each of a list, to the execution logs. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.log.Log",
  aliases: ["io.kestra.core.tasks.log.Log"],
  title: "Log a message (or a list of messages) at a level.",
  properties: z.strictObject({
    message: z.union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" }),
    level: dynamic(logLevel).default("INFO"),
  }),
  async run(context) {
    const { message, level } = context.properties;
    const messages = Array.isArray(message) ? message : [message];
    for (const text of messages) await logAt(context, level, String(text));
    return undefined;
  },
});

/** Renders `message` and logs it at the rendered `level` (INFO by default); Echo shares it. */
export async function logAt(context: TaskContext, level: unknown, message: string): Promise<void> {
  const name = String(await context.render(level ?? "INFO")).toUpperCase();
  const log = LEVELS[name] ?? LEVELS.INFO;
  log?.(context, await context.renderString(message));
}

const LEVELS: Readonly<Record<string, (context: TaskContext, message: string) => void>> = {
  TRACE: (context, message) => context.logger.trace(message),
  DEBUG: (context, message) => context.logger.debug(message),
  INFO: (context, message) => context.logger.info(message),
  WARN: (context, message) => context.logger.warn(message),
  ERROR: (context, message) => context.logger.error(message),
};
