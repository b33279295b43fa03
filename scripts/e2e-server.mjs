// Serves the production build on a throwaway database for the end-to-end tests:
//   SQLite (default): prisma/e2e.db, recreated on every start.
//   E2E_DATABASE=postgres: the PostgreSQL database E2E_DATABASE_URL names (playwright.config.ts picks a unique
//   agora_e2e_<pid>_<random>), created here and dropped once the server has stopped (SIGTERM / SIGINT).
import { execFileSync, spawn } from "node:child_process";
import { nextStartArgs } from "./lib/server-process.mjs";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const port = process.argv[2] ?? "3100";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const postgres = process.env.E2E_DATABASE === "postgres";

let url;
let dropDatabase = async () => {};
if (postgres) {
  url = process.env.E2E_DATABASE_URL;
  const name = url ? decodeURIComponent(new URL(url).pathname.slice(1)) : "";
  if (!url || !/^postgres(ql)?:\/\//.test(url) || !/^agora_e2e_[a-z0-9_]+$/.test(name)) {
    throw new Error(`E2E_DATABASE=postgres needs E2E_DATABASE_URL naming a database agora_e2e_*; got ${url}`);
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const onServer = async (sql) => {
    const client = new pg.Client({ connectionString: admin.toString(), application_name: "agora-e2e-server" });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // A unique name: an existing database of that name is not ours, so creating it fails loudly instead.
  await onServer(`CREATE DATABASE "${name}"`);
  console.log(`e2e: created PostgreSQL database ${name}`);
  dropDatabase = async () => {
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    console.log(`e2e: dropped PostgreSQL database ${name}`);
  };
} else {
  // E2E_DATABASE_URL=file:./prisma/<name>.db gives a parallel run its own file (with its own E2E_PORT and NEXT_DIST_DIR).
  url = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";
  if (!/^file:\.\/prisma\/[\w.-]+\.db$/.test(url)) throw new Error(`e2e refuses a database outside prisma/: ${url}`);
  const file = url.slice("file:./".length);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
try {
  execFileSync("node", ["scripts/setup.mjs"], { stdio: "inherit", env });
  if (!existsSync(path.join(distDir, "BUILD_ID"))) execFileSync("npx", ["next", "build"], { stdio: "inherit", env });
} catch (error) {
  await dropDatabase();
  throw error;
}

// `next` itself (not npx): a signal reaches the server directly, and it drains its requests before exiting.
const server = spawn(process.execPath, nextStartArgs(["-p", port, "-H", "127.0.0.1"], env), {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", async (code, signal) => {
  try {
    await dropDatabase();
  } finally {
    process.exit(code ?? (signal ? 0 : 1));
  }
});
