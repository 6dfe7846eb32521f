/**
 * The parsed flow: what every host and the executor work from. Types are canonical,
 * pluginDefaults are applied, older spellings are renamed, labels are a list, and
 * defaults of every property are filled in.
 */
import type { InputDeclaration } from "./schema/inputs.js";
import type { Retry } from "./schema/retry.js";

export interface Label {
  readonly key: string;
  readonly value: string;
}

/** Any plugin instance: its canonical type, its id (conditions and task runners have none) and its properties. */
export interface PluginInstance {
  readonly type: string;
  readonly [property: string]: unknown;
}

export interface Task extends PluginInstance {
  readonly id: string;
  readonly disabled: boolean;
  readonly allowFailure: boolean;
  readonly allowWarning: boolean;
  readonly logToFile: boolean;
  readonly description?: string;
  readonly retry?: Retry;
  readonly timeout?: string;
  readonly runIf?: string | boolean;
  readonly logLevel?: string;
}

export interface Trigger extends PluginInstance {
  readonly id: string;
  readonly disabled: boolean;
  readonly conditions?: readonly PluginInstance[];
}

export interface FlowOutput {
  readonly id: string;
  readonly type: string;
  readonly value: unknown;
  readonly description?: string;
  readonly displayName?: string;
  readonly required?: boolean;
}

export interface Listener {
  readonly description?: string;
  readonly conditions?: readonly PluginInstance[];
  readonly tasks: readonly Task[];
}

export interface Flow {
  readonly id: string;
  readonly namespace: string;
  readonly revision?: number;
  readonly description?: string;
  readonly labels?: readonly Label[];
  readonly inputs?: readonly InputDeclaration[];
  readonly outputs?: readonly FlowOutput[];
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly tasks: readonly Task[];
  readonly errors?: readonly Task[];
  readonly finally?: readonly Task[];
  readonly afterExecution?: readonly Task[];
  readonly listeners?: readonly Listener[];
  readonly triggers?: readonly Trigger[];
  readonly pluginDefaults?: readonly { type: string; forced: boolean; values: Record<string, unknown> }[];
  readonly concurrency?: { readonly limit: number; readonly behavior: "QUEUE" | "CANCEL" | "FAIL" };
  readonly retry?: Retry;
  readonly disabled: boolean;
  readonly deleted: boolean;
  readonly sla?: readonly Record<string, unknown>[];
  readonly checks?: readonly Record<string, unknown>[];
}
