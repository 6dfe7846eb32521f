/** The SQL LogIndex contract on the real D1 binding (migrations applied by the setup file). */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { createSqlLogIndex } from "../../src/storage/sql/log-index.js";
import { logIndexContract } from "../support/log-index-contract.js";

const DB = (env as unknown as { DB: D1Database }).DB;

logIndexContract("D1", (tenantId) => createSqlLogIndex(drizzle(DB), { tenantId }));
