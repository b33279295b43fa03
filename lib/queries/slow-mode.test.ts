import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readEnv, slowModeConfig, type SlowModeConfig } from "@/lib/env";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { CommentError, createComment } from "./comments";
import { createReport } from "./reports";
import { evaluateCooldown, isSlowModeActive, setSlowMode, slowModeRefusal, SlowModeError } from "./slow-mode";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

const CONFIG: SlowModeConfig = { slowModeMinutes: 2, commentsPer10Min: 3, reportsPer10Min: 2, quietMinutes: 30 };
const MIN = 60_000;

let threadId: string;
let articleId: string;
let mod: TestUser;
let alice: TestUser;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  articleId = (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { articleId: true } })).articleId;
  mod = await createTestModerator("Mod");
  alice = await createTestUser("Alice");
});

const thread = () => db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { slowModeManual: true, slowModeUntil: true, slowModeSince: true } });
const slowLogs = () => db.moderationLog.findMany({ where: { targetId: threadId, action: { startsWith: "slow_mode" } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

async function comments(n: number) {
  for (let i = 0; i < n; i++) await createTestComment({ threadId, authorId: (await createTestUser(`Poster ${i}`)).id });
}

describe("the automatic cool-down", () => {
  it("stays off at the comment threshold and switches on past it, logged once as Agora with the rate", async () => {
    await comments(3);
    expect(await evaluateCooldown(threadId, CONFIG)).toEqual({ busy: false, switchedOn: false });
    expect(isSlowModeActive(await thread())).toBe(false);
    await comments(1);
    const now = new Date();
    expect(await evaluateCooldown(threadId, CONFIG, now)).toEqual({ busy: true, switchedOn: true });
    const state = await thread();
    expect(state.slowModeSince!.getTime()).toBe(now.getTime());
    expect(state.slowModeUntil!.getTime()).toBe(now.getTime() + 30 * MIN);
    const [log, ...rest] = await slowLogs();
    expect(rest).toHaveLength(0);
    expect(log).toMatchObject({ moderatorId: null, action: "slow_mode_on", articleId, targetType: "thread", detail: "4 comments in 10 minutes (threshold 3)" });
  });

  it("switches on past the report threshold", async () => {
    const target = await createTestComment({ threadId, authorId: alice.id });
    for (let i = 0; i < 3; i++) await createReport({ reporterId: (await createTestUser(`Reporter ${i}`)).id, threadId, commentId: target.id, reason: "spam" });
    expect((await evaluateCooldown(threadId, CONFIG)).switchedOn).toBe(true);
    expect((await slowLogs())[0]!.detail).toBe("3 reports in 10 minutes (threshold 2)");
  });

  it("extends while still busy without logging again, and ends by itself once the quiet period passes", async () => {
    await comments(4);
    const t0 = new Date();
    await evaluateCooldown(threadId, CONFIG, t0);
    const t1 = new Date(t0.getTime() + 5 * MIN);
    expect(await evaluateCooldown(threadId, CONFIG, t1)).toEqual({ busy: true, switchedOn: false });
    const state = await thread();
    expect(state.slowModeUntil!.getTime()).toBe(t1.getTime() + 30 * MIN);
    expect(state.slowModeSince!.getTime()).toBe(t0.getTime());
    expect(await slowLogs()).toHaveLength(1);
    expect(isSlowModeActive(state, new Date(t1.getTime() + 29 * MIN))).toBe(true);
    expect(isSlowModeActive(state, new Date(t1.getTime() + 31 * MIN))).toBe(false);
  });

  it("only counts the last ten minutes", async () => {
    await comments(4);
    await db.comment.updateMany({ where: { threadId }, data: { createdAt: new Date(Date.now() - 11 * MIN) } });
    expect((await evaluateCooldown(threadId, CONFIG)).busy).toBe(false);
  });

  it("logs a new switch-on after an automatic period has ended", async () => {
    await comments(4);
    const t0 = new Date();
    await evaluateCooldown(threadId, CONFIG, t0);
    // Busy again once the period has ended (the comments moved into the later window): a new transition.
    await db.comment.updateMany({ where: { threadId }, data: { createdAt: new Date(t0.getTime() + 30 * MIN) } });
    expect((await evaluateCooldown(threadId, CONFIG, new Date(t0.getTime() + 31 * MIN))).switchedOn).toBe(true);
    expect((await slowLogs()).map((l) => l.action)).toEqual(["slow_mode_on", "slow_mode_on"]);
  });
});

describe("slow mode by hand", () => {
  it("a moderator switches it on and off, each logged with their name and reason; off also ends an automatic period", async () => {
    await setSlowMode({ moderatorId: mod.id, threadId, on: true, reason: "Heated" });
    expect(isSlowModeActive(await thread())).toBe(true);
    await expect(setSlowMode({ moderatorId: mod.id, threadId, on: true })).rejects.toBeInstanceOf(SlowModeError);
    await comments(4);
    await evaluateCooldown(threadId, CONFIG);
    expect((await thread()).slowModeUntil).not.toBeNull();
    await setSlowMode({ moderatorId: mod.id, threadId, on: false });
    const state = await thread();
    expect(state).toMatchObject({ slowModeManual: false, slowModeUntil: null });
    expect(isSlowModeActive(state)).toBe(false);
    await expect(setSlowMode({ moderatorId: mod.id, threadId, on: false })).rejects.toThrow("Slow mode is already off in this thread.");
    expect((await slowLogs()).map((l) => [l.action, l.moderatorId, l.reason, l.articleId])).toEqual([
      ["slow_mode_on", mod.id, "Heated", articleId],
      ["slow_mode_off", mod.id, null, articleId],
    ]);
  });
});

describe("posting in slow mode", () => {
  beforeEach(() => setSlowMode({ moderatorId: mod.id, threadId, on: true }));

  it("a member's second quick comment is refused with the time left, and nothing is stored", async () => {
    await createComment({ threadId, author: alice, body: "First" }, CONFIG);
    const before = await db.comment.count({ where: { threadId } });
    const seq = (await db.thread.findUniqueOrThrow({ where: { id: threadId } })).commentSeq;
    const error = await createComment({ threadId, author: alice, body: "Second" }, CONFIG).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommentError);
    expect((error as CommentError).message).toBe("Slow mode is on in this thread: you can comment again in 2 minutes.");
    expect(await db.comment.count({ where: { threadId } })).toBe(before);
    expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).commentSeq).toBe(seq);
  });

  it("replies count as comments", async () => {
    const first = await createComment({ threadId, author: alice, body: "First" }, CONFIG);
    await expect(createComment({ threadId, parentId: first.id, author: alice, body: "Reply" }, CONFIG)).rejects.toThrow(/^Slow mode is on/);
  });

  it("after the wait, the member can comment again", async () => {
    const first = await createComment({ threadId, author: alice, body: "First" }, CONFIG);
    await db.comment.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 2 * MIN - 1000) } });
    await expect(createComment({ threadId, author: alice, body: "Later" }, CONFIG)).resolves.toBeTruthy();
  });

  it("moderators and admins are exempt; other members are not slowed by someone else's comment", async () => {
    await createComment({ threadId, author: mod, body: "One" }, CONFIG);
    await createComment({ threadId, author: mod, body: "Two" }, CONFIG);
    await createComment({ threadId, author: alice, body: "Alice" }, CONFIG);
    const bob = await createTestUser("Bob");
    await expect(createComment({ threadId, author: bob, body: "Bob" }, CONFIG)).resolves.toBeTruthy();
  });

  it("says how many minutes are left, rounded up", () => {
    expect(slowModeRefusal(30_000)).toBe("Slow mode is on in this thread: you can comment again in 1 minute.");
    expect(slowModeRefusal(61_000)).toBe("Slow mode is on in this thread: you can comment again in 2 minutes.");
  });
});

describe("configuration", () => {
  it("has documented defaults and refuses bad values, naming the variable", () => {
    expect(slowModeConfig(readEnv({ NODE_ENV: "test" }))).toEqual({ slowModeMinutes: 2, commentsPer10Min: 30, reportsPer10Min: 5, quietMinutes: 30 });
    expect(slowModeConfig(readEnv({ NODE_ENV: "test", SLOW_MODE_MINUTES: "5", COOLDOWN_QUIET_MINUTES: "10" }))).toMatchObject({ slowModeMinutes: 5, quietMinutes: 10 });
    expect(() => readEnv({ NODE_ENV: "test", SLOW_MODE_MINUTES: "0" })).toThrow(/SLOW_MODE_MINUTES/);
    expect(() => readEnv({ NODE_ENV: "test", COOLDOWN_COMMENTS_PER_10_MIN: "many" })).toThrow(/COOLDOWN_COMMENTS_PER_10_MIN/);
  });
});
