import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DATABASE, E2E_DATABASE_URL, startAppServer, type AppServer } from "./app-server";
import { expect, test } from "./helpers";

// What an operator relies on: a health check a load balancer can poll, a request id on every answer that
// matches a JSON line in the log, and error pages that help the reader without showing internals.

type LogLine = { level?: string; msg?: string; requestId?: string; error?: { message?: string; digest?: string } | string };

function jsonLines(output: string): LogLine[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    });
}

/** What a production stack trace or driver message would look like if it reached the page. */
const INTERNALS = [/\bat [\w$.<>]+ \(/, /node_modules/, /\.next\//, /no such table/i, /relation "/i, /"Thread"/, /prisma/i];

/** Renames the Thread table away (every page that lists threads then fails) and returns the undo. */
async function breakThreadTable(): Promise<() => Promise<void>> {
  if (E2E_DATABASE === "postgres") {
    const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
    await client.connect();
    await client.query('ALTER TABLE "Thread" RENAME TO "Thread_broken_by_e2e"');
    return async () => {
      await client.query('ALTER TABLE "Thread_broken_by_e2e" RENAME TO "Thread"');
      await client.end();
    };
  }
  const sqlite = new Database(E2E_DATABASE_URL.slice("file:".length), { timeout: 10_000 });
  sqlite.exec('ALTER TABLE "Thread" RENAME TO "Thread_broken_by_e2e"');
  return async () => {
    sqlite.exec('ALTER TABLE "Thread_broken_by_e2e" RENAME TO "Thread"');
    sqlite.close();
  };
}

test.describe("health, request ids and error pages", () => {
  test("/api/health answers 200 with the database reachable, uncached, with a request id", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true } });
  });

  test("every answer carries its own request id, and a client cannot choose it", async ({ request }) => {
    const first = await request.get("/", { headers: { "x-request-id": "chosen-by-the-client" } });
    const second = await request.get("/");
    const ids = [first.headers()["x-request-id"], second.headers()["x-request-id"]];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  test("an unknown address shows the friendly not-found page with status 404", async ({ page }) => {
    for (const path of ["/t/no-such-thread", "/t/no-such-thread/c/no-such-comment", "/u/nobody", "/no/such/page"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Back to the discussion" })).toBeVisible();
    }
  });

  test.describe("when the database fails", () => {
    test.describe.configure({ timeout: 120_000 });
    let server: AppServer | undefined;
    test.afterEach(async () => {
      await server?.stop("SIGKILL");
      server = undefined;
    });

    test("a page that fails shows a friendly 500 with a reference, no internals, and logs a JSON line with the request id", async ({ page }) => {
      server = await startAppServer();
      const restore = await breakThreadTable();
      try {
        const response = await page.goto(`${server.url}/`);
        expect(response?.status()).toBe(500);
        await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
        const html = await response!.text();
        for (const pattern of INTERNALS) expect(html, String(pattern)).not.toMatch(pattern);

        const requestId = response!.headers()["x-request-id"];
        expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
        await expect.poll(() => jsonLines(server!.output()).find((line) => line.requestId === requestId)).toBeTruthy();
        const line = jsonLines(server.output()).find((entry) => entry.requestId === requestId)!;
        expect(line).toMatchObject({ level: "error", msg: "request failed" });
        expect(JSON.stringify(line.error)).toMatch(/Thread/);

        // The reference shown to the reader is the digest in that log line.
        const digest = typeof line.error === "object" ? line.error.digest : undefined;
        expect(digest).toBeTruthy();
        await expect(page.getByText(digest!)).toBeVisible();
      } finally {
        await restore();
      }
      // Once the database is back, the same server serves again.
      expect((await page.goto(`${server.url}/`))?.status()).toBe(200);
    });

    test("/api/health answers 503 when the database cannot be reached, and logs why", async ({ request }) => {
      const unreachable = E2E_DATABASE === "postgres" ? "postgresql://postgres@127.0.0.1:9/agora_unreachable" : "file:./prisma/no-such-directory/forum.db";
      server = await startAppServer({ DATABASE_URL: unreachable }, { readyPath: "/api/health", isReady: (response) => response.status > 0 });
      const response = await request.get(`${server.url}/api/health`);
      expect(response.status()).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: "unavailable", database: { reachable: false }, error: { code: "database_unreachable" } });
      // The driver's reason is for the log, not the caller.
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|SQLITE|directory/i);
      const requestId = response.headers()["x-request-id"];
      await expect
        .poll(() => jsonLines(server!.output()).find((line) => line.requestId === requestId && line.msg === "health check: database unreachable"))
        .toBeTruthy();
    });
  });
});
