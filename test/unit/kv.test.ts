/** The KV tasks and the kv() function on the local host, over the memory and libSQL stores. */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import { createApp } from "../../src/api/app.js";
import type { Execution } from "../../src/executor/model.js";
import { fakeClock } from "../../src/local/clock.js";
import { type KvStore, memoryKvStore } from "../../src/storage/kv-store.js";
import { createSqlKvStore } from "../../src/storage/sql/kv-repository.js";
import { flowOf, localHost } from "../support/flows.js";
import { migratedLibsql } from "../support/libsql.js";

const outputsOf = (execution: Execution, taskId: string) =>
  execution.taskRunList.find((run) => run.taskId === taskId)?.outputs;
const stateOf = (execution: Execution, taskId: string) =>
  execution.taskRunList.find((run) => run.taskId === taskId)?.state.current;

const roundTrip = flowOf(`id: kv
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.kv.Set
    key: "{{ 'my' ~ '_key' }}"
    value: "{{ {'a': 1, 'when': '2024-01-02'} }}"
    kvDescription: a map
  - id: number
    type: io.kestra.plugin.core.kv.Set
    key: count
    value: "41"
    kvType: NUMBER
  - id: other
    type: io.kestra.plugin.core.kv.Set
    namespace: company.other
    key: elsewhere
    value: far
  - id: get
    type: io.kestra.plugin.core.kv.Get
    key: my_key
  - id: fn
    type: io.kestra.plugin.core.debug.Return
    format: "{{ kv('count') + 1 }} {{ kv('my_key').a }} {{ kv('elsewhere', 'company.other') }}"
  - id: keys
    type: io.kestra.plugin.core.kv.GetKeys
  - id: prefixed
    type: io.kestra.plugin.core.kv.GetKeys
    prefix: my
  - id: delete
    type: io.kestra.plugin.core.kv.Delete
    key: my_key
  - id: again
    type: io.kestra.plugin.core.kv.Delete
    key: my_key
  - id: missing
    type: io.kestra.plugin.core.kv.Get
    key: my_key
`);

async function sqlStore(now: () => Date): Promise<KvStore> {
  return createSqlKvStore(await migratedLibsql(), { now });
}

describe.each([
  ["memory", async (now: () => Date) => memoryKvStore({ now })],
  ["libSQL", sqlStore],
])("KV tasks on the local host (%s)", (_name, makeStore) => {
  it("sets, gets, lists and deletes typed values, and kv() reads them", async () => {
    const clock = fakeClock();
    const kv = await makeStore(() => clock.now());
    const { execution } = await localHost({ clock, kv }).run(roundTrip);
    expect(execution.state.current).toBe("SUCCESS");
    expect(outputsOf(execution, "get")).toEqual({ value: { a: 1, when: "2024-01-02" } });
    expect(outputsOf(execution, "fn")).toEqual({ value: "42 1 far" });
    expect(outputsOf(execution, "keys")).toEqual({ keys: ["count", "my_key"] });
    expect(outputsOf(execution, "prefixed")).toEqual({ keys: ["my_key"] });
    expect(outputsOf(execution, "delete")).toEqual({ deleted: true });
    expect(outputsOf(execution, "again")).toEqual({ deleted: false });
    // Kestra omits a null output: the missing key gives no `value`.
    expect(outputsOf(execution, "missing")).toEqual({});
    expect(await kv.get("company.team", "count")).toEqual({ type: "NUMBER", value: 41 });
    expect(await kv.list("company.team")).toEqual([
      { key: "count", creationDate: "2024-01-02T03:04:05.123Z", updateDate: "2024-01-02T03:04:05.123Z" },
    ]);
  });
});

describe("KV on the local host", () => {
  it("expires a value after its TTL: the task and kv() fail with Kestra's message", async () => {
    const clock = fakeClock();
    const kv = memoryKvStore({ now: () => clock.now() });
    const host = localHost({ clock, kv });
    const set = flowOf(`id: set
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.kv.Set
    key: token
    value: abc
    ttl: PT1M
`);
    const read = flowOf(`id: read
namespace: company.team
tasks:
  - id: get
    type: io.kestra.plugin.core.kv.Get
    key: token
  - id: fn
    type: io.kestra.plugin.core.debug.Return
    format: "{{ kv('token', errorOnMissing=false) ?? 'gone' }}"
`);
    expect((await host.run(set)).execution.state.current).toBe("SUCCESS");
    expect(outputsOf((await host.run(read)).execution, "get")).toEqual({ value: "abc" });
    expect((await kv.list("company.team")).map((entry) => entry.expirationDate)).toEqual(["2024-01-02T03:05:05.123Z"]);
    clock.advanceTo?.(clock.now().getTime() + 61_000);
    expect(await kv.list("company.team")).toEqual([]);
    const { execution, logs } = await host.run(read);
    expect(stateOf(execution, "get")).toBe("FAILED");
    expect(logs.map((line) => line.message)).toContain("The requested value has expired");
    // Read (and deleted) by the task: kv() then finds nothing.
    expect(await kv.get("company.team", "token")).toBeUndefined();
  });

  it("fails as Kestra does: overwrite=false, errorOnMissing, a bad key, a bad kvType value", async () => {
    const kv = memoryKvStore();
    await kv.put("company.team", "taken", "v");
    const { execution, logs } = await localHost({ kv }).run(
      flowOf(`id: bad
namespace: company.team
tasks:
  - id: parallel
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: overwrite
        type: io.kestra.plugin.core.kv.Set
        key: taken
        value: w
        overwrite: false
      - id: missingGet
        type: io.kestra.plugin.core.kv.Get
        key: nothing
        errorOnMissing: true
      - id: missingDelete
        type: io.kestra.plugin.core.kv.Delete
        key: nothing
        errorOnMissing: true
      - id: badKey
        type: io.kestra.plugin.core.kv.Set
        key: "{{ 'bad key' }}"
        value: v
      - id: badNumber
        type: io.kestra.plugin.core.kv.Set
        key: n
        value: twelve
        kvType: NUMBER
      - id: fnMissing
        type: io.kestra.plugin.core.debug.Return
        format: "{{ kv('nothing') }}"
`),
    );
    const errors = (taskId: string) =>
      logs.filter((line) => line.taskId === taskId && line.level === "ERROR").map((line) => line.message);
    for (const id of ["overwrite", "missingGet", "missingDelete", "badKey", "badNumber", "fnMissing"]) {
      expect(stateOf(execution, id), id).toBe("FAILED");
    }
    expect(errors("overwrite")).toContain(
      "Cannot set value for key 'taken'. Key already exists and `overwrite` is set to `false`.",
    );
    expect(errors("missingGet")).toContain(
      "No value found for key 'nothing' in namespace 'company.team' and `errorOnMissing` is set to true",
    );
    expect(errors("missingDelete")).toContain(
      "No value found for key 'nothing' in namespace 'company.team' and `errorOnMissing` is set to true",
    );
    expect(errors("badKey").join()).toContain("Key must start with an alphanumeric character");
    expect(errors("badNumber").join()).toContain("Cannot convert 'twelve' to NUMBER");
    expect(errors("fnMissing").join()).toContain("The key 'nothing' does not exist in the namespace 'company.team'.");
    expect((await kv.get("company.team", "taken"))?.value).toBe("v");
  });

  it("stores typed values a Kestra user can read back with their type", async () => {
    const kv = memoryKvStore();
    const { execution } = await localHost({ kv }).run(
      flowOf(`id: typed
namespace: company.team
tasks:
  - id: when
    type: io.kestra.plugin.core.kv.Set
    key: when
    value: "2024-01-02T03:04:05Z"
    kvType: DATETIME
  - id: wait
    type: io.kestra.plugin.core.kv.Set
    key: wait
    value: PT5M
    kvType: DURATION
  - id: flag
    type: io.kestra.plugin.core.kv.Set
    key: flag
    value: "true"
    kvType: BOOLEAN
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ kv('when') | date('yyyy') }} {{ kv('wait') }} {{ kv('flag') ? 'yes' : 'no' }}"
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    expect(await kv.get("company.team", "when")).toEqual({
      type: "DATETIME",
      value: Temporal.Instant.from("2024-01-02T03:04:05Z"),
    });
    expect((await kv.get("company.team", "wait"))?.type).toBe("DURATION");
    expect(outputsOf(execution, "read")).toEqual({ value: "2024 PT5M yes" });
  });
});

describe("KV API on the portable app", () => {
  it("answers Kestra's shapes and statuses over any KvStore", async () => {
    let now = Date.UTC(2024, 0, 2);
    const kv = memoryKvStore({ now: () => new Date(now) });
    const app = createApp({ registry, version: "test", auth: { open: true }, flows: undefined as never, kv });
    const KV = "http://localhost/api/v1/main/namespaces/company.team/kv";
    const put = await app.request(`${KV}/n`, {
      method: "PUT",
      headers: { "content-type": "application/json", ttl: "PT1M", description: "a number" },
      body: "1.0",
    });
    expect(put.status).toBe(200);
    expect(await (await app.request(`${KV}/n`)).text()).toBe('{"type":"NUMBER","value":1.0}');
    expect(await (await app.request(KV)).json()).toEqual([
      {
        key: "n",
        description: "a number",
        creationDate: "2024-01-02T00:00:00.000Z",
        updateDate: "2024-01-02T00:00:00.000Z",
        expirationDate: "2024-01-02T00:01:00.000Z",
      },
    ]);
    expect((await app.request(`${KV}/bad$key`)).status).toBe(422);
    expect((await app.request(`${KV}/none`)).status).toBe(404);
    const xml = await app.request(`${KV}/x`, {
      method: "PUT",
      headers: { "content-type": "application/xml" },
      body: "<a/>",
    });
    expect(xml.status).toBe(415);
    now += 61_000;
    const expired = await app.request(`${KV}/n`);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ message: "Resource has expired: The requested value has expired" });
    expect((await app.request(`${KV}/n`)).status).toBe(404);
  });
});
