/**
 * io.kestra.plugin.core.execution.Exit: ends the execution in the given state (applied by the
 * executor). `KILLED` kills running tasks; other states leave parallel branches running.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import type { ExitState } from "../../../src/plugin/task-context.js";

/** Kestra's ExitState; the single-L `CANCELED` maps to the execution state `CANCELLED`. */
export const EXIT_STATES = ["SUCCESS", "WARNING", "KILLED", "FAILED", "CANCELED"] as const;

const TO_STATE: Readonly<Record<(typeof EXIT_STATES)[number], ExitState>> = {
  SUCCESS: "SUCCESS",
  WARNING: "WARNING",
  KILLED: "KILLED",
  FAILED: "FAILED",
  CANCELED: "CANCELLED",
};

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Exit",
  title: "Exit the execution: terminate it in the state given by `state`.",
  properties: z.strictObject({
    state: dynamic(z.enum(EXIT_STATES)).default("SUCCESS"),
  }),
  async run(context) {
    const rendered = (await context.renderString(String(context.properties.state ?? "SUCCESS"))).trim();
    if (!isExitState(rendered)) {
      throw new Error(`Invalid exit state '${rendered}', expected one of ${EXIT_STATES.join(", ")}`);
    }
    return { exit: TO_STATE[rendered] };
  },
});

function isExitState(value: string): value is (typeof EXIT_STATES)[number] {
  return (EXIT_STATES as readonly string[]).includes(value);
}
