/**
 * `yaml(yaml)`: parses a YAML string like Kestra's Jackson YAML mapper (SnakeYAML, YAML 1.1):
 * `yes`/`no`/`on`/`off` are booleans (but not `y`/`n`), dates and times stay strings, map keys
 * keep their source text, `<<` is an ordinary key, integers are Integer/Long/BigInteger and
 * decimals Double. Only the first document is read.
 */
import {
  type Document,
  isAlias,
  isPair,
  isScalar,
  isSeq,
  isMap as isYamlMap,
  type Node,
  parseAllDocuments,
  type Scalar,
} from "yaml";
import { defineFunction } from "../extension.js";
import { double, javaString } from "../values.js";
import { type JsonMap, setKey } from "./support/args.js";
import { integerValue } from "./support/json.js";
import { parseTextArg } from "./support/parse.js";

/** Nodes an alias-expanded document may produce (a "billion laughs" guard). */
const MAX_NODES = 1_000_000;

class YamlSyntaxError extends Error {
  override readonly name = "YamlSyntaxError";
}

interface Walk {
  readonly doc: Document;
  nodes: number;
}

function scalarValue(scalar: Scalar): unknown {
  const value: unknown = scalar.value;
  const source = scalar.source;
  if (typeof value === "bigint") return integerValue(value);
  if (typeof value === "number") return double(value);
  if (typeof value === "boolean") return source !== undefined && /^[yYnN]$/.test(source) ? source : value;
  if (value === null || value === undefined || typeof value === "string") return value ?? null;
  // Timestamps, binary and other resolved types: Jackson keeps the scalar's text.
  return source ?? javaString(value);
}

function convert(node: unknown, walk: Walk): unknown {
  walk.nodes++;
  if (walk.nodes > MAX_NODES) throw new YamlSyntaxError(`the document expands to more than ${MAX_NODES} nodes`);
  if (isAlias(node)) return convert(node.resolve(walk.doc), walk);
  if (isScalar(node)) return scalarValue(node);
  if (isYamlMap(node)) {
    const out: JsonMap = {};
    for (const pair of node.items) setKey(out, keyText(pair.key, walk), convert(pair.value, walk));
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item) => {
      if (!isPair(item)) return convert(item, walk);
      const entry: JsonMap = {};
      setKey(entry, keyText(item.key, walk), convert(item.value, walk));
      return entry;
    });
  }
  return null;
}

function keyText(key: unknown, walk: Walk): string {
  if (isScalar(key)) return key.source ?? javaString(key.value);
  return javaString(convert(key, walk));
}

export function parseYaml(text: string): unknown {
  const docs = parseAllDocuments(text, { version: "1.1", intAsBigInt: true, uniqueKeys: false, merge: false });
  const doc = docs[0];
  if (doc === undefined) throw new YamlSyntaxError("No content to map due to end-of-input");
  const error = doc.errors[0];
  if (error) throw new YamlSyntaxError(error.message.trim());
  return convert(doc.contents as Node | null, { doc, nodes: 0 });
}

export default defineFunction({
  name: "yaml",
  args: ["yaml"],
  call: (args) =>
    parseTextArg(args, { functionName: "yaml", argName: "yaml", format: "yaml", nullable: false }, parseYaml),
});
