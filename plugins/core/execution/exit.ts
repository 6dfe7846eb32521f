/**
 * io.kestra.plugin.core.execution.Exit: ends the execution in the given state (applied by the
 * executor). `KILLED` kills running tasks; other states leave parallel branches running.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

/** Kestra's ExitState; the single-L `CANCELED` maps to the execution state `CANCELLED`. */
export const EXIT_STATES = ["SUCCESS", "WARNING", "KILLED", "FAILED", "CANCELED"] as const;

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Exit",
  title: "Exit the execution: terminate it in the state given by `state`.",
  properties: z.strictObject({
    state: dynamic(z.enum(EXIT_STATES)).default("SUCCESS"),
  }),
});
