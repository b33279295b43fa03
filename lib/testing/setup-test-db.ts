import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "./migrate-sqlite";

// Each test file gets its own freshly migrated SQLite database, before any module reads DATABASE_URL.
const dir = mkdtempSync(path.join(tmpdir(), "agora-test-"));
const file = path.join(dir, "test.db");
applyMigrations(file);
process.env.DATABASE_URL = `file:${file}`;
delete (globalThis as { agoraDb?: unknown }).agoraDb;
