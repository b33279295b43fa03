// Runs every test runner (unit/integration, then end-to-end) and ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const RESULTS = "test-results";
mkdirSync(RESULTS, { recursive: true });

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

// Prepares .env.local (AUTH_SECRET) and the generated client; the runners use their own databases.
if (run("node", ["scripts/setup.mjs", "--no-seed"]) !== 0) {
  console.error("setup failed");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const unitFile = `${RESULTS}/unit.json`;
rmSync(unitFile, { force: true });
const unitStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitFile}`]);
const unit = readJson(unitFile);
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests;
  totals.skipped += unit.numPendingTests + unit.numTodoTests;
  lines.push(`unit/integration: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
} else {
  totals.failed += 1;
  lines.push(`unit/integration: runner failed before reporting (exit ${unitStatus})`);
}

let e2eStatus = run("npx", ["next", "build"]);
const e2eFile = `${RESULTS}/e2e.json`;
rmSync(e2eFile, { force: true });
if (e2eStatus === 0) {
  e2eStatus = run("npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile });
}
const e2e = readJson(e2eFile);
if (e2e) {
  const { expected, unexpected, flaky, skipped } = e2e.stats;
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  lines.push(`e2e: ${expected + flaky} passed (${flaky} on retry), ${unexpected} failed, ${skipped} skipped`);
} else {
  totals.failed += 1;
  lines.push(`e2e: build or runner failed before reporting (exit ${e2eStatus})`);
}

for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed === 0 && unitStatus === 0 && e2eStatus === 0 ? 0 : 1);
