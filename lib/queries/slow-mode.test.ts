import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readEnv, slowModeConfig, type SlowModeConfig } from "@/lib/env";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { CommentError, createComment } from "./comment-writes";
import { createReport } from "./reports";
import { isSlowModeActive } from "@/lib/permissions";
import { commentThreshold, evaluateCooldown, REPORT_WEIGHT, reporterWeight, setSlowMode, slowModeRefusal, SlowModeError } from "./slow-mode";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

const CONFIG: SlowModeConfig = {
  slowModeMinutes: 2,
  commentsPer10Min: 3,
  reportsPer10Min: 2,
  quietMinutes: 30,
  minPeople: 2,
  rateMultiple: 4,
  newMemberDays: 7,
  newMemberComments: 3,
};

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

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
const slowLogs = () =>
  db.moderationLog.findMany({ where: { targetId: threadId, action: { startsWith: "slow_mode" } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

async function comments(n: number) {
  for (let i = 0; i < n; i++) await createTestComment({ threadId, authorId: (await createTestUser(`Poster ${i}`)).id });
}

/** A member of a month's standing with three published comments (elsewhere, two days ago): a full-weight reporter. */
async function establishedMember(name: string) {
  const [elsewhere] = (await createTestThreads(1)) as [string];
  const user = await createTestUser(name);
  await db.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - 30 * DAY) } });
  for (let i = 0; i < 3; i++) await createTestComment({ threadId: elsewhere, authorId: user.id });
  await db.comment.updateMany({ where: { authorId: user.id }, data: { createdAt: new Date(Date.now() - 2 * DAY) } });
  return user;
}

async function reportedComments(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createTestComment({ threadId, authorId: alice.id, body: `Reported ${i}` })).id);
  // Posted yesterday: the reports, not the comments, are what this thread's last ten minutes hold.
  await db.comment.updateMany({ where: { id: { in: ids } }, data: { createdAt: new Date(Date.now() - 2 * DAY) } });
  return ids;
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
    expect(log).toMatchObject({
      moderatorId: null,
      action: "slow_mode_on",
      articleId,
      targetType: "thread",
      detail: "4 comments from 4 members in 10 minutes (threshold 3)",
    });
  });

  it("a real pile-on of reports still switches it on: three established members past a threshold of 2", async () => {
    const [target] = (await reportedComments(1)) as [string];
    for (let i = 0; i < 3; i++) await createReport({ reporterId: (await establishedMember(`Reporter ${i}`)).id, threadId, commentId: target, reason: "spam" });
    expect((await evaluateCooldown(threadId, CONFIG)).switchedOn).toBe(true);
    expect((await slowLogs())[0]!.detail).toBe("reports from 3 members in 10 minutes, weighing 3 (threshold 2)");
  });

  it("one member's reports never slow a thread, however many comments they report", async () => {
    const reporter = await establishedMember("Zealous reporter");
    for (const commentId of await reportedComments(12)) await createReport({ reporterId: reporter.id, threadId, commentId, reason: "spam" });
    await createReport({ reporterId: reporter.id, threadId, reason: "off_topic" });
    expect(await evaluateCooldown(threadId, { ...CONFIG, reportsPer10Min: 1 })).toEqual({ busy: false, switchedOn: false });
    expect(isSlowModeActive(await thread())).toBe(false);
    expect(await slowLogs()).toHaveLength(0);
  });

  it("one member's comments never slow a thread either, however many", async () => {
    for (let i = 0; i < 10; i++) await createTestComment({ threadId, authorId: alice.id, body: `Alice ${i}` });
    expect((await evaluateCooldown(threadId, CONFIG)).busy).toBe(false);
  });

  it("new members' reports weigh half: three are not enough where three established members are", async () => {
    const [target] = (await reportedComments(1)) as [string];
    for (let i = 0; i < 3; i++) await createReport({ reporterId: (await createTestUser(`Newcomer ${i}`)).id, threadId, commentId: target, reason: "spam" });
    expect((await evaluateCooldown(threadId, CONFIG)).busy).toBe(false);
    for (let i = 3; i < 5; i++) await createReport({ reporterId: (await createTestUser(`Newcomer ${i}`)).id, threadId, commentId: target, reason: "spam" });
    expect((await evaluateCooldown(threadId, CONFIG)).switchedOn).toBe(true);
    expect((await slowLogs())[0]!.detail).toBe("reports from 5 members in 10 minutes, weighing 2.5 (threshold 2)");
  });

  it("members whose earlier reports were mostly dismissed weigh a quarter", async () => {
    const [target, ...earlier] = (await reportedComments(4)) as [string, ...string[]];
    const reporters = [await establishedMember("Crier 1"), await establishedMember("Crier 2"), await establishedMember("Crier 3")];
    for (const reporter of reporters) {
      for (const commentId of earlier) await createReport({ reporterId: reporter.id, threadId, commentId, reason: "spam" });
    }
    // Their earlier reports were dismissed, and happened yesterday.
    await db.report.updateMany({
      where: { commentId: { in: earlier } },
      data: { status: "resolved", openKey: null, resolution: "dismissed", createdAt: new Date(Date.now() - 2 * DAY) },
    });
    for (const reporter of reporters) await createReport({ reporterId: reporter.id, threadId, commentId: target, reason: "spam" });
    expect((await evaluateCooldown(threadId, CONFIG)).busy).toBe(false);
  });

  it("compares a thread with its own usual rate: a thread that is always this busy is not slowed", async () => {
    // 36 comments over the day before: 0.25 per 10 minutes; at 100 times its usual rate the threshold is 25.
    await comments(36);
    await db.comment.updateMany({ where: { threadId }, data: { createdAt: new Date(Date.now() - 12 * 60 * MIN) } });
    await comments(10);
    expect((await evaluateCooldown(threadId, { ...CONFIG, rateMultiple: 100 })).busy).toBe(false);
    expect((await evaluateCooldown(threadId, { ...CONFIG, rateMultiple: 4 })).busy).toBe(true);
    expect(commentThreshold(0.25, { commentsPer10Min: 3, rateMultiple: 100 })).toBe(25);
    expect(commentThreshold(0.25, { commentsPer10Min: 30, rateMultiple: 4 })).toBe(30);
  });

  it("weighs each reporter by their standing (table)", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    const config = { newMemberDays: 7, newMemberComments: 3 };
    const old = new Date(now.getTime() - 30 * DAY);
    const rows: [string, Parameters<typeof reporterWeight>[0], number][] = [
      ["established, no history", { createdAt: old, publishedComments: 3, decided: 0, dismissed: 0 }, REPORT_WEIGHT.full],
      ["established, mostly upheld", { createdAt: old, publishedComments: 9, decided: 4, dismissed: 2 }, REPORT_WEIGHT.full],
      ["established, mostly dismissed", { createdAt: old, publishedComments: 9, decided: 4, dismissed: 3 }, REPORT_WEIGHT.mostlyDismissed],
      ["too little history to judge", { createdAt: old, publishedComments: 9, decided: 2, dismissed: 2 }, REPORT_WEIGHT.full],
      ["joined yesterday", { createdAt: new Date(now.getTime() - DAY), publishedComments: 9, decided: 0, dismissed: 0 }, REPORT_WEIGHT.newMember],
      ["old account, no published comments", { createdAt: old, publishedComments: 0, decided: 0, dismissed: 0 }, REPORT_WEIGHT.newMember],
      ["new and mostly dismissed", { createdAt: now, publishedComments: 0, decided: 3, dismissed: 3 }, REPORT_WEIGHT.mostlyDismissed],
    ];
    for (const [name, reporter, weight] of rows) expect(reporterWeight(reporter, config, now), name).toBe(weight);
    expect(reporterWeight({ createdAt: now, publishedComments: 0, decided: 0, dismissed: 0 }, { newMemberDays: 0, newMemberComments: 0 }, now)).toBe(
      REPORT_WEIGHT.full,
    );
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
    expect(slowModeConfig(readEnv({ NODE_ENV: "test" }))).toEqual({
      slowModeMinutes: 2,
      commentsPer10Min: 30,
      reportsPer10Min: 5,
      quietMinutes: 30,
      minPeople: 2,
      rateMultiple: 4,
      newMemberDays: 7,
      newMemberComments: 3,
    });
    expect(() => readEnv({ NODE_ENV: "test", COOLDOWN_MIN_PEOPLE: "1" })).toThrow(/COOLDOWN_MIN_PEOPLE/);
    expect(slowModeConfig(readEnv({ NODE_ENV: "test", SLOW_MODE_MINUTES: "5", COOLDOWN_QUIET_MINUTES: "10" }))).toMatchObject({
      slowModeMinutes: 5,
      quietMinutes: 10,
    });
    expect(() => readEnv({ NODE_ENV: "test", SLOW_MODE_MINUTES: "0" })).toThrow(/SLOW_MODE_MINUTES/);
    expect(() => readEnv({ NODE_ENV: "test", COOLDOWN_COMMENTS_PER_10_MIN: "many" })).toThrow(/COOLDOWN_COMMENTS_PER_10_MIN/);
  });
});
