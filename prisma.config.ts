import path from "node:path";
import { defineConfig } from "prisma/config";
import { isPostgresUrl } from "./lib/database-url";
import { loadEnvFiles } from "./lib/load-env-files";

loadEnvFiles();

// DATABASE_URL picks the database: file: → SQLite (prisma/schema.prisma, prisma/migrations);
// postgres:// or postgresql:// → PostgreSQL (prisma/postgres/schema.prisma, generated from the SQLite
// schema by `npm run db:schemas`, and prisma/postgres/migrations).
const url = process.env.DATABASE_URL!;
const postgres = isPostgresUrl(url);

// Migrations run through Prisma's WebAssembly schema engine and the same driver adapter the app uses,
// so no native engine binary is ever downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    if (postgres) {
      const { createPostgresAdapter } = await import("./lib/postgres-adapter");
      return createPostgresAdapter(url, { poolSize: 2, applicationName: "agora-prisma-cli" });
    }
    const { createSqliteAdapter } = await import("./lib/sqlite-adapter");
    return createSqliteAdapter(url);
  },
});
