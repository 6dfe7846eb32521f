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
  return setLeafFrom(tree, path, 0, leaf);
}

function setLeafFrom(tree: Tree, path: readonly string[], at: number, leaf: Readonly<Record<string, unknown>>): Tree {
  const head = path[at];
  if (head === undefined) return tree;
  if (at === path.length - 1) {
    const previous = tree.get(head);
    const merged =
      previous !== null && typeof previous === "object" && !IMap.isMap(previous) ? { ...previous, ...leaf } : leaf;
    return tree.set(head, merged);
  }
  const child = tree.get(head);
  return tree.set(head, setLeafFrom(IMap.isMap(child) ? (child as Tree) : EMPTY_TREE, path, at + 1, leaf));
}

/** What a view's traps read: the tree (a plain object, so the view's prototype is Object's). */
interface ViewTarget {
  readonly tree: Tree;
}

function read(tree: Tree, key: string | symbol): unknown {
  if (typeof key !== "string") return undefined;
  const value = tree.get(key);
  return IMap.isMap(value) ? view(value as Tree) : value;
}

/** One handler for every view: a view costs one small object and a Proxy, no closures. */
const handler: ProxyHandler<ViewTarget> = {
  get: (target, key) => read(target.tree, key),
  has: (target, key) => typeof key === "string" && target.tree.has(key),
  ownKeys: (target) => [...target.tree.keys()],
  getOwnPropertyDescriptor: (target, key) =>
    typeof key === "string" && target.tree.has(key)
      ? { value: read(target.tree, key), enumerable: true, configurable: true, writable: false }
      : undefined,
  set: () => false,
  deleteProperty: () => false,
  defineProperty: () => false,
};

/**
 * A read-only plain-object view of a tree (what the expression engine sees as a map):
 * property reads, `in`, Object.hasOwn and Object.entries all read the persistent map.
 * Views are cheap and not cached: every state has new trees, and a cache keyed by them
 * would cost more (in the garbage collector) than building a view again.
 */
export function view(tree: Tree): Record<string, unknown> {
  return new Proxy<ViewTarget>({ tree }, handler) as unknown as Record<string, unknown>;
}
