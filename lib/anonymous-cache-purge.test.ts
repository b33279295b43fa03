import { afterEach, describe, expect, it } from "vitest";
import { sharedAnonymousCache, type CachedPage, type PageRequest } from "@/lib/anonymous-page-cache";
import { db } from "@/lib/db";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { decideAppeal } from "@/lib/queries/appeals";
import { moderateComment, moderateThread } from "@/lib/queries/moderation";
import { listenForPurges, purgeAnonymousPages, PURGE_CHANNEL, type PurgeListener } from "./anonymous-cache-purge";

const request = (path: string): PageRequest => ({
  method: "GET",
  url: new URL(path, "http://127.0.0.1:3000"),
  headers: new Headers({ accept: "text/html", host: "127.0.0.1:3000" }),
});
const page = (body: string): CachedPage => ({ body, headers: [["content-type", "text/html"]], nonce: "N", storedAt: 0 });

// This process's shared cache, as proxy.ts creates it, with a renderer that needs no server.
const cache = sharedAnonymousCache(60_000, async (r) => page(r.url.pathname));

async function fillCache(threadId: string): Promise<void> {
  for (const path of ["/", "/a/test", `/t/${threadId}`]) await cache.get(request(path));
  expect(cache.size).toBe(3);
}

describe("what empties this instance's anonymous cache at once", () => {
  it("a moderator's hide, removal, restore and approval of a comment", async () => {
    const [threadId] = await createTestThreads(1);
    const author = await createTestUser();
    const mod = await createTestModerator();
    const comment = await createTestComment({ threadId: threadId!, authorId: author.id });
    for (const kind of ["hide", "restore", "remove"] as const) {
      await fillCache(threadId!);
      await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind, reason: "r" });
      expect(cache.size, kind).toBe(0);
    }
    const held = await createTestComment({ threadId: threadId!, authorId: author.id, status: "pending" });
    await fillCache(threadId!);
    await moderateComment({ moderatorId: mod.id, commentId: held.id, kind: "approve" });
    expect(cache.size).toBe(0);
  });

  it("a thread's lock and unlock", async () => {
    const [threadId] = await createTestThreads(1);
    const mod = await createTestModerator();
    for (const kind of ["lock", "unlock"] as const) {
      await fillCache(threadId!);
      await moderateThread({ moderatorId: mod.id, threadId: threadId!, kind, reason: "r" });
      expect(cache.size, kind).toBe(0);
    }
  });

  it("an appeal that overturns a hide, showing the comment again", async () => {
    const [threadId] = await createTestThreads(1);
    const author = await createTestUser();
    const [mod, other] = [await createTestModerator(), await createTestModerator("Other")];
    const comment = await createTestComment({ threadId: threadId!, authorId: author.id });
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "r" });
    const log = await db.moderationLog.findFirstOrThrow({ where: { targetId: comment.id, action: "hide_comment" } });
    const appeal = await db.appeal.create({ data: { logId: log.id, appellantId: author.id, commentId: comment.id, body: "Please" } });
    await fillCache(threadId!);
    await decideAppeal({ decider: { id: other.id, role: "moderator", suspension: null }, appealId: appeal.id, outcome: "overturned", reason: "Fine" });
    expect(cache.size).toBe(0);
  });

  it("a refused moderation (nothing changed) leaves the cache alone", async () => {
    const [threadId] = await createTestThreads(1);
    const mod = await createTestModerator();
    await fillCache(threadId!);
    await expect(moderateComment({ moderatorId: mod.id, commentId: "nosuchcomment", kind: "hide" })).rejects.toThrow();
    expect(cache.size).toBe(3);
    await purgeAnonymousPages();
    expect(cache.size).toBe(0);
  });
});

// Two listeners in this process stand in for two other instances of the app on the same database.
describe.runIf(testDatabaseKind() === "postgres")("other instances, through PostgreSQL's NOTIFY", () => {
  const listeners: PurgeListener[] = [];
  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((listener) => listener.close()));
  });

  function instance(id: string) {
    const heard: string[] = [];
    const listener = listenForPurges(process.env.DATABASE_URL!, (sender) => heard.push(sender), { instanceId: id });
    listeners.push(listener);
    return { heard, listener };
  }

  it("a moderator's hide reaches every other instance within a second", async () => {
    const [a, b] = [instance("instance-a"), instance("instance-b")];
    await Promise.all([a.listener.ready, b.listener.ready]);
    const [threadId] = await createTestThreads(1);
    const comment = await createTestComment({ threadId: threadId!, authorId: (await createTestUser()).id });
    const started = Date.now();
    await moderateComment({ moderatorId: (await createTestModerator()).id, commentId: comment.id, kind: "hide", reason: "r" });
    await expect.poll(() => a.heard.length + b.heard.length, { timeout: 1_000, interval: 20 }).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(a.heard[0]).toBe(b.heard[0]);
  });

  it("an instance ignores its own notification (it has emptied its cache already)", async () => {
    const a = instance("instance-a");
    const b = instance("instance-b");
    await Promise.all([a.listener.ready, b.listener.ready]);
    await db.$executeRaw`SELECT pg_notify(${PURGE_CHANNEL}, 'instance-a')`;
    await expect.poll(() => b.heard, { timeout: 1_000, interval: 20 }).toEqual(["instance-a"]);
    expect(a.heard).toEqual([]);
  });

  it("a listener whose connection dies connects again, purges (it may have missed one), and hears the next purge", async () => {
    const a = instance("instance-a");
    await a.listener.ready;
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'agora-cache-purge' AND datname = current_database()`;
    await expect.poll(() => a.heard, { timeout: 5_000, interval: 50 }).toEqual(["reconnected"]);
    await purgeAnonymousPages();
    await expect.poll(() => a.heard.length, { timeout: 1_000, interval: 20 }).toBe(2);
  });
});
