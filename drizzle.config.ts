import { defineConfig } from "drizzle-kit";

// Table DDL only: TimescaleDB objects live in custom migrations (`drizzle-kit generate --custom`).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});
