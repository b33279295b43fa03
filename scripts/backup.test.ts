import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { backupSqliteDatabase, BackupError, defaultBackupFile, sqliteFileOf } from "./backup";

const onPostgres = testDatabaseKind() === "postgres";
const dir = mkdtempSync(path.join(tmpdir(), "agora-backup-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run backup: what it accepts", () => {
  it("refuses a PostgreSQL URL and points to pg_dump", () => {
    for (const url of ["postgresql://agora@db.example/agora", "postgres://localhost/agora"]) {
      expect(() => sqliteFileOf(url)).toThrow(BackupError);
      expect(() => sqliteFileOf(url)).toThrow(/pg_dump/);
    }
  });

  it("names a default backup beside the database, by UTC time", () => {
    const file = defaultBackupFile("/srv/agora/prisma/agora.db", new Date("2026-05-03T04:05:06.789Z"));
    expect(file).toBe("/srv/agora/prisma/backups/agora-20260503T040506Z.db");
  });
});

describe.skipIf(onPostgres)(`npm run backup on SQLite${onPostgres ? " [skipped: copies SQLite files; this pass runs on PostgreSQL]" : ""}`, () => {
  it("copies whole transactions only while another process keeps committing, and never overwrites a file", async () => {
    const source = sqliteFileOf(process.env.DATABASE_URL!);
    // Each of the writer's transactions inserts two users; a torn copy would hold an odd number of them.
    const script = `
      const db = new (require("better-sqlite3"))(process.argv[1], { timeout: 10000 });
      const insert = db.prepare('INSERT INTO "User" ("id", "email", "role", "updatedAt") VALUES (?, ?, ?, ?)');
      const pair = db.transaction((i) => {
        for (const half of ["a", "b"]) insert.run("pair-" + i + half, "pair-" + i + half + "@example.test", "member", Date.now());
      });
      let i = 0;
      const timer = setInterval(() => { for (let n = 0; n < 20; n++) pair(i++); }, 1);
      process.on("SIGTERM", () => { clearInterval(timer); db.close(); process.exit(0); });
      console.log("writing");`;
    const writer = spawn(process.execPath, ["-e", script, source], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => writer.stdout!.once("data", () => resolve()));

    const pairsInCopies: number[] = [];
    const live = new Database(source, { readonly: true });
    const pairRows = (db: Database.Database) => (db.prepare(`SELECT count(*) AS n FROM "User" WHERE "id" LIKE 'pair-%'`).get() as { n: number }).n;
    try {
      for (let n = 0; n < 5; n++) {
        const target = path.join(dir, `copy-${n}.db`);
        const committedBefore = pairRows(live);
        const { counts } = backupSqliteDatabase(source, target);
        const copy = new Database(target, { readonly: true });
        try {
          expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
          const rows = pairRows(copy);
          expect(rows % 2).toBe(0);
          // Including what is still only in the write-ahead log: a copy of the database file alone would miss it.
          expect(rows).toBeGreaterThanOrEqual(committedBefore);
          expect(counts.User).toBeGreaterThanOrEqual(rows);
          pairsInCopies.push(rows / 2);
        } finally {
          copy.close();
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      live.close();
      writer.kill("SIGTERM");
      await new Promise((resolve) => writer.once("exit", resolve));
    }
    // The writer was committing throughout: later copies hold more of its transactions.
    expect(pairsInCopies.at(-1)!).toBeGreaterThan(pairsInCopies[0]!);

    expect(() => backupSqliteDatabase(source, path.join(dir, "copy-0.db"))).toThrow(/already exists/);
  });
});
