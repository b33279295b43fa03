import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { setTimeout as sleep } from "node:timers/promises";

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;
type SqlQuery = Parameters<SqlDriverAdapter["queryRaw"]>[0];

/**
 * How long a statement waits for another process's lock (a seed run, a CLI command) before it fails.
 * The PrismaClient's transaction maxWait must allow as much (lib/db.ts).
 */
export const SQLITE_LOCK_WAIT_MS = 10_000;

export type SqliteAdapterOptions = {
  /** Longest wait for another connection's lock, per statement. */
  lockWaitMs?: number;
  /** WAL everywhere it works; tests use DELETE (rollback journal) to make a COMMIT meet a reader's lock. */
  journalMode?: "WAL" | "DELETE";
};

const query = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

// SQLite's own busy handler sleeps inside the (synchronous) driver call and would freeze the whole server while
// another process holds the lock, so the driver never waits (timeout 0) and the waiting is done here, with
// timers. The steps are the ones SQLite's default busy handler uses.
const RETRY_DELAYS_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** A lock held by another connection: worth waiting for. (SQLITE_BUSY_SNAPSHOT, a deferred transaction's stale read, is not.) */
function isBusy(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { originalCode?: unknown } };
  return [code, cause?.originalCode].some((value) => typeof value === "string" && value.startsWith("SQLITE_BUSY") && value !== "SQLITE_BUSY_SNAPSHOT");
}

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY, for at most `lockWaitMs` from the first refusal (time spent
 * waiting for this process's own connection does not count: that queue always moves). `attempt` is told whether
 * it is a retry.
 */
async function retryWhileBusy<T>(lockWaitMs: number, attempt: (isRetry: boolean) => Promise<T>): Promise<T> {
  let deadline: number | undefined;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(tries > 0);
    } catch (error) {
      deadline ??= Date.now() + lockWaitMs;
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    const delay = RETRY_DELAYS_MS[Math.min(tries, RETRY_DELAYS_MS.length - 1)]!;
    await sleep(Math.min(delay, Math.max(deadline - Date.now(), 0)));
  }
}

/**
 * Ownership of the one connection, in arrival order, except that a statement retrying after another process's
 * lock goes first: sent to the back of the queue on every retry, it could wait out its deadline behind this
 * process's own traffic and fail a request under load.
 */
class ConnectionLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  /** Resolves, once the connection is this caller's, with the function that frees it (safe to call twice). */
  acquire(first = false): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.#held = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#handOver();
        });
      };
      if (!this.#held) grant();
      else if (first) this.#waiting.unshift(grant);
      else this.#waiting.push(grant);
    });
  }

  #handOver() {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/**
 * A transaction that owns the connection from BEGIN IMMEDIATE until COMMIT or ROLLBACK, whatever their outcome.
 * Prisma runs COMMIT as a statement and only then calls commit(); when that statement fails it calls neither
 * commit() nor rollback() — and SQLite keeps the transaction open after a failed COMMIT. Left alone, the
 * connection would stay inside it: every later write would join a transaction nobody commits (silently lost) and
 * every later transaction would wait for the connection forever. So a failed COMMIT is rolled back here, the
 * connection freed, and the error passed on.
 */
class ImmediateTransaction implements Transaction {
  readonly options = { usePhantomQuery: false };
  readonly provider: Transaction["provider"];
  readonly adapterName: string;

  constructor(
    private readonly connection: SqlDriverAdapter,
    private readonly release: () => void,
    private readonly lockWaitMs: number,
  ) {
    this.provider = connection.provider;
    this.adapterName = connection.adapterName;
  }

  queryRaw(sql: SqlQuery) {
    return retryWhileBusy(this.lockWaitMs, () => this.connection.queryRaw(sql));
  }

  async executeRaw(sql: SqlQuery) {
    const statement = sql.sql.trim().toUpperCase();
    if (statement === "COMMIT") return this.#commit(sql);
    if (statement === "ROLLBACK") {
      try {
        return await this.connection.executeRaw(sql);
      } finally {
        this.release();
      }
    }
    return retryWhileBusy(this.lockWaitMs, () => this.connection.executeRaw(sql));
  }

  async #commit(sql: SqlQuery) {
    try {
      // A COMMIT refused because a reader still holds the file (rollback journal) may be retried: the
      // transaction stays intact meanwhile.
      return await retryWhileBusy(this.lockWaitMs, () => this.connection.executeRaw(sql));
    } catch (error) {
      // "no transaction is active" if SQLite already rolled back on its own: either way nothing is left open.
      await this.connection.executeRaw(query("ROLLBACK")).catch(() => undefined);
      throw error;
    } finally {
      this.release();
    }
  }

  async commit() {
    this.release();
  }

  async rollback() {
    this.release();
  }
}

/**
 * Prisma's better-sqlite3 adapter with three changes to its write path:
 * - transactions begin with BEGIN IMMEDIATE, taking the write lock up front: a deferred transaction that reads
 *   and then writes gets SQLITE_BUSY at once (SQLite cannot wait without risking a deadlock) when another
 *   process wrote in between, whatever the busy timeout;
 * - while a transaction is open, nothing else runs on the connection (Prisma's adapter lets any other query of
 *   the process run inside it: a write that then rolls back with it, after being acknowledged to its user);
 * - lock waits are asynchronous (see RETRY_DELAYS_MS), and a failed COMMIT is rolled back (ImmediateTransaction).
 */
class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly #lock = new ConnectionLock();

  constructor(
    private readonly connection: SqlDriverAdapter,
    private readonly lockWaitMs: number,
  ) {
    this.provider = connection.provider;
    this.adapterName = connection.adapterName;
  }

  /** Runs one statement on its own; the connection is free for others while it waits for a lock. */
  async #alone<T>(run: () => Promise<T>): Promise<T> {
    return retryWhileBusy(this.lockWaitMs, async (isRetry) => {
      const release = await this.#lock.acquire(isRetry);
      try {
        return await run();
      } finally {
        release();
      }
    });
  }

  queryRaw(sql: SqlQuery) {
    return this.#alone(() => this.connection.queryRaw(sql));
  }

  executeRaw(sql: SqlQuery) {
    return this.#alone(() => this.connection.executeRaw(sql));
  }

  executeScript(script: string) {
    return this.#alone(() => this.connection.executeScript(script));
  }

  async startTransaction(isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]): Promise<Transaction> {
    // SQLite transactions are serializable; Prisma's adapter refuses any other level, so does this one.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite supports only SERIALIZABLE transactions, not ${isolationLevel}`);
    }
    return retryWhileBusy(this.lockWaitMs, async (isRetry) => {
      const release = await this.#lock.acquire(isRetry);
      try {
        await this.connection.executeRaw(query("BEGIN IMMEDIATE"));
      } catch (error) {
        release();
        throw error;
      }
      return new ImmediateTransaction(this.connection, release, this.lockWaitMs);
    });
  }

  dispose() {
    return this.connection.dispose();
  }
}

/** The better-sqlite3 statement surface Prisma's adapter uses: prepare(sql).bind(args), then run, or columns and raw().all(). */
type Statement = {
  readonly reader: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  columns(): unknown[];
  raw(toggle?: boolean): Statement;
  bind(...params: unknown[]): Statement;
};
type Database = { prepare(sql: string): Statement };

/** Distinct SQL texts kept compiled: the app sends a few dozen shapes; the bound keeps odd ones (long IN lists) from piling up. */
export const PREPARED_STATEMENTS_KEPT = 500;

/**
 * Keeps each SQL text's compiled statement instead of compiling it again for every query. Prisma's adapter calls
 * prepare(sql).bind(args) every time, and a better-sqlite3 statement can be bound only once; so prepare() hands
 * out a light stand-in whose bind() keeps the arguments and passes them to the cached statement at each call.
 * SQLite itself recompiles a kept statement if the schema changes under it. Compiling was about a tenth of a
 * signed-in thread page's server time (bench/README.md, profiles).
 */
export function keepPreparedStatements(database: Database, max = PREPARED_STATEMENTS_KEPT): void {
  const compile = database.prepare.bind(database);
  const kept = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let compiled = kept.get(sql);
    if (compiled) {
      // Most recently used last: the first one in the map is the one to drop.
      kept.delete(sql);
    } else {
      compiled = compile(sql);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, compiled);
    return compiled;
  };
  const withArguments = (compiled: Statement, params: unknown[]) => ({
    reader: compiled.reader,
    run: () => compiled.run(...params),
    columns: () => compiled.columns(),
    // Raw rows (arrays), as the adapter asks for every read; set on each use, since the statement is shared.
    raw: () => ({ all: () => compiled.raw(true).all(...params) }),
  });
  database.prepare = ((sql: string) => {
    const compiled = statement(sql);
    return { ...withArguments(compiled, []), bind: (...params: unknown[]) => withArguments(compiled, params) };
  }) as Database["prepare"];
}

// WAL lets readers proceed while a writer commits; synchronous=FULL makes every acknowledged commit durable
// across power loss, not only across a process crash.
const connectionPragmas = (journalMode: string) => `
  PRAGMA journal_mode = ${journalMode};
  PRAGMA synchronous = FULL;
  PRAGMA foreign_keys = ON;
`;

/** The better-sqlite3 driver adapter with Agora's connection settings and write path (SerializedSqliteAdapter). */
class AgoraSqliteAdapterFactory extends PrismaBetterSQLite3 {
  readonly #lockWaitMs: number;
  readonly #journalMode: string;

  constructor(url: string, { lockWaitMs = SQLITE_LOCK_WAIT_MS, journalMode = "WAL" }: SqliteAdapterOptions) {
    super({ url, timeout: 0 });
    this.#lockWaitMs = lockWaitMs;
    this.#journalMode = journalMode;
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const connection = await super.connect();
    keepPreparedStatements((connection as unknown as { client: Database }).client);
    const adapter = new SerializedSqliteAdapter(connection, this.#lockWaitMs);
    await adapter.executeScript(connectionPragmas(this.#journalMode));
    return adapter;
  }
}

export function createSqliteAdapter(url: string, options: SqliteAdapterOptions = {}) {
  return new AgoraSqliteAdapterFactory(url, options);
}
