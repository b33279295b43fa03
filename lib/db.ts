import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { createSqliteAdapter } from "./sqlite-adapter";

export function createPrismaClient(url: string = env.DATABASE_URL) {
  return new PrismaClient({
    adapter: createSqliteAdapter(url),
    // The password hash is never read unless a query asks for it by name.
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;

const globalForDb = globalThis as unknown as { agoraDb?: Db };

/** The one Prisma client of this process (cached on globalThis so dev reloads reuse it). */
export const db: Db = globalForDb.agoraDb ?? createPrismaClient();
if (env.NODE_ENV !== "production") globalForDb.agoraDb = db;
