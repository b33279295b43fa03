import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// busy_timeout makes concurrent writers (another process, a seed run) wait for the lock instead of failing.
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

// WAL lets readers proceed while a writer commits; synchronous=FULL makes every acknowledged commit durable
// across power loss, not only across a process crash.
const CONNECTION_PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = FULL;
  PRAGMA foreign_keys = ON;
`;

/** The better-sqlite3 driver adapter with Agora's connection settings applied on every connect. */
class ConfiguredSqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }
}

export function createSqliteAdapter(url: string) {
  return new ConfiguredSqliteAdapterFactory({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
}
