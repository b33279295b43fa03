import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { isPostgresUrl } from "./database-url";
import { env } from "./env";
import { createPostgresAdapter } from "./postgres-adapter";
import { createSqliteAdapter, SQLITE_LOCK_WAIT_MS } from "./sqlite-adapter";

// Shared by every copy of this module in the process (Next bundles server code in several layers), so one
// counter and one client serve them all.
const shared = globalThis as unknown as { agoraDb?: Db; agoraExecutedQueries?: number };

/** SQL statements this process has sent, for tests and benchmarks that prove a page's query count. */
export function executedQueryCount(): number {
  return shared.agoraExecutedQueries ?? 0;
}

// In a traffic spike a transaction queues for a connection (SQLite's one, then maybe another process's write
// lock; a PostgreSQL pool's) and for row locks behind its peers. Prisma's defaults, 2 s to start and 5 s to
// finish, turned that wait into a 500 under load: waiting longer is the answer, not failing.
const TRANSACTION_OPTIONS = { maxWait: SQLITE_LOCK_WAIT_MS + 2_000, timeout: 15_000 };

// The two constructors take the same options (written out in each, so both infer the same client type):
// the password hash is never read unless a query asks for it by name; every query emits an event (counted).
function createSqliteClient(url: string) {
  return new PrismaClient({
    adapter: createSqliteAdapter(url),
    transactionOptions: TRANSACTION_OPTIONS,
    omit: { user: { passwordHash: true } },
    log: [{ emit: "event", level: "query" }],
  });
}

function createPostgresClient(url: string) {
  return new PostgresPrismaClient({
    adapter: createPostgresAdapter(url, { poolSize: env.DATABASE_POOL_SIZE }),
    transactionOptions: TRANSACTION_OPTIONS,
    omit: { user: { passwordHash: true } },
    log: [{ emit: "event", level: "query" }],
  });
}

type Client = ReturnType<typeof createSqliteClient>;

/**
 * A Prisma client for `url`: file: URLs use SQLite (better-sqlite3), postgres:// and postgresql:// URLs use
 * PostgreSQL (node-postgres, a pool of DATABASE_POOL_SIZE connections). Both clients are generated from the
 * same models (prisma/postgres/schema.prisma is generated from prisma/schema.prisma), so their model APIs are
 * identical and the PostgreSQL client is typed as the SQLite one: the rest of the code sees one `Db` type.
 */
export function createPrismaClient(url: string = env.DATABASE_URL): Client {
  const client = isPostgresUrl(url) ? (createPostgresClient(url) as unknown as Client) : createSqliteClient(url);
  client.$on("query", () => {
    shared.agoraExecutedQueries = (shared.agoraExecutedQueries ?? 0) + 1;
  });
  return client;
}

export type Db = Client;

/** The one Prisma client of this process (cached on globalThis: dev reloads and every bundle layer reuse it). */
export const db: Db = shared.agoraDb ?? createPrismaClient();
shared.agoraDb = db;

/** The client handed to an interactive transaction's callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Closes this process's database connections (the PostgreSQL pool; the SQLite file handle), if any were
 * opened. For shutdown: instrumentation.ts calls it once the server has finished its in-flight requests.
 */
export async function disconnectDb(): Promise<void> {
  await shared.agoraDb?.$disconnect();
}
