import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,seeds,app,scripts}/**/*.test.ts"],
    setupFiles: ["./lib/testing/setup-test-db.ts"],
    // TEST_DATABASE=postgres: names this run's databases and drops any left behind.
    globalSetup: ["./lib/testing/global-setup.ts"],
    pool: "forks",
    // Vitest's default is one worker fewer than the machine's cores: a single worker on this 2-core machine. Each
    // file has its own database (SQLite file or PostgreSQL database) and binds only port 0, so two run at once.
    maxWorkers: 2,
    // next-auth imports "next/server" without an extension, which Node's own loader refuses; Vite resolves it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 20_000,
    // proxy.ts under test has no server to render pages through: the anonymous cache stays off. The automatic
    // cool-down stays out of the way of tests that post a lot; lib/queries/slow-mode.test.ts passes its own. It is
    // weighed after every post (no once-a-second throttle, whose trailing run would land in a later test).
    env: { ANONYMOUS_CACHE_SECONDS: "0", COOLDOWN_COMMENTS_PER_10_MIN: "100000", COOLDOWN_REPORTS_PER_10_MIN: "100000", COOLDOWN_CHECK_SECONDS: "0" },
  },
});
