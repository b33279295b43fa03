import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createComment } from "@/lib/queries/comment-writes";
import { createTestThreads, createTestUser } from "@/lib/testing/factories";
import { applyMigrations } from "@/lib/testing/migrate-sqlite";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { createSqliteAdapter, keepPreparedStatements } from "./sqlite-adapter";

const onPostgres = testDatabaseKind() === "postgres";
const SKIPPED = " [skipped: SQLite's locking and its driver adapter; PostgreSQL has row locks and a pool (TEST_DATABASE=postgres)]";

/** The SQLite file the suite's `db` uses. */
const databaseFile = () => process.env.DATABASE_URL!.replace(/^file:/, "");

/**
 * Another OS process takes the database's write lock (BEGIN IMMEDIATE) and writes, as a seed run or CLI command
 * would, holding the lock for `ms`. Resolves once the lock is held, with a promise of the holder's exit.
 */
async function holdWriteLockInAnotherProcess(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec('CREATE TABLE IF NOT EXISTS "ExternalWrite" ("at" INTEGER)');
    db.exec("BEGIN IMMEDIATE");
    db.prepare('INSERT INTO "ExternalWrite" VALUES (?)').run(Date.now());
    console.log("locked");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
  const holder = spawn(process.execPath, ["-e", script, file, String(ms)], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve, reject) =>
    holder.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`)))),
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    released.catch(reject);
  });
  return { released };
}

describe.skipIf(onPostgres)(`SQLite write path${onPostgres ? SKIPPED : ""}`, () => {
  it("comments posted while another process holds the write lock for 2 s wait for it and are all stored", async () => {
    const [threadId] = await createTestThreads(1);
    const author = await createTestUser("Patient");
    const { released } = await holdWriteLockInAnotherProcess(databaseFile(), 2_000);

    const started = Date.now();
    const posts = Array.from({ length: 5 }, (_, i) =>
      createComment({ threadId: threadId!, author, body: `Posted under someone else's lock ${i}` }).then(() => Date.now() - started),
    );
    // Waiting is done with timers, not inside the driver: the process keeps answering reads meanwhile.
    const readStarted = Date.now();
    expect(await db.thread.count()).toBeGreaterThan(0);
    const readMs = Date.now() - readStarted;

    const postMs = await Promise.all(posts);
    await released;
    expect(readMs).toBeLessThan(1_000);
    // They waited for the lock rather than writing past it, and none failed.
    expect(Math.min(...postMs)).toBeGreaterThanOrEqual(1_500);
    expect(await db.comment.count({ where: { threadId } })).toBe(5);
    expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).commentCount).toBe(5);
  });

  it("a write made while another request's transaction is open is not rolled back with that transaction", async () => {
    const kept = `${randomUUID()}@example.test`;
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let proceed!: () => void;
    const mayProceed = new Promise<void>((resolve) => (proceed = resolve));

    const failing = db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: `${randomUUID()}@example.test` } });
      opened();
      await mayProceed;
      throw new Error("changed my mind");
    });
    await isOpen;
    // Another request's write, acknowledged to its user once it resolves. Prisma's adapter runs it at once, inside
    // the open transaction; here it waits until that transaction has ended.
    const write = db.user.create({ data: { email: kept } });
    await Promise.race([write, sleep(500)]);
    proceed();

    await expect(failing).rejects.toThrow("changed my mind");
    await write;
    const fresh = new Database(databaseFile(), { readonly: true });
    try {
      expect(fresh.prepare(`SELECT count(*) AS n FROM "User" WHERE "email" = ?`).get(kept)).toEqual({ n: 1 });
    } finally {
      fresh.close();
    }
  });
});

describe.skipIf(onPostgres)(`SQLite COMMIT refused by a reader's lock${onPostgres ? SKIPPED : ""}`, () => {
  // A COMMIT meets SQLITE_BUSY in rollback-journal mode (the file cannot be WAL, e.g. on some network
  // filesystems), when another connection is still reading: the writer needs the file to itself.
  const dir = mkdtempSync(path.join(tmpdir(), "agora-commit-busy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function setUp(lockWaitMs: number) {
    const file = path.join(dir, `${randomUUID()}.db`);
    applyMigrations(file);
    new Database(file).pragma("journal_mode = DELETE");
    const client = new PrismaClient({ adapter: createSqliteAdapter(`file:${file}`, { journalMode: "DELETE", lockWaitMs }) });
    const reader = new Database(file);
    /** Starts a read transaction on another connection: it holds a shared lock on the file until it ends. */
    const startReading = () => {
      reader.exec("BEGIN");
      reader.prepare(`SELECT count(*) FROM "User"`).get();
    };
    const stopReading = () => reader.exec("COMMIT");
    const emailsOnDisk = () => {
      const fresh = new Database(file, { readonly: true });
      try {
        return (fresh.prepare(`SELECT "email" FROM "User" ORDER BY "email"`).all() as { email: string }[]).map((row) => row.email);
      } finally {
        fresh.close();
      }
    };
    const tearDown = async () => {
      reader.close();
      await client.$disconnect();
    };
    return { client, startReading, stopReading, emailsOnDisk, tearDown };
  }

  it("a COMMIT that stays busy fails, and the connection is left outside any transaction: later writes are stored", async () => {
    const { client, startReading, stopReading, emailsOnDisk, tearDown } = setUp(300);
    try {
      await client.user.count(); // connected
      startReading();
      await expect(client.$transaction((tx) => tx.user.create({ data: { email: "a-refused@example.test" } }))).rejects.toThrow();
      stopReading();

      // Without the rollback, this write would join the failed transaction and never reach the file, and the
      // transaction after it would wait forever for the connection.
      await client.user.create({ data: { email: "b-later@example.test" } });
      await client.$transaction((tx) => tx.user.create({ data: { email: "c-in-a-transaction@example.test" } }), { maxWait: 2_000 });
      expect(emailsOnDisk()).toEqual(["b-later@example.test", "c-in-a-transaction@example.test"]);
    } finally {
      await tearDown();
    }
  });

  it("a COMMIT that meets a reader waits for it to finish and succeeds", async () => {
    const { client, startReading, stopReading, emailsOnDisk, tearDown } = setUp(5_000);
    try {
      await client.user.count();
      startReading();
      setTimeout(stopReading, 300);
      await client.$transaction((tx) => tx.user.create({ data: { email: "waited@example.test" } }));
      expect(emailsOnDisk()).toEqual(["waited@example.test"]);
    } finally {
      await tearDown();
    }
  });
});

describe("compiled statements kept per SQL text (keepPreparedStatements)", () => {
  /** An in-memory database whose statements are kept, counting what SQLite compiles. */
  function database(max?: number) {
    const sqlite = new Database(":memory:");
    sqlite.exec('CREATE TABLE "T" ("n" INTEGER)');
    const compiled: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => (compiled.push(sql), prepare(sql))) as typeof sqlite.prepare;
    keepPreparedStatements(sqlite as unknown as Parameters<typeof keepPreparedStatements>[0], max);
    return { sqlite, compiled };
  }
  // As Prisma's adapter calls it: prepare(sql).bind(args), then run(), or columns() and raw().all().
  const read = (sqlite: Database.Database, sql: string, args: unknown[]) => sqlite.prepare(sql).bind(args).raw().all();
  const write = (sqlite: Database.Database, sql: string, args: unknown[]) => sqlite.prepare(sql).bind(args).run();

  it("compiles each text once, and every call gets its own arguments' rows", () => {
    const { sqlite, compiled } = database();
    for (const n of [1, 2, 3]) write(sqlite, 'INSERT INTO "T" ("n") VALUES (?)', [n]);
    expect(read(sqlite, 'SELECT "n" FROM "T" WHERE "n" >= ? ORDER BY "n"', [2])).toEqual([[2], [3]]);
    expect(read(sqlite, 'SELECT "n" FROM "T" WHERE "n" >= ? ORDER BY "n"', [3])).toEqual([[3]]);
    const statement = sqlite.prepare('SELECT "n" FROM "T" WHERE "n" >= ? ORDER BY "n"').bind([1]);
    expect(statement.reader).toBe(true);
    expect((statement.columns() as { name: string }[]).map((column) => column.name)).toEqual(["n"]);
    expect(compiled).toHaveLength(2);
  });

  it("keeps at most `max` texts, dropping the least recently used, and a statement that failed works again", () => {
    const { sqlite, compiled } = database(2);
    read(sqlite, "SELECT 1", []);
    read(sqlite, "SELECT 2", []);
    read(sqlite, "SELECT 1", []);
    read(sqlite, "SELECT 3", []);
    read(sqlite, "SELECT 1", []);
    expect(compiled).toEqual(["SELECT 1", "SELECT 2", "SELECT 3"]);
    expect(() => write(sqlite, 'INSERT INTO "T" ("n") VALUES (?)', [])).toThrow();
    write(sqlite, 'INSERT INTO "T" ("n") VALUES (?)', [7]);
    expect(read(sqlite, 'SELECT "n" FROM "T"', [])).toEqual([[7]]);
  });
});
