/**
 * The SQL repositories on libSQL (the local host's database), in memory, with the same
 * drizzle-kit migrations D1 gets: the same contracts the workerd tests run on D1, so one
 * implementation serves both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { createSqlExecutionIndex } from "../../src/storage/sql/execution-index.js";
import { createSqlFlowStore } from "../../src/storage/sql/flow-repository.js";
import { createSqlKvStore } from "../../src/storage/sql/kv-repository.js";
import { createSqlNamespaceFiles } from "../../src/storage/sql/namespace-files-repository.js";
import { executionIndexContract } from "../support/execution-index-contract.js";
import { flowStoreContract } from "../support/flow-store-contract.js";
import { REPO_ROOT } from "../support/kestra.js";
import { kvStoreContract } from "../support/kv-store-contract.js";
import { namespaceFilesContract } from "../support/namespace-files-contract.js";

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
const db = drizzle(client);

flowStoreContract("libSQL", (tenantId) => {
  let tick = 0;
  return createSqlFlowStore(db, { tenantId, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
});
executionIndexContract("libSQL", (tenantId) => createSqlExecutionIndex(db, { tenantId }));
kvStoreContract("libSQL", (tenantId, now) => createSqlKvStore(db, { tenantId, now }));
namespaceFilesContract("libSQL", (tenantId, blobs) => createSqlNamespaceFiles(db, blobs, { tenantId }));
