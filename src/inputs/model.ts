/**
 * What input resolution works with: the services it needs (dependency injection, no globals),
 * the per-input result Kestra calls InputAndValue, and the errors it reports.
 */
import type { ExpressionEngine, RenderOptions } from "../expression/engine.js";
import type { InputDeclaration, InputType } from "../flow/schema/inputs.js";

export type { InputDeclaration, InputType };

/** Internal storage as FILE inputs need it. */
export interface InputFileStore {
  /**
   * Stores a file at an internal-storage path (`/<namespace/as/path>/<flow>/executions/<id>/inputs/<input>/<file>`)
   * and resolves to its URI (`kestra:///…`).
   */
  put(path: string, content: Uint8Array | ReadableStream<Uint8Array>): Promise<string>;
}

/** The execution the inputs are resolved for (FILE inputs are stored under it). */
export interface InputExecution {
  readonly id: string;
  readonly namespace: string;
  readonly flowId: string;
}

export interface InputDeps {
  readonly engine: ExpressionEngine;
  /**
   * Variables available when rendering `defaults`, `dependsOn.condition` and SELECT/MULTISELECT
   * `expression` (flow, envs, globals...). `inputs` is replaced by the input's dependencies.
   */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly renderOptions?: RenderOptions;
  readonly execution: InputExecution;
  /** Where uploaded and local files go; needed only when a file is stored. */
  readonly files?: InputFileStore;
  /**
   * Reads a host file, for a FILE value that is a local path rather than a `kestra://`,
   * `nsfile://` or `file://` URI (Kestra uploads it). Undefined when the file does not exist.
   */
  readonly readLocalFile?: (path: string) => Promise<Uint8Array | undefined>;
  /** Kestra's EncryptionService with `kestra.encryption.secret-key`; SECRET inputs fail without it. */
  readonly encryptSecret?: (plaintext: string) => string | Promise<string>;
}

/** One input after resolution (Kestra's InputAndValue). */
export interface ResolvedInput {
  /** The declaration, with SELECT/MULTISELECT `values` rendered from `expression`. */
  readonly input: InputDeclaration;
  /** The typed value; the value as provided when the input is disabled or invalid. */
  readonly value: unknown;
  readonly enabled: boolean;
  /** Whether the value came from `defaults`. */
  readonly isDefault: boolean;
  /** Constraint-violation messages (at most one, as in Kestra 1.0/1.1). */
  readonly errors: readonly string[];
}

/** A problem that stops an execution from being created. */
export interface InputError {
  /** The input id: the violation's property path. Empty for a conflict between ids. */
  readonly input: string;
  /** `Invalid input for \`id\`, <reason>, but received \`<value>\``, or Kestra's unwrapped message. */
  readonly message: string;
  /**
   * `violation`: a ConstraintViolationException (HTTP 422 "Invalid entity: …");
   * `illegal-argument`: nested ids that collide (`a` and `a.b`), HTTP 422 "Illegal argument: …".
   */
  readonly kind: "violation" | "illegal-argument";
}
