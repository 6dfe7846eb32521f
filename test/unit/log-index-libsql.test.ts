/** The SQL LogIndex contract on libSQL in memory, with the drizzle-kit migrations D1 gets. */
import { createSqlLogIndex } from "../../src/storage/sql/log-index.js";
import { migratedLibsql } from "../support/libsql.js";
import { logIndexContract } from "../support/log-index-contract.js";

const db = await migratedLibsql();
logIndexContract("libSQL", (tenantId) => createSqlLogIndex(db, { tenantId }));
