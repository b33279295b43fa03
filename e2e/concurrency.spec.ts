import { expect, test } from "@playwright/test";
import { E2E_DATABASE, startAppServer, type AppServer } from "./app-server";
import { newFormVisitor } from "./form-visitor";
import { firstThreadPath, LOAD_TEST_ENV, loadTestDatabase, LOCK_ERRORS, openProbe, postConcurrently, signedInPosters, startSqliteWriterProcess } from "./load";

// A traffic spike on one thread: 50 signed-in members, each posting 20 comments as fast as the server answers,
// through the thread page's own form (a no-JavaScript form submit, the server action's real path). Nothing may be
// lost or doubled, and no member may see a lock error or a 500. On SQLite another process writes meanwhile (as a
// CLI command or an import would), so the app's connection must wait for the file's write lock, not fail.

const CLIENTS = 50;
const POSTS_EACH = 20;

test.describe(`${CLIENTS} clients posting ${POSTS_EACH} comments each to one thread (${E2E_DATABASE})`, () => {
  test.describe.configure({ timeout: 480_000 });

  let server: AppServer;
  let database: ReturnType<typeof loadTestDatabase>;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    database = loadTestDatabase("concurrency");
    server = await startAppServer({ ...LOAD_TEST_ENV, DATABASE_URL: database.url });
  });

  test.afterAll(async () => {
    await server?.stop();
    database?.dispose();
  });

  test("every comment is acknowledged and stored exactly once; the thread's count moves by exactly as many", async () => {
    const guide = await newFormVisitor(server.url);
    const threadPath = await firstThreadPath(guide);
    const threadId = threadPath.split("/").at(-1)!;
    const posters = await signedInPosters(server.url, threadPath, CLIENTS);
    const probe = await openProbe(database.url);
    const countBefore = await probe.threadCommentCount(threadId);
    const outputBefore = server.output().length;

    const tag = `load-${Date.now().toString(36)}`;
    const otherWriter = E2E_DATABASE === "sqlite" ? startSqliteWriterProcess(database.url) : undefined;
    const load = await postConcurrently(posters, threadPath, tag, POSTS_EACH);
    const otherTransactions = await otherWriter?.stop();
    test.info().annotations.push({
      type: "throughput",
      description:
        `${load.acknowledged.length} comments in ${load.ms} ms (${Math.round((load.acknowledged.length * 1000) / load.ms)}/s) on ${E2E_DATABASE}` +
        (otherWriter ? `, while another process committed ${otherTransactions} write transactions` : ""),
    });

    // No member saw an error or a refusal: every post was answered with the redirect to the new comment.
    expect(load.networkErrors).toEqual([]);
    expect(load.refused).toEqual([]);
    // ...while the other process did commit, between the app's writes.
    if (otherWriter) expect(otherTransactions).toBeGreaterThan(10);
    expect(load.acknowledged).toHaveLength(CLIENTS * POSTS_EACH);
    expect(new Set(load.acknowledged).size).toBe(CLIENTS * POSTS_EACH);

    // Exactly those comments are stored, and the thread's counter (moved in the same transactions) agrees.
    const stored = await probe.commentIds(threadId, tag);
    expect(stored).toHaveLength(CLIENTS * POSTS_EACH);
    expect(new Set(stored)).toEqual(new Set(load.acknowledged));
    expect((await probe.threadCommentCount(threadId)) - countBefore).toBe(CLIENTS * POSTS_EACH);
    expect(server.output().slice(outputBefore)).not.toMatch(LOCK_ERRORS);

    await probe.close();
    await Promise.all([guide.close(), ...posters.map(({ visitor }) => visitor.close())]);
  });
});
