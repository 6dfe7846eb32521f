/**
 * Kestra's Pebble dialect: createEngine() gives an engine with every filter, function and
 * test Tern implements (src/expression/builtins.ts is the explicit list).
 */
import { builtinFilters, builtinFunctions, builtinTests } from "./builtins.js";
import { type EngineOptions, ExpressionEngine } from "./engine.js";

export { type EngineOptions, ExpressionEngine, type RenderOptions } from "./engine.js";
export { ExpressionError } from "./errors.js";
export type { CallContext, FilterDefinition, FunctionDefinition, RenderStores, TestDefinition } from "./extension.js";

export function createEngine(options: Omit<EngineOptions, "filters" | "functions" | "tests"> = {}): ExpressionEngine {
  return new ExpressionEngine({
    ...options,
    filters: builtinFilters,
    functions: builtinFunctions,
    tests: builtinTests,
  });
}
