/**
 * The explicit list of plugins shipped with Tern. A plugin file that is not listed here
 * does not exist for the product (a test checks that every file under plugins/ is).
 */
import type { PluginDefinition } from "../src/plugin/define.js";
import { createRegistry } from "../src/plugin/registry.js";
import coreConditionDateTimeBetween from "./core/condition/date-time-between.js";
import coreConditionDayWeek from "./core/condition/day-week.js";
import coreConditionDayWeekInMonth from "./core/condition/day-week-in-month.js";
import coreConditionExecutionFlow from "./core/condition/execution-flow.js";
import coreConditionExecutionLabels from "./core/condition/execution-labels.js";
import coreConditionExecutionNamespace from "./core/condition/execution-namespace.js";
import coreConditionExecutionOutputs from "./core/condition/execution-outputs.js";
import coreConditionExecutionStatus from "./core/condition/execution-status.js";
import coreConditionExpression from "./core/condition/expression.js";
import coreConditionFlowCondition from "./core/condition/flow-condition.js";
import coreConditionFlowNamespaceCondition from "./core/condition/flow-namespace-condition.js";
import coreConditionHasRetryAttempt from "./core/condition/has-retry-attempt.js";
import coreConditionMultipleCondition from "./core/condition/multiple-condition.js";
import coreConditionNot from "./core/condition/not.js";
import coreConditionOr from "./core/condition/or.js";
import coreConditionPublicHoliday from "./core/condition/public-holiday.js";
import coreConditionTimeBetween from "./core/condition/time-between.js";
import coreConditionWeekend from "./core/condition/weekend.js";
import coreDebugEcho from "./core/debug/echo.js";
import coreDebugReturn from "./core/debug/return.js";
import coreExecutionAssert from "./core/execution/assert.js";
import coreExecutionCount from "./core/execution/count.js";
import coreExecutionExit from "./core/execution/exit.js";
import coreExecutionFail from "./core/execution/fail.js";
import coreExecutionLabels from "./core/execution/labels.js";
import coreExecutionPurgeExecutions from "./core/execution/purge-executions.js";
import coreExecutionResume from "./core/execution/resume.js";
import coreFlowAllowFailure from "./core/flow/allow-failure.js";
import coreFlowDag from "./core/flow/dag.js";
import coreFlowEachParallel from "./core/flow/each-parallel.js";
import coreFlowEachSequential from "./core/flow/each-sequential.js";
import coreFlowForEach from "./core/flow/for-each.js";
import coreFlowForEachItem from "./core/flow/for-each-item.js";
import coreFlowIf from "./core/flow/if.js";
import coreFlowLoopUntil from "./core/flow/loop-until.js";
import coreFlowParallel from "./core/flow/parallel.js";
import coreFlowPause from "./core/flow/pause.js";
import coreFlowSequential from "./core/flow/sequential.js";
import coreFlowSleep from "./core/flow/sleep.js";
import coreFlowSubflow from "./core/flow/subflow.js";
import coreFlowSwitch from "./core/flow/switch.js";
import coreFlowWorkingDirectory from "./core/flow/working-directory.js";
import coreHttpDownload from "./core/http/download.js";
import coreHttpRequest from "./core/http/request.js";
import coreKvDelete from "./core/kv/delete.js";
import coreKvGet from "./core/kv/get.js";
import coreKvGetKeys from "./core/kv/get-keys.js";
import coreKvSet from "./core/kv/set.js";
import coreLogFetch from "./core/log/fetch.js";
import coreLogLog from "./core/log/log.js";
import coreLogPurgeLogs from "./core/log/purge-logs.js";
import coreNamespaceDeleteFiles from "./core/namespace/delete-files.js";
import coreNamespaceDownloadFiles from "./core/namespace/download-files.js";
import coreNamespaceUploadFiles from "./core/namespace/upload-files.js";
import coreOutputOutputValues from "./core/output/output-values.js";
import coreRunnerProcess from "./core/runner/process.js";
import coreStorageConcat from "./core/storage/concat.js";
import coreStorageDeduplicateItems from "./core/storage/deduplicate-items.js";
import coreStorageDelete from "./core/storage/delete.js";
import coreStorageFilterItems from "./core/storage/filter-items.js";
import coreStorageLocalFiles from "./core/storage/local-files.js";
import coreStoragePurgeCurrentExecutionFiles from "./core/storage/purge-current-execution-files.js";
import coreStorageReverse from "./core/storage/reverse.js";
import coreStorageSize from "./core/storage/size.js";
import coreStorageSplit from "./core/storage/split.js";
import coreTriggerFlow from "./core/trigger/flow.js";
import coreTriggerSchedule from "./core/trigger/schedule.js";
import coreTriggerScheduleOnDates from "./core/trigger/schedule-on-dates.js";
import coreTriggerToggle from "./core/trigger/toggle.js";
import coreTriggerWebhook from "./core/trigger/webhook.js";
import scriptsNodeCommands from "./scripts/node/commands.js";
import scriptsNodeScript from "./scripts/node/script.js";
import scriptsPythonCommands from "./scripts/python/commands.js";
import scriptsPythonScript from "./scripts/python/script.js";
import scriptsRunnerDockerDocker from "./scripts/runner/docker/docker.js";
import scriptsShellCommands from "./scripts/shell/commands.js";
import scriptsShellScript from "./scripts/shell/script.js";

export const plugins: readonly PluginDefinition[] = [
  coreConditionDateTimeBetween,
  coreConditionDayWeek,
  coreConditionDayWeekInMonth,
  coreConditionExecutionFlow,
  coreConditionExecutionLabels,
  coreConditionExecutionNamespace,
  coreConditionExecutionOutputs,
  coreConditionExecutionStatus,
  coreConditionExpression,
  coreConditionFlowCondition,
  coreConditionFlowNamespaceCondition,
  coreConditionHasRetryAttempt,
  coreConditionMultipleCondition,
  coreConditionNot,
  coreConditionOr,
  coreConditionPublicHoliday,
  coreConditionTimeBetween,
  coreConditionWeekend,
  coreDebugEcho,
  coreDebugReturn,
  coreExecutionAssert,
  coreExecutionCount,
  coreExecutionExit,
  coreExecutionFail,
  coreExecutionLabels,
  coreExecutionPurgeExecutions,
  coreExecutionResume,
  coreFlowAllowFailure,
  coreFlowDag,
  coreFlowEachParallel,
  coreFlowEachSequential,
  coreFlowForEach,
  coreFlowForEachItem,
  coreFlowIf,
  coreFlowLoopUntil,
  coreFlowParallel,
  coreFlowPause,
  coreFlowSequential,
  coreFlowSleep,
  coreFlowSubflow,
  coreFlowSwitch,
  coreFlowWorkingDirectory,
  coreHttpDownload,
  coreHttpRequest,
  coreKvDelete,
  coreKvGet,
  coreKvGetKeys,
  coreKvSet,
  coreLogFetch,
  coreLogLog,
  coreLogPurgeLogs,
  coreNamespaceDeleteFiles,
  coreNamespaceDownloadFiles,
  coreNamespaceUploadFiles,
  coreOutputOutputValues,
  coreRunnerProcess,
  coreStorageConcat,
  coreStorageDeduplicateItems,
  coreStorageDelete,
  coreStorageFilterItems,
  coreStorageLocalFiles,
  coreStoragePurgeCurrentExecutionFiles,
  coreStorageReverse,
  coreStorageSize,
  coreStorageSplit,
  coreTriggerFlow,
  coreTriggerSchedule,
  coreTriggerScheduleOnDates,
  coreTriggerToggle,
  coreTriggerWebhook,
  scriptsNodeCommands,
  scriptsNodeScript,
  scriptsPythonCommands,
  scriptsPythonScript,
  scriptsRunnerDockerDocker,
  scriptsShellCommands,
  scriptsShellScript,
];

export const registry = createRegistry(plugins);
