import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "./database-url";

/**
 * Loads `.env.local` then `.env` from the project root into process.env for scripts and the Prisma CLI,
 * mirroring what Next.js does for the app. Variables already set in the environment win.
 */
export function loadEnvFiles(root: string = process.cwd()): void {
  for (const name of [".env.local", ".env"]) {
    const file = path.join(root, name);
    if (existsSync(file)) process.loadEnvFile(file);
  }
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
}
