import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DATABASE, E2E_DATABASE_URL } from "./app-server";

/** Runs one statement; its parameters are numbered PostgreSQL's way ($1, $2…) on both databases. */
export type RunSql = (sql: string, values?: unknown[]) => Promise<void>;

/** What Prisma stores in SQLite: ISO dates with an explicit offset, booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Opens the suite's database (the one the e2e server uses: SQLite through better-sqlite3, PostgreSQL through pg)
 * for the length of `use`, and closes it after. Opened per use, never kept: a spec may replace the SQLite file
 * (a restore from a backup), and a handle kept open would go on writing to the file that was replaced.
 */
export async function withSuiteDatabase<T>(use: (run: RunSql) => Promise<T>, label = "agora-e2e"): Promise<T> {
  if (E2E_DATABASE === "postgres") {
    const client = new pg.Client({ connectionString: E2E_DATABASE_URL, application_name: label });
    await client.connect();
    try {
      return await use(async (sql, values) => void (await client.query(sql, values)));
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(E2E_DATABASE_URL.slice("file:".length), { fileMustExist: true, timeout: 10_000 });
  try {
    return await use(async (sql, values = []) => {
      // SQLite gets one ? per occurrence of a numbered parameter.
      const ordered: unknown[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => (ordered.push(sqliteValue(values[Number(n) - 1])), "?"));
      sqlite.prepare(text).run(...ordered);
    });
  } finally {
    sqlite.close();
  }
}
