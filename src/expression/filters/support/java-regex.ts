/**
 * Java regular expressions on top of JavaScript's RegExp: a translation of the Java-only
 * constructs (\Q..\E, \A, \z, \Z, Java's `$` and `.`, \h, \v, \R, POSIX \p{...} classes,
 * leading inline flags, possessive quantifiers), plus `String.split` (trailing empty strings
 * dropped, limit), `Matcher.replaceAll` with Java's `$1`/`${name}`/`\x` replacement syntax,
 * and `Matcher.find`.
 */

import { messageOf } from "../../../util/errors.js";
import { javaException } from "./java.js";

const LINE_TERMINATORS = "\\n\\r\\u0085\\u2028\\u2029";
const END_OF_INPUT = "(?![\\s\\S])";

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

const SHORTHANDS: Readonly<Record<string, string>> = {
  h: " \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000",
  v: "\\n\\x0B\\f\\r\\x85\\u2028\\u2029",
};

function syntaxError(pattern: string, detail: string): Error {
  return javaException("java.util.regex.PatternSyntaxException", `${detail} near index 0\n${pattern}`);
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

interface Translation {
  source: string;
  flags: string;
  unicode: boolean;
}

/** Reads leading `(?imsx)`-style flags, which JavaScript only accepts as RegExp flags. */
function leadingFlags(pattern: string): { rest: string; flags: Set<string> } {
  const flags = new Set<string>();
  let rest = pattern;
  for (let match = /^\(\?([idmsuxU]+)\)/.exec(rest); match; match = /^\(\?([idmsuxU]+)\)/.exec(rest)) {
    for (const flag of match[1] ?? "") flags.add(flag);
    rest = rest.slice(match[0].length);
  }
  return { rest, flags };
}

/** Removes whitespace and `#` comments outside character classes (Java's COMMENTS flag). */
function stripComments(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "\\") {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (char === "]") inClass = false;
      out += char;
    } else if (char === "[") {
      inClass = true;
      out += char;
    } else if (char === "#") {
      while (i < pattern.length && pattern.charAt(i) !== "\n") i++;
    } else if (!/\s/.test(char)) {
      out += char;
    }
  }
  return out;
}

/** Translates one backslash escape; returns the JS text and how many pattern chars it consumed. */
function translateEscape(
  pattern: string,
  at: number,
  inClass: boolean,
  state: { unicode: boolean },
): { text: string; length: number } {
  const next = pattern.charAt(at + 1);
  if (next === "Q") {
    const end = pattern.indexOf("\\E", at + 2);
    const literal = end < 0 ? pattern.slice(at + 2) : pattern.slice(at + 2, end);
    return { text: escapeLiteral(literal), length: (end < 0 ? pattern.length : end + 2) - at };
  }
  if (!inClass && next === "A") return { text: "(?<![\\s\\S])", length: 2 };
  if (!inClass && next === "z") return { text: END_OF_INPUT, length: 2 };
  if (!inClass && next === "Z") return { text: `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?${END_OF_INPUT})`, length: 2 };
  if (!inClass && next === "R") return { text: `(?:\\r\\n|[${SHORTHANDS.v}])`, length: 2 };
  const shorthand = SHORTHANDS[next.toLowerCase()];
  if (shorthand !== undefined) {
    if (next === next.toLowerCase()) return { text: inClass ? shorthand : `[${shorthand}]`, length: 2 };
    if (inClass) throw syntaxError(pattern, `Unsupported escape \\${next} in a character class`);
    return { text: `[^${shorthand}]`, length: 2 };
  }
  if (next === "p" || next === "P") {
    const match = /^\{(\w+)\}/.exec(pattern.slice(at + 2));
    const name = match?.[1] ?? pattern.charAt(at + 2);
    const length = match ? match[0].length + 2 : 3;
    const posix = POSIX_CLASSES[name.replace(/^Is/, "")];
    if (posix !== undefined) {
      if (next === "p") return { text: inClass ? posix : `[${posix}]`, length };
      if (inClass) throw syntaxError(pattern, `Unsupported escape \\P{${name}} in a character class`);
      return { text: `[^${posix}]`, length };
    }
    state.unicode = true;
    const property = name.startsWith("Is") ? name.slice(2) : name;
    const jsName = /^(L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfson]?)$/.test(property)
      ? property
      : `Script=${property}`;
    return { text: `\\${next}{${jsName}}`, length };
  }
  return { text: pattern.slice(at, at + 2), length: 2 };
}

/** Translates a Java pattern into JavaScript RegExp source and flags. */
function translate(pattern: string): Translation {
  const { rest, flags } = leadingFlags(pattern);
  const body = flags.has("x") ? stripComments(rest) : rest;
  const dotAll = flags.has("s");
  const multiline = flags.has("m");
  const state = { unicode: false };
  let out = "";
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (char === "\\") {
      const translated = translateEscape(body, i, inClass, state);
      out += translated.text;
      i += translated.length - 1;
    } else if (inClass) {
      if (char === "]") inClass = false;
      if (char === "[" || (char === "&" && body.charAt(i + 1) === "&")) {
        throw syntaxError(pattern, "Unsupported character class union or intersection");
      }
      out += char;
    } else if (char === "[") {
      inClass = true;
      out += char;
      if (body.charAt(i + 1) === "^") {
        out += "^";
        i++;
      }
      if (body.charAt(i + 1) === "]") {
        out += "\\]";
        i++;
      }
    } else if (char === "." && !dotAll) {
      out += `[^${LINE_TERMINATORS}]`;
    } else if (char === "$" && !multiline) {
      out += `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?${END_OF_INPUT})`;
    } else if (char === "(" && body.startsWith("(?>", i)) {
      out += "(?:";
      i += 2;
    } else if (char === "+" && i > 0 && /[*+?}]/.test(body.charAt(i - 1)) && body.charAt(i - 2) !== "\\") {
      // possessive quantifier: matched greedily (JavaScript has no possessive form)
    } else {
      out += char;
    }
  }
  let jsFlags = "g";
  if (flags.has("i")) jsFlags += "i";
  if (multiline) jsFlags += "m";
  if (dotAll) jsFlags += "s";
  return { source: out, flags: jsFlags, unicode: state.unicode };
}

const cache = new Map<string, RegExp>();

/** Compiles a Java regular expression (global flag set); errors read like PatternSyntaxException. */
export function javaRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return new RegExp(cached);
  const translation = translate(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(translation.source, translation.unicode ? `${translation.flags}u` : translation.flags);
  } catch (error) {
    throw syntaxError(pattern, messageOf(error));
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, regex);
  return new RegExp(regex);
}

/** Every match in order, advancing past empty matches the way `Matcher.find` does. */
function* matches(regex: RegExp, input: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let match = regex.exec(input); match; match = regex.exec(input)) {
    if (match[0] === "") regex.lastIndex++;
    yield match;
    if (regex.lastIndex > input.length) return;
  }
}

/** `Pattern.compile(regex).matcher(input).find()`: the first match, if any. */
export function javaFind(input: string, pattern: string): RegExpExecArray | undefined {
  return matches(javaRegex(pattern), input).next().value ?? undefined;
}

/** `input.split(regex, limit)`: Java's rules (no leading empty piece from a zero-width match, trailing empties dropped when limit is 0). */
export function javaSplit(input: string, pattern: string, limit = 0): string[] {
  const pieces: string[] = [];
  let index = 0;
  let matched = false;
  for (const match of matches(javaRegex(pattern), input)) {
    const start = match.index;
    const end = start + match[0].length;
    if (limit > 0 && pieces.length >= limit - 1) break;
    if (index === 0 && start === 0 && start === end) continue;
    pieces.push(input.slice(index, start));
    index = end;
    matched = true;
  }
  if (!matched) return [input];
  pieces.push(input.slice(index));
  if (limit === 0) {
    while (pieces.length > 0 && pieces[pieces.length - 1] === "") pieces.pop();
  }
  return pieces;
}

type ReplacementPart = { literal: string } | { group: number } | { name: string };

function illegalArgument(message: string): Error {
  return javaException("java.lang.IllegalArgumentException", message);
}

/** Parses a Java replacement string (`$1`, `${name}`, `\$`) against the pattern's groups. */
function parseReplacement(replacement: string, groupCount: number, groupNames: ReadonlySet<string>): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = "";
  let i = 0;
  while (i < replacement.length) {
    const char = replacement.charAt(i);
    if (char === "\\") {
      if (i + 1 >= replacement.length) throw illegalArgument("character to be escaped is missing");
      literal += replacement.charAt(i + 1);
      i += 2;
    } else if (char === "$") {
      i++;
      if (i >= replacement.length) throw illegalArgument("Illegal group reference: group index is missing");
      if (literal) parts.push({ literal });
      literal = "";
      if (replacement.charAt(i) === "{") {
        const match = /^\{([A-Za-z0-9]*)/.exec(replacement.slice(i)) ?? ["{", ""];
        const name = match[1] ?? "";
        if (name === "") throw illegalArgument("named capturing group has 0 length name");
        if (replacement.charAt(i + match[0].length) !== "}") {
          throw illegalArgument("named capturing group is missing trailing '}'");
        }
        if (/^[0-9]/.test(name)) throw illegalArgument(`capturing group name {${name}} starts with digit character`);
        if (!groupNames.has(name)) throw illegalArgument(`No group with name {${name}}`);
        parts.push({ name });
        i += match[0].length + 1;
      } else {
        let group = replacement.charCodeAt(i) - 48;
        if (group < 0 || group > 9) throw illegalArgument("Illegal group reference");
        i++;
        while (i < replacement.length) {
          const digit = replacement.charCodeAt(i) - 48;
          if (digit < 0 || digit > 9 || group * 10 + digit > groupCount) break;
          group = group * 10 + digit;
          i++;
        }
        if (group > groupCount) throw javaException("java.lang.IndexOutOfBoundsException", `No group ${group}`);
        parts.push({ group });
      }
    } else {
      literal += char;
      i++;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** The number of capturing groups and the group names of a compiled pattern. */
function groupsOf(regex: RegExp): { count: number; names: Set<string> } {
  const probe = new RegExp(`${regex.source}|`, regex.flags.replace("g", "")).exec("");
  return { count: probe ? probe.length - 1 : 0, names: new Set(Object.keys(probe?.groups ?? {})) };
}

/** `Pattern.compile(regex).matcher(input).replaceAll(replacement)`. */
export function javaReplaceAll(input: string, pattern: string, replacement: string): string {
  const regex = javaRegex(pattern);
  const groups = groupsOf(regex);
  const parts = parseReplacement(replacement, groups.count, groups.names);
  let out = "";
  let index = 0;
  for (const match of matches(regex, input)) {
    out += input.slice(index, match.index);
    for (const part of parts) {
      if ("literal" in part) out += part.literal;
      else if ("group" in part) out += match[part.group] ?? "";
      else out += match.groups?.[part.name] ?? "";
    }
    index = match.index + match[0].length;
  }
  return out + input.slice(index);
}

/** `matcher.group(n)` of the first match, Java's IndexOutOfBoundsException past the last group. */
export function javaGroup(match: RegExpExecArray, group: number): string | null {
  if (group < 0 || group >= match.length) {
    throw javaException("java.lang.IndexOutOfBoundsException", `No group ${group}`);
  }
  return match[group] ?? null;
}
