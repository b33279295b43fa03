import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** Applies the committed migrations, in order, to a SQLite file: the schema tests run against is the shipped one. */
export function applyMigrations(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const folder of folders) {
      sqlite.exec(readFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), "utf8"));
    }
  } finally {
    sqlite.close();
  }
}
