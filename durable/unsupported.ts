/**
 * Commands the ExecutionObject cannot carry out yet, answered so that the concerned task run
 * fails with a message naming what the Worker runtime lacks, never silently ignored.
 */
import type { ExecutorCommand, ExecutorEvent } from "../src/executor/protocol.js";

export const NOT_YET = "is not supported on the Worker runtime yet";

export const WORKING_DIRECTORY_ERROR = `WorkingDirectory (a directory shared by tasks) ${NOT_YET}`;

/** The event that ends what the command was for, FAILED; undefined for a command without a task run. */
export function unsupported(command: ExecutorCommand): ExecutorEvent | undefined {
  switch (command.type) {
    case "directory.close":
      return { type: "directory.closed", taskRunId: command.taskRunId, error: WORKING_DIRECTORY_ERROR };
    case "lookup":
      return {
        type: "lookup.done",
        key: command.key,
        error: `Reading a ${String(command.request.kind)} for the executor ${NOT_YET}`,
      };
    default:
      return undefined;
  }
}
