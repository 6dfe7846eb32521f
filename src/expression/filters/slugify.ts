/**
 * Kestra `slugify`: whitespace → `-`, NFD then every char outside `[A-Za-z0-9_-]` removed
 * (punctuation disappears, accents are stripped), `_` → `-`, dashes collapsed and trimmed,
 * lower-cased.
 */
import { defineFilter } from "../extension.js";
import { toJavaString } from "./support/java.js";

export function slugify(text: string): string {
  let slug = text
    .replace(/[ \t\n\v\f\r]/g, "-")
    .normalize("NFD")
    .replace(/[^\w-]/g, "")
    .replaceAll("_", "-");
  while (slug.includes("--")) slug = slug.replaceAll("--", "-");
  if (slug.startsWith("-")) slug = slug.slice(1);
  if (slug.endsWith("-")) slug = slug.slice(0, -1);
  return slug.toLowerCase();
}

export default defineFilter({
  name: "slugify",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return slugify(toJavaString(input));
  },
});
