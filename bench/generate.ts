/**
 * Writes the benchmark's dataset (bench/dataset.ts) into an empty, migrated database, fast: raw SQL in bulk,
 * in one transaction, not through Prisma; the comments' materialized paths are computed in memory by the app's
 * placeComments, then the app's backfillCommentPaths checks them (and would rewrite any that differ).
 *
 *   npx tsx bench/generate.ts <database-url> [--manifest <file>] [--seed <n>] [--scale <factor>]
 *
 * The URL is a SQLite file (file:./prisma/bench.db) or a PostgreSQL database; run the migrations first
 * (`DATABASE_URL=<url> node scripts/setup.mjs --no-seed`). A database that already has users is refused.
 * Prints (and with --manifest writes) what the load runs need: the thread and user ids, the sign-in password.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { placeComments } from "@/lib/materialized-path";
import { cookBody } from "@/lib/cooked-body";
import { isPostgresUrl } from "@/lib/database-url";
import { hashPassword } from "@/lib/password";
import { DEFAULT_DATASET, generateDataset, type Dataset } from "./dataset";

/** Every benchmark member signs in with this password (hashed once, the hash shared by all 5,000 rows). */
export const BENCH_PASSWORD = "bench-password-1234";

export type Manifest = {
  seed: number;
  databaseUrl: string;
  counts: { users: number; threads: number; comments: number; hotThreadComments: number };
  articleSlug: string;
  hotThreadId: string;
  ordinaryThreadId: string;
  ordinaryThreadComments: number;
  busiestUserId: string;
  /** Members (not staff) the posting run signs in as. */
  posterEmails: string[];
  /** A moderator (not an admin), whose thread page carries every moderation control. */
  moderatorEmail: string;
  password: string;
  /** Comments of the hot thread that can be replied to. */
  replyTargetIds: string[];
  stats: Dataset["stats"];
  /** backfillCommentPaths ran over the rows (it always does now; kept for older result files). */
  backfilledPaths: boolean;
  /** Wall-clock times, and this process's CPU time (on a busy machine the wall clock mostly measures waiting). */
  timings: {
    generateMs: number;
    insertMs: number;
    backfillMs: number;
    totalMs: number;
    cpuMs: number;
    phaseCpuMs: { generate: number; insert: number; backfill: number };
  };
};

type ColumnType = "text" | "int" | "bool" | "date" | `enum:${string}`;
type Table = { name: string; columns: [string, ColumnType][]; rows: unknown[][] };

function tablesOf(dataset: Dataset, passwordHash: string, placed: ReturnType<typeof placeComments>): Table[] {
  const { users, article, threads, comments } = dataset;
  const place = (id: string) => placed.places.get(id)!;
  return [
    {
      name: "User",
      columns: [
        ["id", "text"],
        ["name", "text"],
        ["email", "text"],
        ["passwordHash", "text"],
        ["role", "enum:Role"],
        ["createdAt", "date"],
        ["updatedAt", "date"],
      ],
      rows: users.map((u) => [u.id, u.name, u.email, passwordHash, u.role, u.createdAt, u.createdAt]),
    },
    {
      name: "Article",
      columns: [
        ["id", "text"],
        ["slug", "text"],
        ["title", "text"],
        ["source", "text"],
        ["summary", "text"],
        ["createdAt", "date"],
        ["updatedAt", "date"],
      ],
      rows: [[article.id, article.slug, article.title, article.source, article.summary, article.createdAt, article.createdAt]],
    },
    {
      name: "Thread",
      columns: [
        ["id", "text"],
        ["articleId", "text"],
        ["position", "int"],
        ["title", "text"],
        ["summary", "text"],
        ["excerpt", "text"],
        ["commentCount", "int"],
        ["commentSeq", "int"],
        ["lastActivityAt", "date"],
        ["createdAt", "date"],
      ],
      rows: threads.map((t) => [
        t.id,
        article.id,
        t.position,
        t.title,
        t.summary,
        t.excerpt,
        t.commentCount,
        placed.lastNumber.get(t.id) ?? 0,
        t.lastActivityAt,
        t.createdAt,
      ]),
    },
    {
      name: "Comment",
      columns: [
        ["id", "text"],
        ["threadId", "text"],
        ["authorId", "text"],
        ["parentId", "text"],
        ["depth", "int"],
        ["path", "text"],
        ["replyCount", "int"],
        ["body", "text"],
        ["bodyHtml", "text"],
        ["bodyHtmlVersion", "int"],
        ["bodySources", "text"],
        ["status", "enum:CommentStatus"],
        ["moderationReason", "text"],
        ["moderatedById", "text"],
        ["moderatedAt", "date"],
        ["createdAt", "date"],
        ["editedAt", "date"],
        ["deletedAt", "date"],
      ],
      // Rendered as the app's writes render them (lib/cooked-body.ts), so pages read stored HTML as in production.
      rows: comments.map((c) => {
        const cooked = cookBody(c.body);
        return [
          c.id,
          c.threadId,
          c.authorId,
          c.parentId,
          place(c.id).depth,
          place(c.id).path,
          place(c.id).replyCount,
          c.body,
          cooked.bodyHtml,
          cooked.bodyHtmlVersion,
          cooked.bodySources,
          c.status,
          c.moderationReason,
          c.moderatedById,
          c.moderatedAt,
          c.createdAt,
          c.editedAt,
          c.deletedAt,
        ];
      }),
    },
  ];
}

const quote = (name: string) => `"${name}"`;

/** Prisma's better-sqlite3 adapter stores DateTime as ISO 8601 text with an explicit +00:00 offset. */
const sqliteValue = (value: unknown) =>
  value instanceof Date ? value.toISOString().replace("Z", "+00:00") : typeof value === "boolean" ? Number(value) : value;

function sqliteFile(url: string): string {
  const file = url.slice("file:".length).split("?")[0]!;
  return path.resolve(file);
}

function insertSqlite(url: string, tables: Table[]): void {
  const file = sqliteFile(url);
  if (!existsSync(file)) throw new Error(`no SQLite database at ${file}: run the migrations first`);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // A bulk load touches every index (and the full-text index's triggers) all over: keep the pages in memory.
    db.pragma("cache_size = -262144");
    const users = db.prepare(`SELECT count(*) AS n FROM "User"`).get() as { n: number };
    if (users.n > 0) throw new Error(`${file} already has ${users.n} users: the benchmark writes only into a new database`);
    db.transaction(() => {
      for (const table of tables) {
        const columns = table.columns.map(([name]) => quote(name)).join(", ");
        const insert = db.prepare(`INSERT INTO ${quote(table.name)} (${columns}) VALUES (${table.columns.map(() => "?").join(", ")})`);
        for (const row of table.rows) insert.run(row.map(sqliteValue));
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

const POSTGRES_BATCH = 5_000;

function postgresArrayType(type: ColumnType): string {
  if (type.startsWith("enum:")) return `${quote(type.slice(5))}[]`;
  return { text: "text[]", int: "int[]", bool: "boolean[]", date: "timestamp(3)[]" }[type as "text"];
}

async function insertPostgres(url: string, tables: Table[]): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "agora-bench-generate" });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "User"`);
    if (Number(rows[0]!.n) > 0) throw new Error(`the database already has ${rows[0]!.n} users: the benchmark writes only into a new database`);
    await client.query("BEGIN");
    for (const table of tables) {
      const columns = table.columns.map(([name]) => quote(name)).join(", ");
      const arrays = table.columns.map(([, type], i) => `$${i + 1}::${postgresArrayType(type)}`).join(", ");
      const sql = `INSERT INTO ${quote(table.name)} (${columns}) SELECT * FROM unnest(${arrays})`;
      for (let start = 0; start < table.rows.length; start += POSTGRES_BATCH) {
        const batch = table.rows.slice(start, start + POSTGRES_BATCH);
        // One array per column; timestamps travel as UTC ISO text (the column is timestamp without time zone).
        const params = table.columns.map((_, i) => batch.map((row) => (row[i] instanceof Date ? (row[i] as Date).toISOString() : row[i])));
        await client.query(sql, params);
      }
    }
    await client.query("COMMIT");
    // Fresh bulk-loaded tables have no statistics yet; autovacuum would gather them soon on a live server.
    await client.query("ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Each comment's place in its thread (materialized path, depth, reply count) and each thread's last comment
 * number, computed by the app's own placeComments, numbering comments as backfillCommentPaths does (by thread,
 * then oldest first, then id). Written with the rows, so the backfill that follows finds nothing to change.
 */
function placesOf(dataset: Dataset) {
  const ordered = [...dataset.comments].sort((a, b) => compare(a.threadId, b.threadId) || a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id));
  return placeComments(ordered);
}

/** This process's CPU time so far (user + system), in ms: start-up included, PostgreSQL's own work not. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Runs the app's backfillCommentPaths over the whole database, as an import would: it recomputes every
 * comment's place from the parent links and rewrites what differs (here nothing, see placesOf).
 */
async function backfillPaths(url: string): Promise<void> {
  // lib/db reads DATABASE_URL when it is first imported.
  process.env.DATABASE_URL = url;
  const { backfillCommentPaths } = await import("@/lib/queries/comment-placement");
  const { db } = await import("@/lib/db");
  try {
    await backfillCommentPaths(db);
  } finally {
    await db.$disconnect();
  }
}

/** `scale` shrinks (or grows) the users and comments, for a quick trial of the harness; 1 is the benchmark. */
async function generate(url: string, seed = DEFAULT_DATASET.seed, scale = 1): Promise<Manifest> {
  const started = performance.now();
  const scaled = (n: number) => Math.max(1, Math.round(n * scale));
  const dataset = generateDataset({
    ...DEFAULT_DATASET,
    seed,
    users: scaled(DEFAULT_DATASET.users),
    comments: scaled(DEFAULT_DATASET.comments),
    hotThreadComments: scaled(DEFAULT_DATASET.hotThreadComments),
  });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const tables = tablesOf(dataset, passwordHash, placesOf(dataset));
  const generated = performance.now();
  const cpuGenerated = cpuMs();
  if (isPostgresUrl(url)) await insertPostgres(url, tables);
  else insertSqlite(url, tables);
  const inserted = performance.now();
  const cpuInserted = cpuMs();
  await backfillPaths(url);
  const done = performance.now();
  const cpuDone = cpuMs();

  const ordinary = dataset.threads.find((thread) => thread.id === dataset.ordinaryThreadId)!;
  return {
    seed,
    databaseUrl: url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@"),
    counts: {
      users: dataset.users.length,
      threads: dataset.threads.length,
      comments: dataset.comments.length,
      hotThreadComments: dataset.comments.filter((comment) => comment.threadId === dataset.hotThreadId).length,
    },
    articleSlug: dataset.article.slug,
    hotThreadId: dataset.hotThreadId,
    ordinaryThreadId: dataset.ordinaryThreadId,
    ordinaryThreadComments: ordinary.commentCount,
    busiestUserId: dataset.busiestUserId,
    posterEmails: dataset.users
      .filter((user) => user.role === "member")
      .slice(0, 64)
      .map((user) => user.email),
    moderatorEmail: dataset.users.find((user) => user.role === "moderator")!.email,
    password: BENCH_PASSWORD,
    replyTargetIds: dataset.replyTargetIds,
    stats: dataset.stats,
    backfilledPaths: true,
    timings: {
      generateMs: Math.round(generated - started),
      insertMs: Math.round(inserted - generated),
      backfillMs: Math.round(done - inserted),
      totalMs: Math.round(done - started),
      cpuMs: cpuDone,
      phaseCpuMs: { generate: cpuGenerated, insert: cpuInserted - cpuGenerated, backfill: cpuDone - cpuInserted },
    },
  };
}

async function main(argv: string[]) {
  const url = argv[0];
  if (!url || url.startsWith("-")) {
    console.error("usage: npx tsx bench/generate.ts <database-url> [--manifest <file>] [--seed <n>] [--scale <factor>]");
    return 2;
  }
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const manifest = await generate(url, Number(option("--seed") ?? DEFAULT_DATASET.seed), Number(option("--scale") ?? 1));
  const out = option("--manifest");
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(manifest, null, 2));
  }
  const { replyTargetIds, posterEmails, ...summary } = manifest;
  console.log(JSON.stringify({ ...summary, replyTargets: replyTargetIds.length, posters: posterEmails.length }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
