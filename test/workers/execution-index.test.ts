/** The SQL ExecutionIndex contract on the real D1 binding (migrations applied by the setup file). */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { createSqlExecutionIndex } from "../../src/storage/sql/execution-index.js";
import { executionIndexContract } from "../support/execution-index-contract.js";

const DB = (env as unknown as { DB: D1Database }).DB;

executionIndexContract("D1", (tenantId) => createSqlExecutionIndex(drizzle(DB), { tenantId }));
