/**
 * The jq engine behind Kestra's `jq` filter: the real jq (1.8, compiled to WebAssembly by
 * the `jq-wasm` package), loaded once per process, then called synchronously, as Pebble
 * filters are synchronous.
 *
 * Loading is asynchronous because WebAssembly instantiation is. Hosts call `initJq()` once
 * at startup:
 *   - Cloudflare Workers cannot compile WebAssembly from bytes at run time. There, pass the
 *     module wrangler compiled from `import jqWasm from "jq-wasm/jq.wasm"` (a CompiledWasm
 *     module), or call `initJq()` without argument: under the `workerd` export condition
 *     `jq-wasm` imports that same module itself.
 *   - Node and Deno: `initJq()` reads `jq.wasm` next to the package, or pass a module
 *     compiled from that file.
 *   - Browsers: `initJq()` fetches `jq.wasm` relative to the bundled module, or pass one.
 * Until then `runJq` throws; the `jq` filter falls back on `CallContext.await` to load it.
 */
import { type Jq, loadJq } from "jq-wasm";
import { messageOf } from "../util/errors.js";
import { ExpressionError } from "./errors.js";
import { parseJqOutput, toJqJson } from "./jq-json.js";

/** A loaded jq engine. `run` takes the input as JSON text and returns Tern values. */
export interface JqEngine {
  /** jq's version, e.g. `jq-1.8.2`. */
  readonly version: string;
  /** Runs `filter` over the JSON text `input`: every result, in order. Throws ExpressionError. */
  run(filter: string, input: string): unknown[];
}

/** jq flags: compact output, and `--` so that a filter starting with `-` is not read as an option. */
const FLAGS: readonly string[] = ["-c", "--"];

/** jq prefixes runtime errors with the input position, meaningless here (`/dev/stdin:0`). */
function jqMessage(stderr: string, exitCode: number): string {
  const message = stderr.replace(/^jq: error \(at [^)]*\)/gm, "jq: error").trim();
  return message === "" ? `jq stopped with exit status ${exitCode}` : message;
}

class WasmJqEngine implements JqEngine {
  broken = false;

  constructor(private readonly jq: Jq) {}

  get version(): string {
    return this.jq.version;
  }

  run(filter: string, input: string): unknown[] {
    let result: { stdout: string; stderr: string; exitCode: number };
    try {
      result = this.jq.raw(input, filter, [...FLAGS]);
    } catch (error) {
      // The WebAssembly instance aborted (out of memory, a trap): it cannot be used again.
      this.broken = true;
      const reason = messageOf(error);
      throw new ExpressionError("expression.error", `jq failed: ${reason}`);
    }
    // A non-zero status is an error even without a message (`halt_error` of an empty string);
    // stderr with status 0 is only `debug`/`stderr` output.
    if (result.exitCode !== 0) throw new ExpressionError("expression.error", jqMessage(result.stderr, result.exitCode));
    try {
      return parseJqOutput(result.stdout);
    } catch (error) {
      const reason = messageOf(error);
      throw new ExpressionError("expression.error", `Unreadable jq output: ${reason}`);
    }
  }
}

/**
 * Instantiates a new jq engine. With a `WebAssembly.Module` (the only option on Workers)
 * it instantiates that module; without, it loads `jq.wasm` the platform's way.
 */
export function createJqEngine(module?: WebAssembly.Module): Promise<JqEngine> {
  return instantiate(module);
}

async function instantiate(module: WebAssembly.Module | undefined): Promise<WasmJqEngine> {
  return new WasmJqEngine(await loadJq(module === undefined ? {} : { wasmModule: module }));
}

let engine: WasmJqEngine | undefined;
let loading: Promise<true> | undefined;

/**
 * Loads the shared engine once; later calls return the same promise (their module is
 * ignored once an engine is loaded). Resolves to true, for `CallContext.await`.
 */
export function initJq(module?: WebAssembly.Module): Promise<true> {
  if (engine && !engine.broken) return Promise.resolve(true);
  if (!loading) {
    loading = instantiate(module).then(
      (created) => {
        engine = created;
        loading = undefined;
        return true as const;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
  }
  return loading;
}

/** Whether `runJq` can run now. */
export function isJqReady(): boolean {
  return engine !== undefined && !engine.broken;
}

export interface RunJqOptions {
  /**
   * Keep map entries whose value is null. Kestra drops them when it converts a context
   * value (its mapper's NON_NULL inclusion) but keeps them in a parsed JSON string.
   */
  readonly keepNullFields?: boolean;
}

/**
 * Runs the jq `filter` over a Tern value: every result, converted to Tern values with the
 * types Kestra gives them (Integer, Long as bigint, Double; maps and lists as plain data).
 * Throws ExpressionError with jq's message on a compile or runtime error.
 */
export function runJq(filter: string, input: unknown, options: RunJqOptions = {}): unknown[] {
  if (!engine || engine.broken) {
    throw new ExpressionError("expression.error", "The jq engine is not loaded: the host must call initJq() first");
  }
  let json: string;
  try {
    json = toJqJson(input, options.keepNullFields !== true);
  } catch (error) {
    const reason = messageOf(error);
    throw new ExpressionError("expression.error", `Cannot convert the jq input to JSON: ${reason}`);
  }
  return engine.run(filter, json);
}
