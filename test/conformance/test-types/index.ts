/**
 * The conformance harness's plugins: the product's registry plus Kestra's test-only task
 * types (core/src/test/java) that the cases use. These never go into plugins/index.ts.
 */
import { plugins } from "../../../plugins/index.js";
import type { PluginDefinition } from "../../../src/plugin/define.js";
import { createRegistry } from "../../../src/plugin/registry.js";
import badSequential from "./bad-sequential.js";
import defaultSequential1 from "./default-sequential-1.js";
import defaultSequential2 from "./default-sequential-2.js";
import defaultSequential3 from "./default-sequential-3.js";
import dynamicTask from "./dynamic-task.js";
import encrypted from "./encrypted.js";
import listenersTestTask from "./listeners-test-task.js";
import nullOutputTask from "./null-output-task.js";
import read from "./read.js";
import taskThatFail from "./task-that-fail.js";
import taskWithAlias from "./task-with-alias.js";
import triggerWithAlias from "./trigger-with-alias.js";
import workerTaskResultTooLarge from "./worker-task-result-too-large.js";

export const testOnlyPlugins: readonly PluginDefinition[] = [
  badSequential,
  defaultSequential1,
  defaultSequential2,
  defaultSequential3,
  dynamicTask,
  encrypted,
  listenersTestTask,
  nullOutputTask,
  read,
  taskThatFail,
  taskWithAlias,
  triggerWithAlias,
  workerTaskResultTooLarge,
];

/** The registry the harness parses and runs flows with. */
export const harnessRegistry = createRegistry([...plugins, ...testOnlyPlugins]);

/** Test-only types the harness does not provide, each with what Tern lacks to run it. */
export const missingTestOnlyTypes: Readonly<Record<string, string>> = {
  "io.kestra.core.tasks.test.BadExecutable":
    "BadExecutable throws when building the Subflow's result (createSubflowExecutionResult), and Tern's executable contract has no such hook: the executor builds the result itself",
};
