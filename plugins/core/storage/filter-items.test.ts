import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { ionLine } from "../../../src/storage/ion.js";
import { flowOf, localHost } from "../../../test/support/flows.js";
import { putText, testTask, textOf } from "../../../test/support/task-context.js";
import plugin from "./filter-items.js";

describe("storage.FilterItems", () => {
  it("includes matches and fails on errors by default", () => {
    expect(
      plugin.properties.parse({ from: "{{ outputs.x.uri }}", filterCondition: "{{ (product_id | number) == 20 }}" }),
    ).toEqual({
      from: "{{ outputs.x.uri }}",
      filterCondition: "{{ (product_id | number) == 20 }}",
      filterType: "INCLUDE",
      errorOrNullBehavior: "FAIL",
    });
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.FilterItems");
  });

  it("checks the enums and required properties", () => {
    const base = { from: "kestra:///f", filterCondition: "{{ true }}" };
    expect(
      plugin.properties.safeParse({ ...base, filterType: "EXCLUDE", errorOrNullBehavior: "INCLUDE" }).success,
    ).toBe(true);
    expect(plugin.properties.safeParse({ ...base, filterType: "FAIL" }).success).toBe(false);
    expect(plugin.properties.safeParse({ from: "kestra:///f" }).success).toBe(false);
  });
});

const VALID = [
  { key: "k1", value: 1 },
  { key: "k2", value: 2 },
  { key: "k3", value: 3 },
  { key: "k4", value: 4 },
];
const INVALID = [
  { key: "k1", value: 1 },
  { key: "k2", value: "dummy" },
  { key: "k3", value: 3 },
  { key: "k4", value: 4 },
];

async function filter(items: readonly unknown[], properties: Record<string, unknown>) {
  const store = new MemoryBlobStore();
  const from = await putText(store, "items.ion", items.map(ionLine).join(""));
  const outputs = await testTask(plugin, { from, ...properties }, { store }).outputs<{
    uri: string;
    processedItemsTotal: number;
    droppedItemsTotal: number;
  }>();
  return { ...outputs, text: await textOf(store, outputs.uri) };
}

describe("storage.FilterItems run (Kestra's FilterItemsTest)", () => {
  const condition = " {{ value % 2 == 0 }} ";

  it("keeps the items whose condition is truthy with INCLUDE, writing their lines as they were", async () => {
    const result = await filter(VALID, { filterCondition: condition });
    expect(result).toMatchObject({ processedItemsTotal: 4, droppedItemsTotal: 2 });
    expect(result.uri).toMatch(/\/f1\.ion$/);
    expect(result.text).toBe('{key:"k2",value:2}\n{key:"k4",value:4}\n');
  });

  it("drops them with EXCLUDE", async () => {
    const result = await filter(VALID, { filterCondition: condition, filterType: "EXCLUDE" });
    expect(result).toMatchObject({ processedItemsTotal: 4, droppedItemsTotal: 2 });
    expect(result.text).toBe('{key:"k1",value:1}\n{key:"k3",value:3}\n');
  });

  it("fails on a condition that cannot be evaluated, unless told to include or exclude such items", async () => {
    await expect(filter(INVALID, { filterCondition: condition })).rejects.toThrow();
    const included = await filter(INVALID, { filterCondition: condition, errorOrNullBehavior: "INCLUDE" });
    expect(included).toMatchObject({ processedItemsTotal: 4, droppedItemsTotal: 2 });
    expect(included.text).toBe('{key:"k2",value:"dummy"}\n{key:"k4",value:4}\n');
    const excluded = await filter(INVALID, { filterCondition: condition, errorOrNullBehavior: "EXCLUDE" });
    expect(excluded).toMatchObject({ processedItemsTotal: 4, droppedItemsTotal: 3 });
    expect(excluded.text).toBe('{key:"k4",value:4}\n');
  });

  it("reads 0, -0, false and blank as false", async () => {
    const items = [{ v: "0" }, { v: "-0" }, { v: "false" }, { v: " " }, { v: "no" }, { v: 1.5 }];
    expect((await filter(items, { filterCondition: "{{ v }}" })).text).toBe('{v:"no"}\n{v:1.5e0}\n');
  });

  it("sees the run's variables beside the item's fields, the fields first", async () => {
    const store = new MemoryBlobStore();
    const from = await putText(store, "items.ion", VALID.map(ionLine).join(""));
    const variables = { threshold: 2, key: "shadowed" };
    const task = testTask(
      plugin,
      { from, filterCondition: "{{ value > threshold and key != 'k4' }}" },
      { store, variables },
    );
    const { uri } = await task.outputs<{ uri: string }>();
    expect(await textOf(store, uri)).toBe('{key:"k3",value:3}\n');
  });

  it("filters on the local host, each item's fields rendered over the run's variables", async () => {
    const host = localHost();
    const flow = flowOf(`id: filter
namespace: company.team
inputs:
  - id: threshold
    type: INT
    defaults: 1
tasks:
  - id: dir
    type: io.kestra.plugin.core.flow.WorkingDirectory
    tasks:
      - id: files
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          items.ion: |
            {key:"k1",value:1}
            {key:"k2",value:2}
            {key:"k3",value:3}
        outputs:
          - items.ion
  - id: filter
    type: io.kestra.plugin.core.storage.FilterItems
    from: "{{ outputs.files.uris['items.ion'] }}"
    filterCondition: "{{ value > inputs.threshold }}"
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(outputs.filter.uri) }}"
`);
    const { execution } = await host.run(flow);
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList.find((run) => run.taskId === "read")?.outputs).toEqual({
      value: '{key:"k2",value:2}\n{key:"k3",value:3}\n',
    });
  });

  it("fails naming the line that is not an Ion struct", async () => {
    const store = new MemoryBlobStore();
    const from = await putText(store, "items.ion", "{a:1}\n[1,2]\n");
    await expect(testTask(plugin, { from, filterCondition: "{{ a }}" }, { store }).run()).rejects.toThrow(
      "Unable to read the item on line 2: '[1,2]' is not an Ion struct",
    );
  });
});
