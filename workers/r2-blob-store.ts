/**
 * Internal storage (`kestra:///` files) in R2: the BlobStore the Worker and its Durable
 * Objects use. An object's key is the file's storage path without its leading slash.
 */
import { type BlobStore, bytesOf, type FileContent, SCHEME, storagePath } from "../src/storage/internal.js";

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
    const uris: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: key, ...(cursor ? { cursor } : {}) });
      for (const object of page.objects) uris.push(`${SCHEME}/${object.key}`);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return uris.sort();
  }
}

function keyOf(uri: string): string | undefined {
  return storagePath(uri)?.replace(/^\//, "");
}
