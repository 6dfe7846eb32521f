/**
 * The `outputs` and `tasks` variables, kept up to date as task runs change instead of being
 * rebuilt from every task run for each render: persistent nested maps keyed by task id then
 * iteration values, read by templates through a read-only plain-object view.
 */
import { Map as IMap } from "immutable";

export type Tree = IMap<string, unknown>;

export const EMPTY_TREE: Tree = IMap();

/** Sets the leaf at `path`, merging maps there (a LoopUntil's later iteration overrides keys). */
export function setLeaf(tree: Tree, path: readonly string[], leaf: Readonly<Record<string, unknown>>): Tree {
  const [head, ...rest] = path;
  if (head === undefined) return tree;
  if (rest.length === 0) {
    const previous = tree.get(head);
    const merged =
      previous !== null && typeof previous === "object" && !IMap.isMap(previous) ? { ...previous, ...leaf } : leaf;
    return tree.set(head, merged);
  }
  const child = tree.get(head);
  return tree.set(head, setLeaf(IMap.isMap(child) ? (child as Tree) : EMPTY_TREE, rest, leaf));
}

const views = new WeakMap<Tree, Record<string, unknown>>();

/**
 * A read-only plain-object view of a tree (what the expression engine sees as a map):
 * property reads, `in`, Object.hasOwn and Object.entries all read the persistent map.
 */
export function view(tree: Tree): Record<string, unknown> {
  const cached = views.get(tree);
  if (cached) return cached;
  const read = (key: string | symbol): unknown => {
    if (typeof key !== "string") return undefined;
    const value = tree.get(key);
    return IMap.isMap(value) ? view(value as Tree) : value;
  };
  const proxy = new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => read(key),
    has: (_target, key) => typeof key === "string" && tree.has(key),
    ownKeys: () => [...tree.keys()],
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === "string" && tree.has(key)
        ? { value: read(key), enumerable: true, configurable: true, writable: false }
        : undefined,
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
  views.set(tree, proxy);
  return proxy;
}
