/**
 * The explicit list of plugins shipped with Tern. A plugin file that is not listed here
 * does not exist for the product (a test checks that every file under plugins/ is).
 */
import type { PluginDefinition } from "../src/plugin/define.js";
import { createRegistry } from "../src/plugin/registry.js";
import flowSequential from "./core/flow/sequential.js";
import log from "./core/log/log.js";

export const plugins: readonly PluginDefinition[] = [log, flowSequential];

export const registry = createRegistry(plugins);
