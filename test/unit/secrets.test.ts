/** secret() on the local host: Kestra's SECRET_* convention, the missing-secret failure, and masking in logs and errors. */
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { secretStore, secretsFromEnv } from "../../src/storage/secrets.js";
import { flowOf, localHost } from "../support/flows.js";

const outputsOf = (execution: Execution, taskId: string) =>
  execution.taskRunList.find((run) => run.taskId === taskId)?.outputs;

describe("secrets on the local host", () => {
  it("reads SECRET_* values and masks them in every log line and error of the execution", async () => {
    const secrets = secretsFromEnv({ SECRET_API_TOKEN: btoa("tok-123456"), SECRET_JSON: btoa('{"user":"u-987"}') });
    const { execution, logs } = await localHost({ secrets }).run(
      flowOf(`id: secrets
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('api_token') }}"
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "token={{ secret('API_TOKEN') }} user={{ secret('json', subkey='user') }}"
  - id: other
    type: io.kestra.plugin.core.log.Log
    message: "from an output: {{ outputs.read.value }}"
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: "failed with {{ secret('api_token') }}"
`),
    );
    // As in Kestra, the output keeps the value; only logs and errors are masked.
    expect(outputsOf(execution, "read")).toEqual({ value: "tok-123456" });
    const messages = logs.map((line) => `${line.taskId}: ${line.message}`);
    expect(messages).toContain("log: token=****** user=******");
    expect(messages).toContain("other: from an output: ******");
    expect(messages.some((m) => m.startsWith("fail: ") && m.includes("failed with ******"))).toBe(true);
    expect(messages.join("\n")).not.toContain("tok-123456");
    expect(messages.join("\n")).not.toContain("u-987");
    expect(execution.state.current).toBe("FAILED");
  });

  it("fails the task naming a missing secret", async () => {
    const { execution, logs } = await localHost({ secrets: secretStore({}) }).run(
      flowOf(`id: missing
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('nope') }}"
`),
    );
    expect(execution.taskRunList[0]?.state.current).toBe("FAILED");
    expect(logs.map((line) => line.message).join("\n")).toContain("Cannot find secret for key 'nope'.");
  });
});
