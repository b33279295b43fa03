// `postinstall` / `npm run db:generate`: generates both Prisma clients, lib/generated/prisma (SQLite) and
// lib/generated/postgres (PostgreSQL). The CLI validates DATABASE_URL against each schema's provider while
// reading the schema (and, on a mismatch, falls back to downloading a native engine), so each run gets a
// placeholder URL of the right kind; generating never connects to a database.
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const PRISMA = path.join(ROOT, "node_modules", ".bin", "prisma");

const clients = [
  { schema: "prisma/schema.prisma", url: "file:./prisma/generate-placeholder.db" },
  { schema: "prisma/postgres/schema.prisma", url: "postgresql://placeholder@localhost:5432/placeholder" },
];

for (const { schema, url } of clients) {
  execFileSync(PRISMA, ["generate", "--schema", schema], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
