/**
 * Amazon Ion text, as Kestra's FileSerde writes it (Jackson's Ion mapper, one value per line):
 * the format of `outputs.ion` files, such as the outputs ForEachItem gathers from its subflows.
 * Written here for the values outputs hold: null, booleans, numbers, strings, lists and maps.
 */

/** Ion identifiers (symbols) need no quotes; other field names are quoted symbols. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KEYWORDS = new Set(["null", "true", "false", "nan"]);

function escapeText(text: string, quote: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === "\\") out += "\\\\";
    else if (char === quote) out += `\\${quote}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return out;
}

function symbol(name: string): string {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) ? name : `'${escapeText(name, "'")}'`;
}

function number(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return String(value);
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "+inf" : "-inf";
  // Ion floats carry an exponent: 1.5 is written 1.5e0.
  const [mantissa, exponent = "0"] = value.toExponential().split("e");
  return `${mantissa}e${Number(exponent)}`;
}

/** One value as Ion text. */
export function toIon(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return number(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "string") return `"${escapeText(value, '"')}"`;
  if (Array.isArray(value)) return `[${value.map(toIon).join(",")}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, v]) => `${symbol(key)}:${toIon(v)}`)
      .join(",")}}`;
  }
  return `"${escapeText(String(value), '"')}"`;
}

/** A row of an `.ion` file: the value and a line break (FileSerde.write). */
export function ionLine(value: unknown): string {
  return `${toIon(value)}\n`;
}
