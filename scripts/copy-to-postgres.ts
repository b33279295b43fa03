/**
 * Copies a SQLite forum into an empty, migrated PostgreSQL database:
 *   npm run db:copy-to-postgres -- <sqlite-file> <postgres-url>
 *
 * - The source is opened read-only and read inside one transaction (a consistent snapshot); stop the app
 *   (or at least its writes) first anyway, so nothing written during the copy is left behind.
 * - The target must be migrated to the same migrations as the source (`DATABASE_URL=<postgres-url> npm run
 *   setup -- --no-seed` without seeding) and hold no rows: the copy refuses otherwise and writes nothing.
 * - Every table is copied in dependency order (users before what they wrote, a comment's parent before its
 *   replies), in batches, through the Prisma clients (so dates, booleans and enums convert exactly), inside one
 *   PostgreSQL transaction: on any error nothing is written. Row counts are compared before committing.
 * - The moderation log's triggers refuse UPDATE and DELETE only, so inserting its history is allowed.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { isPostgresUrl } from "@/lib/database-url";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma/client";
import { createPostgresAdapter } from "@/lib/postgres-adapter";

const USAGE = "usage: npm run db:copy-to-postgres -- <sqlite-file> <postgres-url>";
const BATCH_SIZE = 1000;
/** The whole copy is one transaction; a big forum can take a while. */
const TRANSACTION_TIMEOUT_MS = 60 * 60 * 1000;

class CopyError extends Error {}

type Row = Record<string, unknown>;
/** The slice of a Prisma model delegate the copy uses (the same on both clients). */
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  count(): Promise<number>;
};
type Client = Record<string, unknown>;

/** Every table, parents first. `key` orders the batches; Comment is copied level by level (see copyComments). */
export const TABLES = [
  { model: "user", table: "User", key: "id" },
  { model: "account", table: "Account", key: "id" },
  { model: "session", table: "Session", key: "id" },
  { model: "verificationToken", table: "VerificationToken", key: "token" },
  { model: "article", table: "Article", key: "id" },
  { model: "thread", table: "Thread", key: "id" },
  { model: "comment", table: "Comment", key: "id" },
  { model: "notification", table: "Notification", key: "id" },
  { model: "report", table: "Report", key: "id" },
  { model: "moderationLog", table: "ModerationLog", key: "id" },
  { model: "wordFilter", table: "WordFilter", key: "id" },
  { model: "rateLimiterFlexible", table: "RateLimiterFlexible", key: "key" },
] as const;

const delegate = (client: Client, model: string) => client[model] as Delegate;

function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

type MigrationRow = { migration_name: string };

async function appliedMigrations(query: () => Promise<MigrationRow[]>, where: string): Promise<string[]> {
  try {
    return (await query()).map((row) => row.migration_name).sort();
  } catch {
    throw new CopyError(`${where} has no migration history (_prisma_migrations): it was not set up with \`npm run setup\``);
  }
}

function sameList(a: string[], b: string[]) {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Reads a table in key order, BATCH_SIZE rows at a time. */
async function* batches(source: Client, model: string, key: string): AsyncGenerator<Row[]> {
  let cursor: unknown;
  for (;;) {
    const rows = await delegate(source, model).findMany({
      orderBy: { [key]: "asc" },
      take: BATCH_SIZE,
      ...(cursor === undefined ? {} : { cursor: { [key]: cursor }, skip: 1 }),
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = rows.at(-1)![key];
    if (rows.length < BATCH_SIZE) return;
  }
}

/**
 * Comments reference their parent, so a parent must be written before its replies. The levels come from the
 * parent links themselves (not from the stored depth): top-level comments, then their replies, and so on.
 */
async function copyComments(source: Client, target: Client): Promise<number> {
  const links = (await delegate(source, "comment").findMany({ select: { id: true, parentId: true }, orderBy: { id: "asc" } })) as {
    id: string;
    parentId: string | null;
  }[];
  const children = new Map<string | null, string[]>();
  for (const { id, parentId } of links) children.set(parentId, [...(children.get(parentId) ?? []), id]);
  const known = new Set(links.map((link) => link.id));
  const orphans = links.filter((link) => link.parentId !== null && !known.has(link.parentId));
  if (orphans.length) throw new CopyError(`comment ${orphans[0]!.id} replies to a comment that does not exist (${orphans[0]!.parentId})`);

  let level = children.get(null) ?? [];
  let copied = 0;
  while (level.length) {
    for (let i = 0; i < level.length; i += BATCH_SIZE) {
      const ids = level.slice(i, i + BATCH_SIZE);
      const rows = await delegate(source, "comment").findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
      copied += (await delegate(target, "comment").createMany({ data: rows })).count;
    }
    level = level.flatMap((id) => children.get(id) ?? []);
  }
  if (copied !== links.length) throw new CopyError(`comments: copied ${copied} of ${links.length} (a reply cycle?)`);
  return copied;
}

export async function copyToPostgres(sqliteFile: string, postgresUrl: string, log: (line: string) => void = console.log) {
  if (!existsSync(sqliteFile)) throw new CopyError(`no such SQLite file: ${sqliteFile}`);
  if (!isPostgresUrl(postgresUrl)) throw new CopyError(`not a PostgreSQL URL (postgres:// or postgresql://): ${postgresUrl}`);

  const source = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${path.resolve(sqliteFile)}`, readonly: true, fileMustExist: true }) });
  const target = new PostgresClient({ adapter: createPostgresAdapter(postgresUrl, { poolSize: 2, applicationName: "agora-copy-to-postgres" }) });
  try {
    const expected = migrationNames(path.join("prisma", "migrations"));
    const sourceMigrations = await appliedMigrations(
      () => source.$queryRaw<MigrationRow[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      "the SQLite file",
    );
    if (!sameList(sourceMigrations, expected)) {
      throw new CopyError(
        `the SQLite file has migrations [${sourceMigrations.join(", ")}], this checkout [${expected.join(", ")}]: ` +
          "migrate it first (DATABASE_URL=file:<file> npm run setup -- --no-seed), with the app stopped",
      );
    }
    const targetMigrations = await appliedMigrations(
      () => target.$queryRaw<MigrationRow[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      "the PostgreSQL database",
    );
    if (!sameList(targetMigrations, migrationNames(path.join("prisma", "postgres", "migrations")))) {
      throw new CopyError(
        `the PostgreSQL database has migrations [${targetMigrations.join(", ")}]; it needs all of prisma/postgres/migrations: ` +
          "run DATABASE_URL=<postgres-url> npm run setup -- --no-seed",
      );
    }
    const targetClient = target as unknown as Client;
    const occupied: string[] = [];
    for (const { model, table } of TABLES) {
      const rows = await delegate(targetClient, model).count();
      if (rows > 0) occupied.push(`${table} (${rows})`);
    }
    if (occupied.length) throw new CopyError(`the PostgreSQL database is not empty: ${occupied.join(", ")}; copy only into a new database`);

    const counts = await source.$transaction(
      async (snapshot) => {
        const from = snapshot as unknown as Client;
        return target.$transaction(
          async (tx) => {
            const to = tx as unknown as Client;
            const copied: { table: string; rows: number }[] = [];
            for (const { model, table, key } of TABLES) {
              let rows = 0;
              if (model === "comment") rows = await copyComments(from, to);
              else for await (const batch of batches(from, model, key)) rows += (await delegate(to, model).createMany({ data: batch })).count;
              const inSource = await delegate(from, model).count();
              const inTarget = await delegate(to, model).count();
              if (rows !== inSource || inTarget !== inSource) throw new CopyError(`${table}: ${inSource} rows in SQLite but ${inTarget} copied`);
              log(`  ${table.padEnd(20)} ${rows}`);
              copied.push({ table, rows });
            }
            return copied;
          },
          { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
        );
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
    return counts;
  } finally {
    await Promise.all([source.$disconnect(), target.$disconnect()]);
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 2 || argv.some((arg) => arg.startsWith("-"))) {
    console.error(USAGE);
    return 2;
  }
  const [sqliteFile, postgresUrl] = argv as [string, string];
  const shown = new URL(postgresUrl);
  if (shown.password) shown.password = "***";
  console.log(`Copying ${sqliteFile} into ${shown} ...`);
  try {
    const counts = await copyToPostgres(sqliteFile, postgresUrl);
    console.log(`Done: ${counts.reduce((sum, { rows }) => sum + rows, 0)} rows in ${counts.length} tables, committed.`);
    return 0;
  } catch (error) {
    if (error instanceof CopyError) {
      console.error(`error: ${error.message}. Nothing was written.`);
      return 1;
    }
    console.error(error);
    console.error("The copy failed and was rolled back: nothing was written.");
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
