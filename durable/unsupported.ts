/**
 * Commands the ExecutionObject cannot carry out yet, answered so that the concerned task run
 * fails with a message naming what the Worker runtime lacks, never silently ignored.
 */
import type { ExecutorCommand, ExecutorEvent } from "../src/executor/protocol.js";

export const NOT_YET = "is not supported on the Worker runtime yet";

/** The event that ends what the command was for, FAILED; undefined for a command without a task run. */
export function unsupported(command: ExecutorCommand): ExecutorEvent | undefined {
  switch (command.type) {
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
