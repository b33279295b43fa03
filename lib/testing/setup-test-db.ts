import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { applyMigrations } from "./migrate-sqlite";
import { applyPostgresMigrations, createDatabase, dropDatabase, testDatabaseKind, uniqueDatabaseName } from "./postgres";

// Each test file gets its own freshly migrated database, before any module reads DATABASE_URL, removed when
// the file finishes: a SQLite file by default; with TEST_DATABASE=postgres, a uniquely named PostgreSQL database
// (agora_test_<run>_<pid>_<random>).
const shared = globalThis as { agoraDb?: { $disconnect(): Promise<void> } };
delete shared.agoraDb;

if (testDatabaseKind() === "postgres") {
  const name = uniqueDatabaseName(inject("postgresDatabasePrefix"));
  const url = await createDatabase(name);
  await applyPostgresMigrations(url);
  process.env.DATABASE_URL = url;
  // Files run in parallel, each with its own pool; a few connections each is plenty.
  process.env.DATABASE_POOL_SIZE ??= "4";
  afterAll(async () => {
    await shared.agoraDb?.$disconnect();
    delete shared.agoraDb;
    await dropDatabase(name);
  });
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "agora-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  process.env.DATABASE_URL = `file:${file}`;
  afterAll(async () => {
    await shared.agoraDb?.$disconnect();
    delete shared.agoraDb;
    rmSync(dir, { recursive: true, force: true });
  });
}
