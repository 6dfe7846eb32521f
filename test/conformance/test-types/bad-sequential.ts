/**
 * io.kestra.core.tasks.test.BadSequential (Kestra's core/src/test): a Sequential whose
 * resolveState throws "BAM" every time. Kestra asks a flowable for its next children
 * (resolveNexts, which works here) and for its state (resolveState) separately; Tern's
 * flowable contract answers both in one `resolve`, so this one throws from it.
 */
import { z } from "zod";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

export default defineFlowableTask({
  type: "io.kestra.core.tasks.test.BadSequential",
  title: "Test only: a Sequential that cannot resolve its state.",
  properties: z.strictObject({
    tasks: taskList({ nonEmpty: true }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: {
    resolve() {
      throw new Error("BAM");
    },
  },
});
