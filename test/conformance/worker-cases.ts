/**
 * The Kestra cases that also run through the Worker API, inside workerd
 * (test/workers/conformance.test.ts): a representative set, one line per case with why it is
 * there. vitest.config.ts reads their YAML (and their flows) on the Node side and hands them to
 * workerd as the KESTRA_CASES binding, since workerd reads no files. Pure data: imported by
 * both sides.
 *
 * Left out, for now:
 * - SECRET inputs and encrypted outputs: the Worker has no `kestra.encryption.secret-key`
 *   binding (workers/env.ts), and the encrypted-string cases need Kestra's test-only Encrypted task.
 * - cases of Kestra's test-only task types (the Worker registry has only plugins/index.ts).
 * - `inputsMode: raw` cases whose inputs validation changes (a boolean for a STRING input, JSON
 *   text for a JSON input): the API always validates. The raw cases listed keep their inputs
 *   unchanged through validation, which the test checks.
 * - a resume whose case expects the resumed execution (`expectAfterAction`): the API answers 204.
 * - restart-with-new-revision: it edits the flow between runs (prose the Node harness turns into
 *   an edit); the Worker API's restart and replay on a revision are tested in executions.test.ts.
 */

export interface WorkerCase {
  readonly id: string;
  /** What the case covers: why it is in the set. */
  readonly why: string;
  /**
   * The execution waits on timers while it runs (retries, Sleep, timeouts, a scheduleDate), so
   * `wait=true` would answer only once they went off by themselves: it is created without it,
   * and the test fires its object's alarm until it ends. (A Pause answers `wait=true` PAUSED;
   * its delay then fires the same way.)
   */
  readonly alarms?: true;
}

export const WORKER_CASES: readonly WorkerCase[] = [
  // Sequential, parallel, DAG
  { id: "full", why: "Return, Parallel and Log together: a plain flow end to end" },
  { id: "sequential-local-errors", why: "a Sequential's own errors branch" },
  { id: "logs-levels", why: "log lines at every level, read back from GET /logs" },
  { id: "parallel-simple", why: "Parallel with concurrency, task runs dispatched together by the object" },
  { id: "parallel-nested", why: "Parallel inside Parallel inside Sequential" },
  { id: "dag-simple", why: "Dag dependencies" },
  // Each / ForEach
  { id: "each-parallel-nested", why: "EachParallel in a Sequential: iteration values on task runs" },
  { id: "each-sequential-nested", why: "nested EachSequential: outputs keyed by the chain of values" },
  { id: "each-object-list", why: "ForEach over objects with a Switch inside" },
  { id: "foreach-concurrent-2", why: "ForEach concurrencyLimit" },
  { id: "foreach-current-each-output", why: "currentEachOutput() and outputs nested by iteration values" },
  // If / Switch (raw in Kestra's tests: their inputs come through validation unchanged, which the test checks)
  { id: "switch-first", why: "Switch on a STRING input (raw case; validation keeps the input)" },
  { id: "switch-third-local-errors", why: "a Switch case's local errors branch (raw case)" },
  { id: "switch-fail-no-matching-case", why: "Switch with no matching case and no defaults FAILS (raw case)" },
  { id: "if-condition-string-true", why: "If on a STRING condition (raw case)" },
  { id: "flowable-bad-condition-nested-foreach", why: "an If whose condition fails to render, inside ForEach" },
  // Retries: alarms fired by the test
  { id: "retry-exponential", why: "exponential retry, each attempt after an alarm", alarms: true },
  {
    id: "retry-on-flowable-applies-to-child",
    why: "a retry declared on a flowable applies to its child",
    alarms: true,
  },
  {
    id: "retry-blocks-following-tasks",
    why: "retries hold back the next task; errors run after the last",
    alarms: true,
  },
  { id: "retry-foreach-parallel-children", why: "retries of ForEach children running in parallel", alarms: true },
  // Pause, resume, kill
  { id: "pause-delay", why: "wait=true answers PAUSED; the Pause's delay resumes it on an alarm" },
  { id: "pause-on-resume-inputs", why: "resume with multipart onResume inputs, a FILE stored in R2" },
  { id: "pause-on-resume-missing-required", why: "resume refused: a required onResume input is missing" },
  { id: "pause-manual-resume", why: "resume by marking the Pause task run RUNNING (POST /state)" },
  { id: "pause-resume-api", why: "POST /resume answers 204 and the execution goes on" },
  { id: "pause-kill-api", why: "kill a PAUSED execution (202)" },
  { id: "kill-running-sleep", why: "kill while a Sleep runs: KILLING then KILLED", alarms: true },
  // Restart, replay, mark-as, change-status
  { id: "restart-last-failed", why: "restart keeps the execution and task run ids, a new attempt" },
  { id: "restart-global-errors", why: "restart drops the errors branch's task runs, which run again" },
  { id: "restart-pause-last-failed", why: "restart of a failed Pause: back to RUNNING, not paused again" },
  { id: "replay-from-task", why: "replay from a task run: a new execution with parentId" },
  { id: "replay-each-sequential", why: "replay from a task run inside EachSequential" },
  { id: "markas-each-parallel", why: "mark-as in EachParallel: ancestors RUNNING, execution RESTARTED" },
  { id: "change-status-api", why: "change-status of a terminated execution" },
  // Errors, allowFailure, runIf, labels, outputs
  { id: "errors-global", why: "flow-level errors branch with nested Parallels and errorLogs()" },
  { id: "disabled-in-errors", why: "a disabled task in errors leaves no task run" },
  { id: "task-allowfailure-flowable", why: "allowFailure on a flowable: WARNING, the next task runs" },
  { id: "task-allowwarning-runnable", why: "allowFailure with allowWarning: SUCCESS" },
  { id: "allowfailure-flowable-crash", why: "allowFailure, Switch and errors at several levels, validated input" },
  { id: "task-runif", why: "runIf false SKIPPED, a runIf that fails to render FAILED" },
  { id: "labels-task-no-previous-labels", why: "the Labels task on an execution without labels" },
  { id: "flow-outputs-string", why: "flow outputs" },
  { id: "flow-outputs-array", why: "flow outputs of an ARRAY type" },
  { id: "inputs-small-file-output", why: "a FILE input uploaded through the API (Worker only: inputsMode api)" },
  // Timers
  { id: "timeout-runnable", why: "a task timeout fires before its Sleep (inline flow)", alarms: true },
  { id: "sleep-task", why: "Sleep on an alarm", alarms: true },
  { id: "waitfor-condition-met", why: "WaitFor (LoopUntil) ends once its condition holds" },
  { id: "waitfor-max-iterations-fail", why: "WaitFor iterations on interval alarms, failOnMaxReached", alarms: true },
  { id: "schedule-date", why: "scheduleDate: CREATED until its alarm", alarms: true },
  { id: "sla-max-duration-fail", why: "an SLA maxDuration fails the execution on its alarm", alarms: true },
  { id: "retry-failed-task-duration", why: "retry maxDuration measured across alarms fired early", alarms: true },
  // Typed inputs through RPC and storage
  { id: "pause-delay-from-input", why: "a DURATION input default drives the Pause delay", alarms: true },
  { id: "replay-with-inputs-from-task", why: "FLOAT and DATETIME inputs kept by a replay" },
  { id: "restart-no-failed-task", why: "restart refused without a failed task run; FLOAT input" },
  // Child executions: each in its own object
  { id: "subflow-wait-success", why: "Subflow in its own object: outputs back to the parent" },
  { id: "subflow-wait-failed", why: "a failed child fails the Subflow (transmitFailed)" },
  { id: "subflow-correlation-id", why: "the correlation id label passed to the child" },
  { id: "subflow-labels-not-inherited-by-default", why: "labels not inherited unless asked" },
  { id: "subflow-outputs-render-error", why: "deprecated Subflow outputs rendered on the child's side" },
  { id: "task-allowfailure-subflow", why: "allowFailure on a Subflow whose child fails" },
  { id: "foreachitem-subflows", why: "ForEachItem: one child object per batch" },
  { id: "foreachitem-subflow-outputs", why: "batch flow outputs merged through R2" },
  { id: "foreachitem-subflows-failed", why: "a failed batch fails the ForEachItem" },
  { id: "foreachitem-no-wait", why: "ForEachItem without wait" },
  // WorkingDirectory in the object's memory
  { id: "workingdir-success", why: "WorkingDirectory tasks share a directory" },
  { id: "workingdir-input-files", why: "WorkingDirectory inputFiles" },
  { id: "workingdir-output-files", why: "WorkingDirectory outputFiles uploaded to R2" },
  { id: "restart-workingdir", why: "restart of a failed WorkingDirectory" },
  // Executions created by the runtime
  { id: "retry-new-execution-task-attempts", why: "CREATE_NEW_EXECUTION: each attempt in a new object", alarms: true },
  { id: "concurrency-fail", why: "the flow's FlowObject refuses an execution over the limit", alarms: true },
  { id: "concurrency-cancel", why: "concurrency CANCEL", alarms: true },
  { id: "concurrency-queue", why: "concurrency QUEUE: started when the slot is given back", alarms: true },
  // The data plane
  { id: "kv-function-get", why: "kv() reads a typed value seeded through the KV API (D1)" },
  { id: "log-fetch-all", why: "log Fetch of the execution's own lines into an R2 file", alarms: true },
  { id: "log-fetch-task-ids", why: "log Fetch of some tasks' lines", alarms: true },
];

/** A case that passes on the local host but fails through the Worker API: a bug in the Worker runtime. */
export interface WorkerBug extends WorkerCase {
  /** Text in the problems (or the error) that shows the bug: the test checks the case still fails that way. */
  readonly shows: string;
}

/**
 * Bugs found by running cases through the Worker API (the `why` says what is wrong). The test
 * checks each still fails with what `shows`; once fixed, it fails and says to move the case up.
 */
export const WORKER_BUGS: readonly WorkerBug[] = [];

/** What the binding carries: the YAML text of the cases above and of the flows they run. */
export interface WorkerCaseFiles {
  /** Where vitest.config.ts read them from (../shared/kestra). */
  readonly dir: string;
  /** Each case's YAML, by case id. */
  readonly cases: Readonly<Record<string, string>>;
  /** Each flow's YAML, by its path under flows/ (`valids/pause.yaml`). */
  readonly flows: Readonly<Record<string, string>>;
}

/** The section of docs/conformance.md that names the cases run through the Worker API (markdown). */
export function workerReport(): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    "## Also run through the Worker API",
    "",
    `\`npm run test:workers\` (test/workers/conformance.test.ts) runs ${WORKER_CASES.length} of these cases inside workerd`,
    "through the HTTP API only (deploy, create with multipart inputs, act, read the execution and its logs),",
    "and checks them with the same checker as above:",
    "",
    "| case | why it is in the set |",
    "|---|---|",
    ...WORKER_CASES.map((c) => `| ${c.id} | ${cell(c.why)} |`),
    "",
    ...(WORKER_BUGS.length === 0
      ? ["Every case of the set passes through the Worker API as on the local host.", ""]
      : [
          "These pass on the local host but not through the Worker API (bugs of the Worker runtime; the test",
          "checks they still fail that way, and fails once they pass):",
          "",
          "| case | bug |",
          "|---|---|",
          ...WORKER_BUGS.map((c) => `| ${c.id} | ${cell(c.why)} |`),
          "",
        ]),
  ].join("\n");
}
