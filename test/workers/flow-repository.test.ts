/** The SQL FlowStore contract on the real D1 binding (migrations applied by the setup file). */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { createSqlFlowStore } from "../../src/storage/sql/flow-repository.js";
import { flowStoreContract } from "../support/flow-store-contract.js";

const DB = (env as unknown as { DB: D1Database }).DB;

flowStoreContract("D1", (tenantId) => {
  let tick = 0;
  return createSqlFlowStore(drizzle(DB), { tenantId, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
});
