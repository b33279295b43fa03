import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { backupSqliteDatabase } from "../scripts/backup";
import { E2E_DATABASE, E2E_DATABASE_URL } from "./app-server";
import { newCommentFormFields, newFormVisitor, postByForm, signUpByForm, type FormVisitor, type PostOutcome } from "./form-visitor";

// Shared by the load, crash and backup specs: many signed-in no-JavaScript visitors posting to one thread as fast
// as they can, and a direct look at the database to compare what was acknowledged with what was stored.

/** Rate limits high enough that a load test measures the write path, not the limiter. */
export const LOAD_TEST_ENV = {
  RATE_LIMIT_COMMENT_USER: "100000/60",
  RATE_LIMIT_COMMENT_IP: "100000/60",
  RATE_LIMIT_SIGNIN_IP: "100000/60",
  RATE_LIMIT_SIGNIN_ACCOUNT: "100000/60",
  RATE_LIMIT_SIGNIN_ACCOUNT_IP: "100000/60",
  RATE_LIMIT_SIGNUP_IP: "100000/60",
};

/** What the server must never say while under load (SQLite lock errors, Prisma's timeout codes). */
export const LOCK_ERRORS = /SQLITE_BUSY|database is locked|P1008|P2034|Operation has timed out|Unable to start a transaction/i;

/**
 * A database for a load test's own server. SQLite: a copy of the suite's database (migrated and seeded) in a
 * file of its own, removed by `dispose`, so a killed server never touches the suite's file. PostgreSQL: the
 * suite's database (several app instances on one PostgreSQL database is the supported setup).
 */
export function loadTestDatabase(label: string): { url: string; dispose(): void } {
  if (E2E_DATABASE === "postgres") return { url: E2E_DATABASE_URL, dispose() {} };
  const file = `prisma/e2e-${label}-${randomBytes(4).toString("hex")}.db`;
  backupSqliteDatabase(E2E_DATABASE_URL.slice("file:".length), file);
  return {
    url: `file:./${file}`,
    dispose() {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/**
 * Another process writing to the SQLite file meanwhile, as a CLI command or an import would: short write
 * transactions (BEGIN IMMEDIATE, an insert, 10 ms holding the lock, COMMIT), one every 100 ms, until stopped.
 * With it the app's connection is not the only writer, so lock waits (SQLITE_BUSY) really happen.
 */
export function startSqliteWriterProcess(url: string): { stop(): Promise<number> } {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1], { timeout: 10000 });
    const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    let transactions = 0;
    // A real change (an update that rewrites equal values commits nothing), in a table of its own.
    db.exec('CREATE TABLE IF NOT EXISTS "ExternalWrite" ("at" INTEGER)');
    const insert = db.prepare('INSERT INTO "ExternalWrite" VALUES (?)');
    const timer = setInterval(() => {
      db.exec("BEGIN IMMEDIATE");
      insert.run(Date.now());
      pause(10);
      db.exec("COMMIT");
      transactions++;
    }, 100);
    process.on("SIGTERM", () => {
      clearInterval(timer);
      db.close();
      process.stdout.write("transactions=" + transactions + "\\n", () => process.exit(0));
    });`;
  const writer = spawn(process.execPath, ["-e", script, url.slice("file:".length)], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  writer.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close", not "exit": by then everything the writer printed has been read.
  const exited = new Promise<number | null>((resolve) => writer.once("close", resolve));
  return {
    async stop() {
      writer.kill("SIGTERM");
      const code = await exited;
      const transactions = /transactions=(\d+)/.exec(output)?.[1];
      if (code !== 0 || transactions === undefined) throw new Error(`the writer process exited with ${code}: ${output}`);
      return Number(transactions);
    },
  };
}

export type Poster = { visitor: FormVisitor; hidden: Record<string, string>; index: number };

/**
 * `count` new accounts, each signed up through the form by a visitor of its own. The thread's comment form is
 * loaded once, by the first: its hidden fields (the server action's reference) are the same for every member.
 */
export async function signedInPosters(baseURL: string, threadPath: string, count: number, batch = 5): Promise<Poster[]> {
  const run = randomBytes(3).toString("hex");
  const visitors: FormVisitor[] = [];
  for (let start = 0; start < count; start += batch) {
    const group = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, async (_, offset) => {
        const visitor = await newFormVisitor(baseURL);
        await signUpByForm(visitor, `Load ${run} ${start + offset}`, `load-${run}-${start + offset}@example.test`);
        return visitor;
      }),
    );
    visitors.push(...group);
  }
  const hidden = await newCommentFormFields(visitors[0]!, threadPath);
  return visitors.map((visitor, index) => ({ visitor, hidden, index }));
}

/** The path of the first thread of the seeded article. */
export async function firstThreadPath(visitor: FormVisitor): Promise<string> {
  const path = /href="(\/t\/[a-z0-9]+)"/i.exec(await visitor.page("/a/tiktok-sparks-good"))?.[1];
  if (!path) throw new Error("no thread link on the seeded article's page");
  return path;
}

export type LoadResult = { acknowledged: string[]; refused: PostOutcome[]; networkErrors: string[]; ms: number };

/**
 * Every poster posts `perPoster` comments, one after another, all posters at once. A comment is acknowledged
 * when the server redirected to its anchor; after a network error (the server died) a poster stops.
 * `onProgress` sees the running tally after each answer.
 */
export async function postConcurrently(
  posters: Poster[],
  threadPath: string,
  tag: string,
  perPoster: number,
  onProgress: (sofar: LoadResult) => void = () => {},
): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], refused: [], networkErrors: [], ms: 0 };
  const started = Date.now();
  await Promise.all(
    posters.map(async ({ visitor, hidden, index }) => {
      for (let n = 0; n < perPoster; n++) {
        let outcome: PostOutcome;
        try {
          outcome = await postByForm(visitor, threadPath, hidden, `${tag} client ${index} comment ${n}`);
        } catch (error) {
          result.networkErrors.push(String(error).split("\n")[0]!);
          return;
        }
        if (outcome.commentId) result.acknowledged.push(outcome.commentId);
        else result.refused.push(outcome);
        onProgress(result);
      }
    }),
  );
  result.ms = Date.now() - started;
  return result;
}

/** Reads a load test's database directly: SQLite through better-sqlite3, PostgreSQL through pg. */
export type DatabaseProbe = {
  /** Ids of the comments on `threadId` whose body starts with `tag`. */
  commentIds(threadId: string, tag: string): Promise<string[]>;
  threadCommentCount(threadId: string): Promise<number>;
  /** SQLite's PRAGMA integrity_check ("ok" when sound); "n/a" on PostgreSQL. */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
};

export async function openProbe(url: string): Promise<DatabaseProbe> {
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length), { fileMustExist: true, timeout: 10_000 });
    return {
      async commentIds(threadId, tag) {
        const rows = sqlite.prepare(`SELECT "id" FROM "Comment" WHERE "threadId" = ? AND substr("body", 1, ?) = ?`).all(threadId, tag.length, tag);
        return (rows as { id: string }[]).map((row) => row.id);
      },
      async threadCommentCount(threadId) {
        return (sqlite.prepare(`SELECT "commentCount" AS n FROM "Thread" WHERE "id" = ?`).get(threadId) as { n: number }).n;
      },
      async integrityCheck() {
        return String(sqlite.pragma("integrity_check", { simple: true }));
      },
      async close() {
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url, application_name: "agora-e2e-probe" });
  await client.connect();
  return {
    async commentIds(threadId, tag) {
      const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "Comment" WHERE "threadId" = $1 AND left("body", $2) = $3`, [
        threadId,
        tag.length,
        tag,
      ]);
      return rows.map((row) => row.id);
    },
    async threadCommentCount(threadId) {
      const { rows } = await client.query<{ n: number }>(`SELECT "commentCount" AS n FROM "Thread" WHERE "id" = $1`, [threadId]);
      return rows[0]!.n;
    },
    async integrityCheck() {
      return "n/a";
    },
    close: () => client.end(),
  };
}
