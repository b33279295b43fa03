/** SQLite file used when DATABASE_URL is unset; relative paths resolve from the project root. */
export const DEFAULT_DATABASE_URL = "file:./prisma/agora.db";

/** PostgreSQL connections one app process opens at most when DATABASE_POOL_SIZE is unset. */
export const DEFAULT_POOL_SIZE = 10;

/** postgres:// and postgresql:// URLs select PostgreSQL; file: URLs select SQLite. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
