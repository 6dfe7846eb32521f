/**
 * `errorLogs()`: the ERROR log entries of the current execution, as maps. Kestra only allows
 * it where logs can be read (the Worker); here that is a host whose stores implement
 * `errorLogs` (see ErrorLogStore), elsewhere it fails as Kestra does off the Worker.
 */
import { defineFunction, type RenderStores } from "../extension.js";
import { contextMap, fail, stringField } from "./support/args.js";
import { type ErrorLogStore, settle } from "./support/storage.js";

export default defineFunction({
  name: "errorLogs",
  args: [],
  call(_args, context) {
    const stores: RenderStores & ErrorLogStore = context.stores;
    const errorLogs = stores.errorLogs?.bind(stores);
    if (errorLogs === undefined) {
      throw fail(
        "expression.error",
        "The 'errorLogs' function can only be used in the Worker as it access logs from the database.",
      );
    }
    const executionId = stringField(contextMap(context, "execution"), "id");
    if (executionId === undefined)
      throw fail("expression.error", "The 'errorLogs' function needs an execution context");
    const tenantId = stringField(contextMap(context, "flow"), "tenantId");
    const result = settle(context, `errorLogs:${tenantId ?? ""}:${executionId}`, () =>
      errorLogs(tenantId, executionId),
    );
    if (!result.ok) throw fail("expression.storage", "Unable to fetch error logs");
    return [...result.value];
  },
});
