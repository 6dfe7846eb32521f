/**
 * Kestra's JSON reading (Jackson), on top of the shared Jackson-compatible parser
 * (../../jq-json.ts): the first root value only, Integer/Long/BigInteger/Double typing,
 * strict syntax otherwise.
 */
import { JsonSyntaxError, parseJacksonJson } from "../../jq-json.js";

export { JsonSyntaxError };

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;

/** A Java integer value of the right width: number for Integer and exact Longs, bigint otherwise. */
export function integerValue(value: bigint): number | bigint {
  if (value >= INT_MIN && value <= INT_MAX) return Number(value);
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

/** `ObjectMapper.readValue(text, Object.class)`: the first root value; blank input is an error. */
export function parseJson(text: string): unknown {
  const value = parseJacksonJson(text);
  if (value === undefined) throw new JsonSyntaxError("No content to map due to end-of-input");
  return value;
}

/** `ObjectMapper.readTree(text)` succeeds: blank input is fine (MissingNode), trailing content ignored. */
export function isJacksonReadable(text: string): boolean {
  try {
    parseJacksonJson(text);
    return true;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return false;
    throw error;
  }
}
