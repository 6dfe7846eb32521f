/** An in-memory InputFileStore, for tests and local tools. */
import type { InputFileStore } from "./model.js";

async function bytesOf(content: Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  if (content instanceof Uint8Array) return content;
  return new Uint8Array(await new Response(content).arrayBuffer());
}

export class MemoryInputFileStore implements InputFileStore {
  readonly files = new Map<string, Uint8Array>();

  async put(path: string, content: Uint8Array | ReadableStream<Uint8Array>): Promise<string> {
    const uri = `kestra://${path}`;
    this.files.set(uri, await bytesOf(content));
    return uri;
  }

  get(uri: string): Uint8Array | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }
}
