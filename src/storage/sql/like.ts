/** LIKE helpers shared by the SQL repositories: substring and prefix matches where `%` and `_` match themselves. */
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** Case-insensitive (ASCII) substring match. */
export function contains(column: SQLWrapper, text: string): SQL {
  return sql`${column} LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The namespace itself or any namespace below it (`company` matches `company.team`, not
 * `companyx` nor `Company.team`: namespaces are case-sensitive, and SQLite's LIKE is not).
 */
export function withinNamespace(column: SQLWrapper, namespace: string): SQL {
  const prefix = `${namespace}.`;
  return sql`(${column} = ${namespace} OR substr(${column}, 1, ${prefix.length}) = ${prefix})`;
}
