import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { createSqliteAdapter } from "./sqlite-adapter";

let executedQueries = 0;

/** SQL statements this process has sent, for tests and benchmarks that prove a page's query count. */
export function executedQueryCount(): number {
  return executedQueries;
}

export function createPrismaClient(url: string = env.DATABASE_URL) {
  const client = new PrismaClient({
    adapter: createSqliteAdapter(url),
    // The password hash is never read unless a query asks for it by name.
    omit: { user: { passwordHash: true } },
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", () => {
    executedQueries += 1;
  });
  return client;
}

export type Db = ReturnType<typeof createPrismaClient>;

const globalForDb = globalThis as unknown as { agoraDb?: Db };

/** The one Prisma client of this process (cached on globalThis so dev reloads reuse it). */
export const db: Db = globalForDb.agoraDb ?? createPrismaClient();
if (env.NODE_ENV !== "production") globalForDb.agoraDb = db;

/** The client handed to an interactive transaction's callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
