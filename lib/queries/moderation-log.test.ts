import { beforeEach, describe, expect, it } from "vitest";
import { db, executedQueryCount } from "@/lib/db";
import { displayNameKey } from "@/lib/display-name";
import { readEnv } from "@/lib/env";
import { createTestAdmin, createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { dismissReports, liftSuspension, moderateComment, moderateThread, setUserRole, suspendUser } from "./moderation";
import { findMemberByName, getArticleModerationLog, getModerationLog, PUBLIC_LOG_PAGE_SIZE, publicActorName } from "./moderation-log";
import { createReport } from "./reports";
import { addWordFilter } from "./word-filters";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

let threadId: string;
let articleId: string;
let mod: TestUser;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeEach(async () => {
  [threadId] = (await createTestThreads(2)) as [string, string];
  articleId = (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { articleId: true } })).articleId;
  mod = await createTestModerator("Mod Name");
  admin = await createTestAdmin("Admin Name");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

async function lastLog() {
  return db.moderationLog.findFirstOrThrow({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

describe("every moderation action records the article it concerns", () => {
  it("comment actions (hide, remove, restore, approve) carry the comment's article", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    for (const kind of ["hide", "restore", "remove"] as const) {
      await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind, reason: "r" });
      expect((await lastLog()).articleId).toBe(articleId);
    }
    const pending = await createTestComment({ threadId, authorId: alice.id, status: "pending" });
    await moderateComment({ moderatorId: mod.id, commentId: pending.id, kind: "approve" });
    expect(await lastLog()).toMatchObject({ action: "approve_comment", articleId });
  });

  it("thread actions and dismissed reports carry the thread's article", async () => {
    for (const kind of ["lock", "unlock", "pin", "unpin"] as const) {
      await moderateThread({ moderatorId: mod.id, threadId, kind, reason: "r" });
      expect(await lastLog()).toMatchObject({ action: `${kind}_thread`, articleId });
    }
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam" });
    await dismissReports({ moderatorId: mod.id, threadId, commentId: comment.id });
    expect(await lastLog()).toMatchObject({ action: "dismiss_reports", articleId });
  });

  it("a suspension taken from a comment carries its article; one taken elsewhere, and forum-wide actions, carry none", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await suspendUser({ moderator: mod, userId: alice.id, duration: "1d", reason: "r", commentId: comment.id });
    expect(await lastLog()).toMatchObject({ action: "suspend_user", articleId });
    await liftSuspension({ moderator: mod, userId: alice.id });
    expect(await lastLog()).toMatchObject({ action: "lift_suspension", articleId: null });
    await suspendUser({ moderator: mod, userId: bob.id, duration: "1d", reason: "r" });
    expect(await lastLog()).toMatchObject({ action: "suspend_user", articleId: null });
    await setUserRole({ adminId: admin.id, userId: bob.id, role: "moderator" });
    expect(await lastLog()).toMatchObject({ action: "set_role", articleId: null });
    await addWordFilter({ adminId: admin.id, phrase: "zzfilter", action: "block" });
    expect(await lastLog()).toMatchObject({ action: "add_word_filter", articleId: null });
  });
});

describe("the public log of an article", () => {
  it("lists the article's actions newest first with reason and point, and nothing from other articles", async () => {
    const [otherThread] = (await createTestThreads(1)) as [string];
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "Off topic here" });
    await moderateThread({ moderatorId: mod.id, threadId, kind: "lock", reason: "Cooling off" });
    await moderateThread({ moderatorId: mod.id, threadId: otherThread, kind: "lock", reason: "Elsewhere" });
    const { entries } = await getArticleModerationLog(articleId, { showNames: false });
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ["lock_thread", "Cooling off"],
      ["hide_comment", "Off topic here"],
    ]);
    expect(entries[1]!.point).toEqual({ threadId, position: 1, title: "Point 1" });
  });

  it("never carries a removed comment's body, an email or a report's note", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id, body: "SECRET-BODY-WORDS" });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "other", note: "SECRET-REPORT-NOTE" });
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "remove", reason: "Personal attack" });
    await suspendUser({ moderator: mod, userId: alice.id, duration: "7d", reason: "Repeated", commentId: comment.id });
    const page = JSON.stringify(await getArticleModerationLog(articleId, { showNames: true }));
    expect(page).not.toContain("SECRET-BODY-WORDS");
    expect(page).not.toContain("SECRET-REPORT-NOTE");
    expect(page).not.toContain("@example.test");
    expect(page).toContain("Personal attack");
  });

  it("names the moderator only when configured, and automatic actions as Agora", async () => {
    await moderateThread({ moderatorId: mod.id, threadId, kind: "pin" });
    expect((await getArticleModerationLog(articleId, { showNames: false })).entries[0]!.actor).toBe("a moderator");
    expect((await getArticleModerationLog(articleId, { showNames: true })).entries[0]!.actor).toBe("Mod Name");
    expect(publicActorName(null, true)).toBe("Agora (automatic)");
    expect(publicActorName(null, false)).toBe("Agora (automatic)");
  });

  it("pages with a cursor", async () => {
    const rows = Array.from({ length: PUBLIC_LOG_PAGE_SIZE + 3 }, (_, i) => ({
      moderatorId: mod.id,
      articleId,
      action: "pin_thread",
      targetType: "thread",
      targetId: threadId,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    }));
    await db.moderationLog.createMany({ data: rows });
    const first = await getArticleModerationLog(articleId, { showNames: false });
    expect(first.entries).toHaveLength(PUBLIC_LOG_PAGE_SIZE);
    expect(first.nextCursor).toBeDefined();
    const second = await getArticleModerationLog(articleId, { showNames: false, before: first.nextCursor });
    expect(second.entries).toHaveLength(3);
    expect(second.nextCursor).toBeUndefined();
    expect(second.entries.at(-1)!.createdAt.getTime()).toBe(Date.UTC(2026, 0, 1, 0, 0));
  });

  it("MODERATION_LOG_NAMES is hide by default and refuses anything but show or hide", () => {
    expect(readEnv({ NODE_ENV: "test" }).MODERATION_LOG_NAMES).toBe("hide");
    expect(readEnv({ NODE_ENV: "test", MODERATION_LOG_NAMES: "show" }).MODERATION_LOG_NAMES).toBe("show");
    expect(() => readEnv({ NODE_ENV: "test", MODERATION_LOG_NAMES: "yes" })).toThrow(/MODERATION_LOG_NAMES/);
  });
});

describe("the staff log names what each action was done to", () => {
  it("a comment by its author and point, a point by title, a member by name; one query per kind of target", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "r" });
    await moderateThread({ moderatorId: mod.id, threadId, kind: "lock", reason: "calm down" });
    await suspendUser({ moderator: mod, userId: bob.id, duration: "1d", reason: "r" });
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { title: true } });

    const before = executedQueryCount();
    const { entries } = await getModerationLog({ moderatorId: mod.id });
    const few = executedQueryCount() - before;
    const targetOf = (id: string) => entries.find((entry) => entry.targetId === id)?.target;
    expect(targetOf(comment.id)).toEqual({ label: `comment by Alice in “${thread.title}”`, href: `/t/${threadId}/c/${comment.id}` });
    expect(targetOf(threadId)).toEqual({ label: `point “${thread.title}”`, href: `/t/${threadId}` });
    expect(targetOf(bob.id)).toEqual({ label: "member Bob", href: `/u/${bob.id}` });
    for (const entry of entries) expect(entry.target.label).not.toContain(entry.targetId);

    // Five more comments hidden: the same statements for the page.
    for (let i = 0; i < 5; i++) {
      const more = await createTestComment({ threadId, authorId: alice.id });
      await moderateComment({ moderatorId: mod.id, commentId: more.id, kind: "hide", reason: "r" });
    }
    const again = executedQueryCount();
    expect((await getModerationLog({ moderatorId: mod.id })).entries).toHaveLength(entries.length + 5);
    expect(executedQueryCount() - again).toBe(few);
  });

  it("finds a member by their display name as names are compared, and nobody for an unknown name", async () => {
    const name = `Findable ${Date.now().toString(36)}`;
    const member = await db.user.create({
      data: { name, nameKey: displayNameKey(name), email: `${name.replace(" ", ".")}@example.test` },
      select: { id: true, name: true },
    });
    expect(await findMemberByName(name.toLowerCase())).toEqual(member);
    expect(await findMemberByName(`  ${name.toUpperCase()} `)).toEqual(member);
    expect(await findMemberByName("Nobody Here")).toBeNull();
    expect(await findMemberByName("")).toBeNull();
  });
});
