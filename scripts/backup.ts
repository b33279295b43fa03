/**
 * A consistent copy of the SQLite database, taken while the forum keeps serving:
 *   npm run backup                 → <database dir>/backups/<name>-<UTC time>.db
 *   npm run backup -- <file.db>    → that file (never overwritten)
 * DATABASE_URL (environment, .env.local or .env) names the database. PostgreSQL is refused: use pg_dump.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "@/lib/database-url";
import { loadEnvFiles } from "@/lib/load-env-files";

export class BackupError extends Error {}

/** How long the copy waits for a lock held by another connection (e.g. a migration) before giving up. */
const LOCK_WAIT_MS = 10_000;

/** The SQLite file a file: DATABASE_URL names, relative paths from the current directory (as the app opens it). */
export function sqliteFileOf(url: string): string {
  if (isPostgresUrl(url)) {
    throw new BackupError(
      "DATABASE_URL is a PostgreSQL database: npm run backup copies SQLite files only. Back PostgreSQL up with pg_dump, " +
        'e.g. pg_dump --format=custom --file=agora.dump "$DATABASE_URL" (restore with pg_restore).',
    );
  }
  if (!url.startsWith("file:")) throw new BackupError(`DATABASE_URL must be a file: URL for SQLite; got ${url}`);
  return path.resolve(url.slice("file:".length).split("?")[0]!);
}

export function defaultBackupFile(sourceFile: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return path.join(path.dirname(sourceFile), "backups", `${path.basename(sourceFile, ".db")}-${stamp}.db`);
}

function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type BackupResult = { file: string; bytes: number; counts: Record<string, number> };

/**
 * Copies `sourceFile` to `targetFile` with VACUUM INTO: one read transaction, so the copy is the database as of
 * one instant, with every transaction committed by then in full and none in part. In WAL mode readers never
 * block writers, so the forum keeps posting meanwhile. The copy is written under a temporary name, checked
 * (integrity_check), flushed to disk, and only then given its name: a file with that name is a whole backup.
 */
export function backupSqliteDatabase(sourceFile: string, targetFile: string): BackupResult {
  if (!existsSync(sourceFile)) throw new BackupError(`no SQLite database at ${sourceFile}`);
  if (existsSync(targetFile)) throw new BackupError(`${targetFile} already exists; a backup never overwrites a file`);
  mkdirSync(path.dirname(targetFile), { recursive: true });
  const partial = `${targetFile}.partial`;
  rmSync(partial, { force: true });

  const source = new Database(sourceFile, { fileMustExist: true, timeout: LOCK_WAIT_MS });
  try {
    source.prepare("VACUUM INTO ?").run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }

  const copy = new Database(partial, { fileMustExist: true });
  let counts: Record<string, number>;
  try {
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new BackupError(`the copy failed its integrity check: ${String(integrity)}`);
    counts = Object.fromEntries(
      ["User", "Thread", "Comment", "Report", "ModerationLog"].map((table) => [
        table,
        Number((copy.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n),
      ]),
    );
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();

  // SQLite does not flush a VACUUM INTO file to disk itself.
  fsyncPath(partial);
  renameSync(partial, targetFile);
  fsyncPath(path.dirname(targetFile));
  return { file: targetFile, bytes: statSync(targetFile).size, counts };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length > 1 || argv.some((arg) => arg.startsWith("-"))) {
    console.error("usage: npm run backup [-- <backup-file.db>]");
    return 2;
  }
  loadEnvFiles();
  try {
    const sourceFile = sqliteFileOf(process.env.DATABASE_URL!);
    const targetFile = argv[0] ? path.resolve(argv[0]) : defaultBackupFile(sourceFile);
    const started = Date.now();
    const { file, bytes, counts } = backupSqliteDatabase(sourceFile, targetFile);
    const rows = Object.entries(counts)
      .map(([table, n]) => `${table} ${n}`)
      .join(", ");
    console.log(`Backed up ${sourceFile} to ${file}: ${bytes} bytes in ${Date.now() - started} ms, integrity ok (${rows}).`);
    console.log(`To restore: stop the server, delete ${path.basename(sourceFile)}-wal and -shm beside the database, copy the backup over it.`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
