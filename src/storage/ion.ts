/**
 * Rows of `.ion` files as Kestra's FileSerde writes them: one value per line, in the Ion text
 * of Kestra's `toIon` (src/expression/filters/support/ion.ts: Java floats, Ion timestamps for
 * instants, quoted symbols). The format of `outputs.ion` (ForEachItem's merged subflow outputs)
 * and of the files the storage and log tasks write.
 */
import { toIonText } from "../expression/filters/support/ion.js";

/** A row of an `.ion` file: the value and a line break (FileSerde.write). */
export function ionLine(value: unknown): string {
  return `${toIonText(value)}\n`;
}
