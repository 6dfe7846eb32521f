/**
 * The cache of a WorkingDirectory (its `cache.patterns` files kept between executions for
 * `cache.ttl`), in internal storage where Kestra keeps it:
 * `/<namespace>/<flow>/<task id>/cache[/<iteration value>]/`. Tern writes the files as one JSON
 * document (`cache.json`: when it was made, and each file in base64) rather than a zip.
 */
import type { DirectoryCache } from "../executor/protocol.js";
import { slugify } from "../expression/filters/slugify.js";
import { fromBase64, toBase64 } from "../util/base64.js";
import type { BlobStore } from "./internal.js";
import type { WorkingDirectory } from "./working-directory.js";

interface CacheDocument {
  readonly createdAt: string;
  readonly files: Readonly<Record<string, string>>;
}

export function cachePath(flow: { namespace: string; flowId: string }, cache: DirectoryCache): string {
  const value = cache.value === undefined ? "" : `/${slugify(cache.value)}`;
  return `/${flow.namespace.replaceAll(".", "/")}/${slugify(flow.flowId)}/${slugify(cache.taskId)}/cache${value}/cache.json`;
}

/** Puts the cached files back in the directory, unless the cache is older than its ttl (then it is dropped). */
export async function restoreCache(
  storage: BlobStore,
  flow: { namespace: string; flowId: string },
  cache: DirectoryCache,
  directory: WorkingDirectory,
  now: Date,
): Promise<boolean> {
  const uri = `kestra://${cachePath(flow, cache)}`;
  const bytes = await storage.get(uri);
  if (!bytes) return false;
  const document = JSON.parse(new TextDecoder().decode(bytes)) as CacheDocument;
  if (cache.ttlMs !== undefined && now.getTime() - Date.parse(document.createdAt) > cache.ttlMs) {
    await storage.delete(uri);
    return false;
  }
  for (const [path, content] of Object.entries(document.files)) directory.write(path, fromBase64(content));
  return true;
}

/** Keeps the directory's files matching the cache patterns; nothing when none match. */
export async function saveCache(
  storage: BlobStore,
  flow: { namespace: string; flowId: string },
  cache: DirectoryCache,
  directory: WorkingDirectory,
  now: Date,
): Promise<string | undefined> {
  const paths = directory.match(cache.patterns);
  if (paths.length === 0) return undefined;
  const files = Object.fromEntries(paths.map((path) => [path, toBase64(directory.read(path) ?? new Uint8Array())]));
  const document: CacheDocument = { createdAt: now.toISOString(), files };
  return storage.put(cachePath(flow, cache), new TextEncoder().encode(JSON.stringify(document)));
}
