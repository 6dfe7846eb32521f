/** A libSQL database in memory with every drizzle-kit migration applied, as the local host and D1 get them. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { REPO_ROOT } from "./kestra.js";

export async function migratedLibsql(): Promise<LibSQLDatabase> {
  const client = createClient({ url: ":memory:" });
  const migrations = join(REPO_ROOT, "migrations");
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const statements = readFileSync(join(migrations, file), "utf8").split("--> statement-breakpoint");
    await client.batch(
      statements.map((s) => s.trim()).filter((s) => s !== ""),
      "write",
    );
  }
  return drizzle(client);
}
