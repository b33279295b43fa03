// Serves the production build on a throwaway SQLite database for the end-to-end tests.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

const port = process.argv[2] ?? "3100";
const file = "prisma/e2e.db";
const url = process.env.E2E_DATABASE_URL ?? `file:./${file}`;
if (!url.startsWith("file:./prisma/")) throw new Error(`e2e refuses a database outside prisma/: ${url}`);

for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
execFileSync("node", ["scripts/setup.mjs"], { stdio: "inherit", env });
if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit", env });

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
