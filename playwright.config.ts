import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN } from "./e2e/accounts";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// E2E_DATABASE=postgres: the server (scripts/e2e-server.mjs) creates this uniquely named PostgreSQL database and
// drops it when it stops. Set here, in the runner, so the workers inherit the same URL: specs that start
// more servers on the same database (e2e/multi-instance.spec.ts) read it from E2E_DATABASE_URL.
if (process.env.E2E_DATABASE === "postgres" && !process.env.E2E_DATABASE_URL) {
  const server = new URL(process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  server.pathname = `/agora_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
  process.env.E2E_DATABASE_URL = server.toString();
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : "list",
  timeout: 30_000,
  use: {
    baseURL,
    trace: "on-first-retry",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh, migrated and seeded database, then the production server.
    command: `node scripts/e2e-server.mjs ${PORT}`,
    url: `${baseURL}/`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    // The suite's admin (e2e/moderation.spec.ts) becomes one by signing in.
    // Open threads ask for new comments every second instead of every 15 (e2e/live-updates.spec.ts).
    // Signed-out readers get fresh pages, as the specs expect right after a change (e2e/anonymous-cache.spec.ts
    // starts a server with the cache on).
    // The automatic cool-down is off here: specs post and report a lot in the same threads (e2e/slow-mode.spec.ts
    // starts a server with it on).
    // The specs connect from 127.0.0.1 and speak for made-up visitors in X-Forwarded-For (e2e/helpers.ts): loopback is
    // a trusted proxy here, as nginx is in production (e2e/trusted-proxy.spec.ts starts a server that trusts nobody).
    env: {
      TRUST_PROXY: "loopback",
      ADMIN_EMAILS: E2E_ADMIN.email,
      LIVE_UPDATES_POLL_SECONDS: "1",
      ANONYMOUS_CACHE_SECONDS: "0",
      COOLDOWN_COMMENTS_PER_10_MIN: "100000",
      COOLDOWN_REPORTS_PER_10_MIN: "100000",
    },
    // SIGTERM, not SIGKILL: the server drains and the e2e script then drops its PostgreSQL database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
