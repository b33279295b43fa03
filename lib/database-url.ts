/** SQLite file used when DATABASE_URL is unset; relative paths resolve from the project root. */
export const DEFAULT_DATABASE_URL = "file:./prisma/agora.db";
