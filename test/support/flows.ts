/** Flows and local hosts for tests: the product's plugins, a fake clock, ids that count. */
import { registry as productRegistry } from "../../plugins/index.js";
import { createEngine } from "../../src/expression/index.js";
import { describeIssue, type Flow, parseFlow } from "../../src/flow/index.js";
import { fakeClock } from "../../src/local/clock.js";
import { LocalHost, type LocalHostOptions } from "../../src/local/host.js";
import type { PluginRegistry } from "../../src/plugin/registry.js";
import { sequentialIds } from "../../src/util/ids.js";

/** A flow from YAML, or the test fails with the flow's problems. */
export function flowOf(source: string, registry: PluginRegistry = productRegistry): Flow {
  const parsed = parseFlow(source, { registry });
  if (!parsed.ok) throw new Error(parsed.issues.map(describeIssue).join("\n"));
  return parsed.flow;
}

/** A local host with a fake clock (starting 2024-01-02T03:04:05.123Z), ids `r1`, `r2`... and no randomness. */
export function localHost(options: Partial<LocalHostOptions> = {}): LocalHost {
  return new LocalHost({
    registry: productRegistry,
    engine: createEngine(),
    clock: fakeClock(),
    ids: sequentialIds("r"),
    random: () => 0,
    ...options,
  });
}
