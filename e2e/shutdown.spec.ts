import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE, E2E_DATABASE_URL, startAppServer } from "./app-server";
import { SEEDED_ARTICLE } from "./helpers";

// `next start` on SIGTERM: the HTTP server stops accepting connections and finishes the requests it has, then
// instrumentation.ts (lib/shutdown.ts) closes the database connections, then the process exits (143).

test.describe("graceful shutdown", () => {
  test.describe.configure({ timeout: 90_000 });

  test("on SIGTERM the server exits with 143 after closing its database connections", async () => {
    const server = await startAppServer();
    expect(server.output()).not.toContain("database connections closed");
    expect(await server.stop("SIGTERM")).toBe(143);
    expect(server.output()).toContain("agora: SIGTERM: requests finished, database connections closed");
  });

  test("a request in flight when SIGTERM arrives is answered before the pool closes", async () => {
    test.skip(E2E_DATABASE !== "postgres", "needs PostgreSQL (E2E_DATABASE=postgres): it holds a request in flight by locking a table from another connection");
    const server = await startAppServer();
    const locker = new pg.Client({ connectionString: E2E_DATABASE_URL, application_name: "agora-e2e-locker" });
    await locker.connect();
    try {
      // The article's page reads its threads; while this transaction holds the table, its request waits.
      await locker.query('BEGIN; LOCK TABLE "Thread" IN ACCESS EXCLUSIVE MODE');
      const inFlight = fetch(`${server.url}${SEEDED_ARTICLE}`);
      await expect
        .poll(
          async () =>
            (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n,
        )
        .toBeGreaterThan(0);

      server.process.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Still draining: the process has not exited and has not closed its pool.
      expect(server.process.exitCode).toBeNull();
      expect(server.output()).not.toContain("database connections closed");
      // New connections are no longer accepted.
      await expect(fetch(`${server.url}/`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();

      await locker.query("COMMIT");
      const response = await inFlight;
      const body = await response.text();
      // The pool was still open for the whole request (closing it early would log this line first).
      expect(server.output()).not.toContain("database connections closed");
      expect(response.status).toBe(200);
      expect(body).toContain("The points it makes");

      expect(await server.stop()).toBe(143);
      expect(server.output()).toContain("agora: SIGTERM: requests finished, database connections closed");
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
      await server.stop("SIGKILL");
    }
  });
});
