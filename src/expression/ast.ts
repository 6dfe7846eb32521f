/** The template AST: what the parser produces and the evaluator walks. */

export interface At {
  readonly line: number;
  readonly column: number;
}

export interface CallArgs {
  readonly positional: readonly Expr[];
  readonly named: readonly (readonly [string, Expr])[];
}

export type Expr =
  | { readonly k: "literal"; readonly value: unknown; readonly at: At }
  | { readonly k: "interpolation"; readonly parts: readonly Expr[]; readonly at: At }
  | { readonly k: "variable"; readonly name: string; readonly at: At }
  | { readonly k: "attribute"; readonly object: Expr; readonly name: string; readonly args?: CallArgs; readonly at: At }
  | { readonly k: "index"; readonly object: Expr; readonly key: Expr; readonly at: At }
  | { readonly k: "list"; readonly items: readonly Expr[]; readonly at: At }
  | { readonly k: "map"; readonly entries: readonly (readonly [Expr, Expr])[]; readonly at: At }
  | { readonly k: "unary"; readonly op: "not" | "-" | "+"; readonly operand: Expr; readonly at: At }
  | { readonly k: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr; readonly at: At }
  | { readonly k: "ternary"; readonly condition: Expr; readonly yes: Expr; readonly no: Expr; readonly at: At }
  | { readonly k: "filter"; readonly input: Expr; readonly name: string; readonly args: CallArgs; readonly at: At }
  | {
      readonly k: "test";
      readonly input: Expr;
      readonly name: string;
      readonly args: CallArgs;
      readonly negate: boolean;
      readonly at: At;
    }
  | { readonly k: "call"; readonly name: string; readonly args: CallArgs; readonly at: At };

export type Node =
  | { readonly k: "text"; readonly text: string }
  | { readonly k: "print"; readonly expr: Expr; readonly at: At }
  | {
      readonly k: "if";
      readonly branches: readonly { readonly condition: Expr; readonly body: readonly Node[] }[];
      readonly otherwise?: readonly Node[];
      readonly at: At;
    }
  | {
      readonly k: "for";
      readonly variable: string;
      readonly iterable: Expr;
      readonly body: readonly Node[];
      readonly otherwise?: readonly Node[];
      readonly at: At;
    }
  | { readonly k: "set"; readonly name: string; readonly expr: Expr; readonly at: At }
  | {
      readonly k: "filter-block";
      readonly filters: readonly { readonly name: string; readonly args: CallArgs; readonly at: At }[];
      readonly body: readonly Node[];
      readonly at: At;
    }
  | { readonly k: "block"; readonly name: string; readonly body: readonly Node[]; readonly at: At };

export interface Macro {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly defaultValue?: Expr }[];
  readonly body: readonly Node[];
}

export interface Template {
  readonly source: string;
  readonly body: readonly Node[];
  readonly macros: ReadonlyMap<string, Macro>;
  readonly blocks: ReadonlyMap<string, readonly Node[]>;
}
