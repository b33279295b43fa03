import { expect, test } from "@playwright/test";
import { E2E_DATABASE, startAppServer, type AppServer } from "./app-server";
import { newFormVisitor, postByForm } from "./form-visitor";
import { firstThreadPath, LOAD_TEST_ENV, loadTestDatabase, LOCK_ERRORS, openProbe, postConcurrently, signedInPosters } from "./load";

// The server process dies mid-spike (SIGKILL: no drain, no cleanup, as in a power cut of the process or the OOM
// killer). Whatever it acknowledged must survive, the database must be sound, and a restart must serve again.

const CLIENTS = 50;
const POSTS_EACH = 20;
/** Acknowledged comments before the kill: well into the load, far from its end. */
const KILL_AFTER = 150;

test.describe(`the server killed with SIGKILL under load (${E2E_DATABASE})`, () => {
  test.describe.configure({ timeout: 480_000 });

  let server: AppServer | undefined;
  let database: ReturnType<typeof loadTestDatabase>;

  test.beforeAll(() => {
    database = loadTestDatabase("crash");
  });

  test.afterAll(async () => {
    await server?.stop();
    database?.dispose();
  });

  test("every acknowledged comment survives, the database is sound, and the restarted server serves and posts", async () => {
    server = await startAppServer({ ...LOAD_TEST_ENV, DATABASE_URL: database.url });
    const guide = await newFormVisitor(server.url);
    const threadPath = await firstThreadPath(guide);
    const threadId = threadPath.split("/").at(-1)!;
    const posters = await signedInPosters(server.url, threadPath, CLIENTS);
    let probe = await openProbe(database.url);
    const countBefore = await probe.threadCommentCount(threadId);
    await probe.close();

    const tag = `crash-${Date.now().toString(36)}`;
    let killed: Promise<unknown> | undefined;
    const running = server;
    const load = await postConcurrently(posters, threadPath, tag, POSTS_EACH, (sofar) => {
      if (!killed && sofar.acknowledged.length >= KILL_AFTER) killed = running.stop("SIGKILL");
    });
    await killed;
    // The kill came mid-load: the posts in flight at that moment failed, and the rest were never sent.
    expect(killed).toBeDefined();
    expect(load.networkErrors.length).toBeGreaterThan(0);
    expect(load.acknowledged.length).toBeLessThan(CLIENTS * POSTS_EACH);
    expect(load.refused).toEqual([]);

    // The database as the crash left it (SQLite recovers its WAL on opening).
    probe = await openProbe(database.url);
    expect(await probe.integrityCheck()).toMatch(/^(ok|n\/a)$/);
    const stored = new Set(await probe.commentIds(threadId, tag));
    const lost = load.acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    // Only posts cut off in flight may have been stored without an answer; the counter agrees with the rows.
    expect(stored.size - load.acknowledged.length).toBeLessThanOrEqual(load.networkErrors.length);
    expect((await probe.threadCommentCount(threadId)) - countBefore).toBe(stored.size);
    await probe.close();
    test.info().annotations.push({
      type: "crash",
      description: `${load.acknowledged.length} acknowledged before the kill, all stored; ${load.networkErrors.length} posts cut off, ${stored.size - load.acknowledged.length} of them stored unanswered`,
    });

    // A restart on the same database serves pages, keeps sessions, and takes comments again.
    server = await startAppServer({ ...LOAD_TEST_ENV, DATABASE_URL: database.url });
    const after = await newFormVisitor(server.url);
    expect((await after.http.get(threadPath)).status()).toBe(200);
    const { visitor, hidden } = posters[0]!;
    const again = await postByForm(visitor, `${server.url}${threadPath}`, hidden, `${tag} after the restart`);
    expect(again.detail).toMatch(/#c-/);
    probe = await openProbe(database.url);
    expect(await probe.commentIds(threadId, `${tag} after the restart`)).toEqual([again.commentId]);
    expect(await probe.integrityCheck()).toMatch(/^(ok|n\/a)$/);
    await probe.close();
    expect(server.output()).not.toMatch(LOCK_ERRORS);
    await Promise.all([guide.close(), after.close(), ...posters.map((poster) => poster.visitor.close())]);
  });
});
