/** drizzle-kit: generates the D1 / libSQL migrations in migrations/ from the portable schema. */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/storage/sql/schema.ts",
  out: "./migrations",
});
