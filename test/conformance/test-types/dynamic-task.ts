/**
 * io.kestra.core.tasks.test.DynamicTask (Kestra's core/src/test): reports one dynamic task run
 * (RunContext.dynamicWorkerResult) created while it ran: a new task id (IdUtils.create), the
 * reporting task run as parent and as value, SUCCESS, or FAILED with `fail: true`, in which
 * case the task fails too ("Task failed"), still reporting it.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { type DynamicTaskRun, TaskFailure } from "../../../src/plugin/task-context.js";

export default defineRunnableTask({
  type: "io.kestra.core.tasks.test.DynamicTask",
  title: "Test only: report a dynamic task run (FAILED, and fail, with `fail: true`).",
  properties: z.strictObject({
    fail: z.boolean().optional(),
  }),
  async run(context) {
    const failed = context.properties.fail === true;
    const dynamic: DynamicTaskRun = {
      taskId: context.newId(),
      parentTaskRunId: context.taskRunId,
      value: context.taskRunId,
      state: failed ? "FAILED" : "SUCCESS",
    };
    if (failed) throw new TaskFailure("Task failed", undefined, [dynamic]);
    return { dynamicTaskRuns: [dynamic] };
  },
});
