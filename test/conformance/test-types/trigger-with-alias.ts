/**
 * io.kestra.core.runners.test.TriggerWithAlias (Kestra's core/src/test), also reachable as
 * io.kestra.core.runners.test.trigger.Alias: a polling trigger (every hour) that never
 * starts an execution. It has no properties of its own.
 */
import { z } from "zod";
import { defineTrigger } from "../../../src/plugin/define.js";

export default defineTrigger({
  type: "io.kestra.core.runners.test.TriggerWithAlias",
  aliases: ["io.kestra.core.runners.test.trigger.Alias"],
  title: "Test only: a trigger declared with an alias, never firing.",
  properties: z.strictObject({}),
});
