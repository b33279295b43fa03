// Lints (ESLint), checks the format (Prettier) and type-checks the whole tree (tsc), then runs every test runner on both databases — unit/integration (vitest) on
// SQLite, then on PostgreSQL; one production build; end-to-end (Playwright) on SQLite, then on PostgreSQL — and
// ends with one line totalling them all: "N passed, N failed" (", N skipped" when some were). Per-database subtotals are printed above it.
//
// PostgreSQL: the server at TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres). Each test
// file and each e2e run creates its own uniquely named database there and drops it afterwards.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const RESULTS = "test-results";
const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
mkdirSync(RESULTS, { recursive: true });

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Results per database: { runner: { passed, failed, skipped, note } }. */
const results = { checks: {}, sqlite: {}, postgres: {} };
let allExitedCleanly = true;

function record(database, runner, counts) {
  results[database][runner] = counts;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    console.error(`PostgreSQL at ${POSTGRES_SERVER} is not reachable (${error.message}); start it or set TEST_POSTGRES_URL.`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabaseIfExists(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^agora_e2e_[a-z0-9_]+$/.test(name)) return;
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  try {
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      console.log(`dropped leftover e2e database ${name}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

function unitTests(database) {
  const file = `${RESULTS}/unit-${database}.json`;
  rmSync(file, { force: true });
  const started = Date.now();
  console.log(`\n=== unit/integration on ${database} ===`);
  const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], {
    TEST_DATABASE: database,
  });
  const report = readJson(file);
  if (status !== 0) allExitedCleanly = false;
  if (!report) {
    record(database, "unit/integration", { passed: 0, failed: 1, skipped: 0, note: `runner failed before reporting (exit ${status})` });
    return;
  }
  record(database, "unit/integration", {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    note: seconds(started),
  });
}

async function e2eTests(database, built) {
  const file = `${RESULTS}/e2e-${database}.json`;
  rmSync(file, { force: true });
  if (!built) {
    record(database, "e2e", { passed: 0, failed: 1, skipped: 0, note: "build failed" });
    return;
  }
  const started = Date.now();
  console.log(`\n=== e2e on ${database} ===`);
  const extraEnv = { E2E_DATABASE: database, PLAYWRIGHT_JSON_OUTPUT_NAME: file };
  if (database === "postgres") {
    const url = new URL(POSTGRES_SERVER);
    url.pathname = `/agora_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
    extraEnv.E2E_DATABASE_URL = url.toString();
  }
  const status = run("npx", ["playwright", "test", "--reporter=list,json"], extraEnv);
  // The server drops its database when it stops; a crash could leave it behind.
  if (extraEnv.E2E_DATABASE_URL) await dropDatabaseIfExists(extraEnv.E2E_DATABASE_URL);
  if (status !== 0) allExitedCleanly = false;
  const report = readJson(file);
  if (!report) {
    record(database, "e2e", { passed: 0, failed: 1, skipped: 0, note: `runner failed before reporting (exit ${status})` });
    return;
  }
  const { expected, unexpected, flaky, skipped } = report.stats;
  record(database, "e2e", {
    passed: expected + flaky,
    failed: unexpected,
    skipped,
    note: `${flaky} passed on retry; ${seconds(started)}`,
  });
}

const startedAll = Date.now();

// Prepares .env.local (AUTH_SECRET) and the generated clients; the runners use their own databases.
if (run("node", ["scripts/setup.mjs", "--no-seed", "--no-migrate"]) !== 0) {
  console.error("setup failed");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const postgresUp = await postgresReachable();

// Static checks first, each counted as one test in the tally: lint (ESLint, the layering rules included), the
// format (Prettier) and types of everything (tests, e2e specs, scripts and the bench included: `next build` checks
// only the app).
function check(name, title, script) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const ok = run("npm", ["run", "--silent", script]) === 0;
  record("checks", name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: seconds(started) });
}
check("lint", "lint (eslint)", "lint");
check("format", "format check (prettier --check)", "format:check");
check("typecheck", "typecheck (tsc --noEmit, the whole tree)", "typecheck");

unitTests("sqlite");
if (postgresUp) unitTests("postgres");
else record("postgres", "unit/integration", { passed: 0, failed: 1, skipped: 0, note: "PostgreSQL not reachable" });

// One build serves both databases: the server picks its driver from DATABASE_URL when it starts.
console.log("\n=== next build ===");
const buildStarted = Date.now();
const built = run("npx", ["next", "build"]) === 0;
if (!built) allExitedCleanly = false;
const buildTime = seconds(buildStarted);

await e2eTests("sqlite", built);
if (postgresUp) await e2eTests("postgres", built);
else record("postgres", "e2e", { passed: 0, failed: 1, skipped: 0, note: "PostgreSQL not reachable" });

const totals = { passed: 0, failed: 0, skipped: 0 };
console.log("");
for (const [database, runners] of Object.entries(results)) {
  const subtotal = { passed: 0, failed: 0, skipped: 0 };
  for (const [runner, counts] of Object.entries(runners)) {
    for (const key of Object.keys(subtotal)) subtotal[key] += counts[key];
    console.log(`${database} ${runner}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${counts.note})`);
  }
  for (const key of Object.keys(totals)) totals[key] += subtotal[key];
  console.log(`${database} subtotal: ${subtotal.passed} passed, ${subtotal.failed} failed, ${subtotal.skipped} skipped`);
}
console.log(`build: ${built ? "ok" : "FAILED"} (${buildTime}); everything took ${seconds(startedAll)}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed === 0 && allExitedCleanly ? 0 : 1);
