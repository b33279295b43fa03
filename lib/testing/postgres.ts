import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** The PostgreSQL server tests create their databases on: any database there that we may connect to. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "postgres", "migrations");

/** Which database the unit/integration suite runs on: TEST_DATABASE=postgres, SQLite otherwise. */
export function testDatabaseKind(): "sqlite" | "postgres" {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

/** A database name no other run, process or file will pick: <prefix>_<pid>_<random>. */
export function uniqueDatabaseName(prefix: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`bad database name prefix: ${prefix}`);
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** The URL of `database` on the server of `serverUrl`. */
export function databaseUrl(database: string, serverUrl: string = POSTGRES_ADMIN_URL): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "agora-tests" });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates an empty database (its name must be unique: see uniqueDatabaseName) and returns its URL. A
 * throwaway database commits without waiting for the disk (synchronous_commit = off): a crash could lose
 * its last commits, which a test database never needs, and write-heavy tests run about twice as fast.
 */
export async function createDatabase(name: string, serverUrl: string = POSTGRES_ADMIN_URL, options: { throwaway?: boolean } = {}): Promise<string> {
  await withClient(serverUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${quote(name)}`);
    if (options.throwaway ?? true) await admin.query(`ALTER DATABASE ${quote(name)} SET synchronous_commit = off`);
  });
  return databaseUrl(name, serverUrl);
}

/**
 * Applies the committed PostgreSQL migrations, in folder order, each as one script: the schema tests run
 * against is the shipped one (including the moderation log's triggers).
 */
export async function applyPostgresMigrations(url: string): Promise<void> {
  const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withClient(url, async (client) => {
    for (const folder of folders) {
      await client.query(readFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), "utf8"));
    }
  });
}

/** Drops a database this process created, closing any connections still open to it. */
export async function dropDatabase(name: string, serverUrl: string = POSTGRES_ADMIN_URL): Promise<void> {
  await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

/** Drops every database whose name starts with `prefix_` (a test run's leftovers, e.g. after a crash). */
export async function dropDatabasesWithPrefix(prefix: string, serverUrl: string = POSTGRES_ADMIN_URL): Promise<string[]> {
  if (!/^agora_(test|e2e|copy)_[a-z0-9_]+$/.test(prefix)) throw new Error(`refusing to drop databases by prefix ${prefix}`);
  return withClient(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${prefix}_`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
    return rows.map((row) => row.datname);
  });
}
