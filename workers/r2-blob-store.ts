/**
 * Internal storage (`kestra:///` files) in R2: the BlobStore the Worker and its Durable
 * Objects use. An object's key is the file's storage path without its leading slash.
 */
import {
  type BlobStore,
  bytesOf,
  deletablePrefix,
  type FileContent,
  SCHEME,
  storagePath,
} from "../src/storage/internal.js";

/** The most keys one R2 delete call takes. */
const DELETE_BATCH = 1000;

export class R2BlobStore implements BlobStore {
  constructor(private readonly bucket: R2Bucket) {}

  async put(path: string, content: FileContent): Promise<string> {
    await this.bucket.put(path.replace(/^\//, ""), await bytesOf(content));
    return `${SCHEME}${path.startsWith("/") ? path : `/${path}`}`;
  }

  async get(uri: string): Promise<Uint8Array | undefined> {
    const key = keyOf(uri);
    if (key === undefined) return undefined;
    const object = await this.bucket.get(key);
    return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
  }

  async delete(uri: string): Promise<boolean> {
    const key = keyOf(uri);
    if (key === undefined || !(await this.bucket.head(key))) return false;
    await this.bucket.delete(key);
    return true;
  }

  async list(prefix: string): Promise<string[]> {
    const key = keyOf(prefix);
    if (key === undefined) return [];
    return (await this.keys(key)).map((k) => `${SCHEME}/${k}`).sort();
  }

  async stat(uri: string): Promise<{ size: number } | undefined> {
    const key = keyOf(uri);
    const object = key === undefined ? null : await this.bucket.head(key);
    return object ? { size: object.size } : undefined;
  }

  async open(uri: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | undefined> {
    const key = keyOf(uri);
    const object = key === undefined ? null : await this.bucket.get(key);
    return object ? { size: object.size, body: object.body } : undefined;
  }

  async deletePrefix(prefix: string): Promise<number> {
    deletablePrefix(prefix); // throws for the root and for what is not a kestra:/// URI
    const keys = await this.keys(prefix.slice(`${SCHEME}/`.length));
    for (let at = 0; at < keys.length; at += DELETE_BATCH) await this.bucket.delete(keys.slice(at, at + DELETE_BATCH));
    return keys.length;
  }

  /** Every key under a prefix, page after page (R2 lists at most 1,000 keys a call). */
  private async keys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
      for (const object of page.objects) keys.push(object.key);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return keys;
  }
}

/**
 * The R2 key of a `kestra:///` URI: its path as written (escapes such as `%20` kept, as put()
 * stored it), once storagePath() accepted it (no `..`).
 */
function keyOf(uri: string): string | undefined {
  return storagePath(uri) === undefined ? undefined : uri.slice(`${SCHEME}/`.length);
}
