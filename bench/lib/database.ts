/** The benchmark's own throwaway databases: a SQLite file under bench/.data, or agora_bench_<random> on PostgreSQL. */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";

export type DatabaseKind = "sqlite" | "postgres";

/** The server the PostgreSQL run creates its database on (the same default as the test suite's). */
const POSTGRES_SERVER_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type CommentCounts = { total: number; benchPosts: number; hotThreadCounted: number; hotThreadCommentCount: number };

export type BenchDatabase = {
  kind: DatabaseKind;
  url: string;
  /** Shown in reports (no password). */
  label: string;
  counts(hotThreadId: string): Promise<CommentCounts>;
  /** How many of these comment ids exist. */
  countExisting(ids: string[]): Promise<number>;
  drop(): Promise<void>;
};

const COUNTS_SQL = {
  total: `SELECT count(*) AS n FROM "Comment"`,
  benchPosts: `SELECT count(*) AS n FROM "Comment" WHERE body LIKE 'Bench post %'`,
  hotThreadCounted: `SELECT count(*) AS n FROM "Comment" WHERE "threadId" = $1 AND "deletedAt" IS NULL AND status IN ('visible', 'hidden')`,
  hotThreadCommentCount: `SELECT "commentCount" AS n FROM "Thread" WHERE id = $1`,
};

/** Creates the database and applies the project's migrations to it (scripts/setup.mjs --no-seed). */
export async function createBenchDatabase(kind: DatabaseKind, log: (line: string) => void): Promise<BenchDatabase> {
  const suffix = randomBytes(4).toString("hex");
  const database = kind === "sqlite" ? createSqlite(suffix) : await createPostgres(suffix);
  log(`database ${database.label}: migrating`);
  try {
    execFileSync(process.execPath, ["scripts/setup.mjs", "--no-seed"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" },
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

function createSqlite(suffix: string): BenchDatabase {
  mkdirSync("bench/.data", { recursive: true });
  const file = `bench/.data/bench-${suffix}.db`;
  const url = `file:./${file}`;
  return {
    kind: "sqlite",
    url,
    label: file,
    async counts(hotThreadId) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const one = (sql: string) => Number((db.prepare(sql.replace("$1", "?")).get(...(sql.includes("$1") ? [hotThreadId] : [])) as { n: number }).n);
        return {
          total: one(COUNTS_SQL.total),
          benchPosts: one(COUNTS_SQL.benchPosts),
          hotThreadCounted: one(COUNTS_SQL.hotThreadCounted),
          hotThreadCommentCount: one(COUNTS_SQL.hotThreadCommentCount),
        };
      } finally {
        db.close();
      }
    },
    async countExisting(ids) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare(`SELECT count(*) AS n FROM "Comment" WHERE id IN (SELECT value FROM json_each(?))`).get(JSON.stringify(ids)) as { n: number };
        return Number(row.n);
      } finally {
        db.close();
      }
    },
    async drop() {
      for (const ext of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${ext}`, { force: true });
    },
  };
}

async function onPostgresServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL, application_name: "agora-bench" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createPostgres(suffix: string): Promise<BenchDatabase> {
  const name = `agora_bench_${suffix}`;
  // A fresh random name: if it existed it would not be ours, and CREATE fails loudly instead of reusing it.
  await onPostgresServer(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  const shown = new URL(url);
  if (shown.password) shown.password = "***";
  return {
    kind: "postgres",
    url: url.toString(),
    label: shown.toString(),
    async counts(hotThreadId) {
      const client = new pg.Client({ connectionString: url.toString(), application_name: "agora-bench" });
      await client.connect();
      try {
        const one = async (sql: string) => Number((await client.query<{ n: string }>(sql, sql.includes("$1") ? [hotThreadId] : [])).rows[0]!.n);
        return {
          total: await one(COUNTS_SQL.total),
          benchPosts: await one(COUNTS_SQL.benchPosts),
          hotThreadCounted: await one(COUNTS_SQL.hotThreadCounted),
          hotThreadCommentCount: await one(COUNTS_SQL.hotThreadCommentCount),
        };
      } finally {
        await client.end();
      }
    },
    async countExisting(ids) {
      const client = new pg.Client({ connectionString: url.toString(), application_name: "agora-bench" });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Comment" WHERE id = ANY($1::text[])`, [ids]);
        return Number(rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    async drop() {
      // Only this run's database, by the exact name it created.
      await onPostgresServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
