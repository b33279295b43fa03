import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { DEFAULT_POOL_SIZE } from "./database-url";

/**
 * System-catalog types @prisma/adapter-pg cannot describe, and the text type each one is reported as:
 * `name` (identifiers), `"char"` (one-letter codes such as pg_constraint.contype) and `name[]`.
 */
const AS_TEXT: Record<number, number> = { 19: 25, 18: 25, 1003: 1009 };

type FieldsResult = { fields?: { dataTypeID: number }[] } | undefined;

function reportNameAsText<T>(result: T): T {
  const results = Array.isArray(result) ? (result as FieldsResult[]) : [result as FieldsResult];
  for (const each of results) {
    for (const field of each?.fields ?? []) field.dataTypeID = AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
  }
  return result;
}

/**
 * A pg client whose results describe `name` (and `"char"`) columns as `text`. Prisma's schema engine (`prisma
 * migrate`) reads catalog columns of these types, which @prisma/adapter-pg rejects ("Column type 'name' could not be
 * deserialized"). The values are plain strings either way, so describing them as text is exact. (A type
 * parser for OID 19 is not enough: the adapter picks a column's type from the field's type OID, not from its
 * parser.) The app's own queries never return these types.
 */
class NameAsTextClient extends pg.Client {
  // pg's query() has many overloads; every form is forwarded unchanged and only the result metadata is rewritten.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (last > 0 && typeof args[last] === "function") {
      const callback = args[last] as (error: Error | undefined, result: unknown) => void;
      args[last] = (error: Error | undefined, result: unknown) => callback(error, error ? result : reportNameAsText(result));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const returned = (super.query as (...forwarded: any[]) => any)(...args);
    return returned instanceof Promise ? returned.then(reportNameAsText) : returned;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * @prisma/adapter-pg with two fixes for `prisma migrate` (the app's queries are unaffected):
 * - A script (a migration) is sent as one simple-protocol query, which PostgreSQL runs as one implicit
 *   transaction, as Prisma's native engine does. The stock adapter splits it on ";" and runs the pieces one by
 *   one, which breaks plpgsql bodies (the moderation log's trigger function) and half-applies a failed migration.
 * - The shadow database (`migrate dev`, `migrate diff --from-migrations`) really is a new database: the stock
 *   adapter sets `database` next to a `connectionString`, which wins, so its "shadow" was the main database.
 */
class AgoraPrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig & { connectionString: string }) {
    super(poolConfig);
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    // The pool whose use lib/metrics.ts reports (a plain global: this module is loaded by the Prisma CLI too).
    (globalThis as Record<symbol, unknown>)[Symbol.for("agora.pgPool")] = (adapter as unknown as { client?: unknown }).client;
    return withWholeScripts(adapter);
  }

  override async connectToShadowDb(): Promise<Adapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const url = new URL(this.poolConfig.connectionString);
    url.pathname = `/${database}`;
    const shadow = await new AgoraPrismaPg({ ...this.poolConfig, connectionString: url.toString(), max: 1 }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

function withWholeScripts(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    // No parameters: pg uses the simple query protocol, which accepts several statements.
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

export type PostgresAdapterOptions = {
  /** The most connections this process opens (the pool's `max`). */
  poolSize?: number;
  /** Shown in pg_stat_activity, so an operator can tell processes apart. */
  applicationName?: string;
};

/** The PostgreSQL driver adapter with Agora's pool settings; the adapter owns its pool and ends it on $disconnect. */
export function createPostgresAdapter(url: string, options: PostgresAdapterOptions = {}) {
  return new AgoraPrismaPg({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: options.applicationName ?? "agora",
    // A connection idle for 30 s is closed; a new one is opened on demand.
    idleTimeoutMillis: 30_000,
    // Idle connections do not keep a process alive: the Prisma CLI (prisma.config.ts) never closes its adapter
    // and would otherwise linger for idleTimeoutMillis after its work is done.
    allowExitOnIdle: true,
    // Waiting longer than this for a free connection (or to connect) fails the query instead of hanging.
    connectionTimeoutMillis: 10_000,
    Client: NameAsTextClient,
  });
}
