/**
 * YAML source → plain values, keeping the way back from a property path to a line and
 * column. Guards come first: size, then nesting depth measured on the concrete syntax
 * tree (the composer recurses, so a 10,000-deep document must never reach it), then
 * duplicate keys and alias expansion.
 */
import { Composer, type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, Parser } from "yaml";
import { messageOf } from "../util/errors.js";
import { type FlowIssue, formatPath, type IssueCode, type PathSegment } from "./issues.js";

export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Kestra's YAML reader stops at 1,000 levels; real flows stay far below 100. */
export const MAX_DEPTH = 256;
const MAX_ALIAS_COUNT = 1000;

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface YamlDocument {
  /** 0-based index of the document in a multi-document source. */
  readonly index: number;
  /** The document as plain JSON-like values (undefined when it could not be read). */
  readonly value: unknown;
  readonly issues: readonly FlowIssue[];
  /** Line and column of the property at `path`, or of the nearest enclosing one. */
  locate(path: readonly PathSegment[]): Position | undefined;
}

export interface LoadResult {
  readonly documents: readonly YamlDocument[];
  /** Problems with the source as a whole (too large). */
  readonly issues: readonly FlowIssue[];
}

export function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_SOURCE_BYTES) return text.length; // cannot exceed the limit either way
  return new TextEncoder().encode(text).length;
}

/** Reads every `---`-separated document of a YAML source. */
export function loadYaml(source: string): LoadResult {
  const size = utf8Length(source);
  if (size > MAX_SOURCE_BYTES) {
    return {
      documents: [],
      issues: [
        {
          code: "yaml.too-large",
          path: "",
          message: `the source is ${size} bytes; a flow may be at most ${MAX_SOURCE_BYTES} bytes (1 MiB)`,
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(source)];
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const tooDeep = findTooDeep(tokens);
  if (tooDeep !== undefined) {
    return {
      documents: [],
      issues: [
        {
          code: "yaml.too-deep",
          path: "",
          message: `the document nests deeper than ${MAX_DEPTH} levels`,
          ...position(tooDeep),
        },
      ],
    };
  }
  const composer = new Composer({ merge: true, uniqueKeys: true });
  const docs = [...composer.compose(tokens), ...composer.end()];
  return { documents: docs.map((doc, index) => readDocument(doc, index, position)), issues: [] };
}

function readDocument(doc: Document.Parsed, index: number, position: (offset: number) => Position): YamlDocument {
  const locate = (path: readonly PathSegment[]) => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : position(offset);
  };
  const issues: FlowIssue[] = doc.errors.map((error) => {
    const at = position(error.pos[0]);
    if (error.code === "DUPLICATE_KEY") {
      const found = pathAt(doc, error.pos[0]);
      const key = found.at(-1);
      return {
        code: "yaml.duplicate-key" as IssueCode,
        path: formatPath(found.slice(0, -1)),
        message: `Duplicate field '${String(key)}'`,
        ...at,
      };
    }
    return { code: "yaml.syntax" as IssueCode, path: "", message: firstLine(error.message), ...at };
  });
  if (issues.length > 0) return { index, value: undefined, issues, locate };
  try {
    return { index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), issues, locate };
  } catch (error) {
    const message = messageOf(error);
    return { index, value: undefined, issues: [{ code: "yaml.alias", path: "", message }], locate };
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

interface CstLike {
  offset?: number;
  value?: unknown;
  items?: { key?: unknown; value?: unknown }[];
}

/** Offset of the first token nested deeper than MAX_DEPTH, walking the CST without recursion. */
function findTooDeep(tokens: readonly unknown[]): number | undefined {
  const stack: { token: CstLike; depth: number }[] = tokens.map((token) => ({ token: token as CstLike, depth: 0 }));
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const { token, depth } = entry;
    if (depth > MAX_DEPTH) return token.offset ?? 0;
    if (Array.isArray(token.items)) {
      for (const item of token.items) {
        if (item.key && typeof item.key === "object") stack.push({ token: item.key as CstLike, depth: depth + 1 });
        if (item.value && typeof item.value === "object")
          stack.push({ token: item.value as CstLike, depth: depth + 1 });
      }
    } else if (token.value && typeof token.value === "object") {
      stack.push({ token: token.value as CstLike, depth });
    }
  }
  return undefined;
}

function keyOf(node: unknown): PathSegment | undefined {
  if (isScalar(node)) return typeof node.value === "number" ? String(node.value) : (node.value as string);
  return undefined;
}

/** Offset of the node at `path` (the key, for map entries), or of the deepest ancestor found. */
function offsetOf(doc: Document.Parsed, path: readonly PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String(keyOf(item.key)) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = (item as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/** Path of the deepest node whose range contains `offset`. */
function pathAt(doc: Document.Parsed, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const start = (item.key as Node | null)?.range?.[0] ?? Number.POSITIVE_INFINITY;
        const end = (item.value as Node | null)?.range?.[2] ?? (item.key as Node | null)?.range?.[2] ?? start;
        return isPair(item) && start <= offset && offset <= end;
      });
      if (!pair) return path;
      const key = keyOf(pair.key);
      if (key === undefined) return path;
      path.push(key);
      if ((pair.key as Node | null)?.range?.[0] === offset) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = (item as Node | null)?.range;
        return range !== undefined && range !== null && range[0] <= offset && offset <= range[2];
      });
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}
