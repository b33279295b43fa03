import path from "node:path";
import { defineConfig } from "prisma/config";
import { createSqliteAdapter } from "./lib/sqlite-adapter";
import { loadEnvFiles } from "./lib/load-env-files";

loadEnvFiles();

// Migrations run through Prisma's WebAssembly schema engine and the same driver adapter the app uses,
// so no native engine binary is ever downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL!;
    return createSqliteAdapter(url);
  },
});
