/**
 * What a host answers to the executor's `lookup` command, the same on every host: the text of
 * a file of the execution (or of the executions it may read), or why it could not be read.
 */
import type { ExecutorCommand, ExecutorEvent } from "../executor/protocol.js";
import { type BlobStore, taskStorage } from "../storage/internal.js";
import { messageOf } from "../util/errors.js";

type Owner = { readonly namespace: string; readonly flowId: string; readonly id: string };

export async function answerLookup(
  storage: BlobStore,
  execution: Owner,
  readable: readonly Owner[],
  command: Extract<ExecutorCommand, { type: "lookup" }>,
): Promise<Extract<ExecutorEvent, { type: "lookup.done" }>> {
  const files = taskStorage(storage, execution, { taskId: "", taskRunId: "" }, readable);
  try {
    return { type: "lookup.done", key: command.key, value: await files.getText(command.request.uri) };
  } catch (error) {
    return { type: "lookup.done", key: command.key, error: messageOf(error) };
  }
}
