// Prepares a checkout to run: a local secret, both generated Prisma clients, the database schema, every
// comment's stored HTML made by the current renderer, the article's threads. Safe to run again. The database
// is DATABASE_URL's (environment, .env.local or .env):
// a SQLite file (default file:./prisma/agora.db) or a PostgreSQL database (postgres:// or postgresql://),
// which must exist; prisma.config.ts picks the matching migrations (prisma/migrations or
// prisma/postgres/migrations). SQLite: stop servers using the file first (migrate deploy locks it).
// Flags: --no-migrate (secret and clients only), --no-seed.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const ENV_FILE = ".env.local";

function ensureAuthSecret() {
  const current = existsSync(ENV_FILE) ? readFileSync(ENV_FILE, "utf8") : "";
  if (process.env.AUTH_SECRET || /^AUTH_SECRET=./m.test(current)) return;
  const line = `AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`;
  appendFileSync(ENV_FILE, (current && !current.endsWith("\n") ? "\n" : "") + line, { mode: 0o600 });
  console.log(`setup: generated AUTH_SECRET in ${ENV_FILE}`);
}

function run(command, args) {
  execFileSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

ensureAuthSecret();
if (!existsSync("lib/generated/prisma/client.ts") || !existsSync("lib/generated/postgres/client.ts")) {
  run("node", ["scripts/generate-clients.mjs"]);
}
if (!process.argv.includes("--no-migrate")) {
  run("npx", ["prisma", "migrate", "deploy"]);
  // Comments' stored HTML for the current renderer (rows older than the columns, or a RENDERER_VERSION bump),
  // and reply counts under the current rule.
  run("npx", ["tsx", "scripts/backfill-comments.ts"]);
  if (!process.argv.includes("--no-seed")) run("npx", ["tsx", "scripts/seed.ts"]);
}
