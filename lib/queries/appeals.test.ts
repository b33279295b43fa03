import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestComment, createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { AppealError, decideAppeal, fileAppeal, getAppealableSuspension, getOwnCommentAppeals } from "./appeals";
import { moderateComment, suspendUser } from "./moderation";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

let threadId: string;
let articleId: string;
let mod: TestUser;
let mod2: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  articleId = (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { articleId: true } })).articleId;
  mod = await createTestModerator("Mod");
  mod2 = await createTestModerator("Second mod");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

async function lastLogId() {
  return (await db.moderationLog.findFirstOrThrow({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).id;
}

async function hiddenComment() {
  const comment = await createTestComment({ threadId, authorId: alice.id });
  await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "Off topic" });
  return { commentId: comment.id, logId: await lastLogId() };
}

async function refusal(action: () => Promise<unknown>): Promise<AppealError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppealError);
  return error as AppealError;
}

const as = (user: TestUser) => currentUserFor(user.id);

describe("filing an appeal", () => {
  it("the author appeals their hidden comment once; a second appeal of the same decision is refused", async () => {
    const { commentId, logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "It was on topic." });
    expect(appeal.commentId).toBe(commentId);
    expect((await refusal(() => fileAppeal({ appellant: alice as never, logId, body: "Again" }))).code).toBe("duplicate");
    expect(await db.appeal.count({ where: { logId } })).toBe(1);
  });

  it("nobody else can appeal it (IDOR): another member and a moderator get 'not found' and nothing is stored", async () => {
    const { logId } = await hiddenComment();
    for (const user of [bob, mod2]) {
      expect((await refusal(async () => fileAppeal({ appellant: await as(user), logId, body: "Mine now" }))).code).toBe("not_found");
    }
    expect((await refusal(async () => fileAppeal({ appellant: await as(alice), logId: "nosuchlog", body: "x" }))).code).toBe("not_found");
    expect(await db.appeal.count({ where: { appellantId: alice.id } })).toBe(0);
  });

  it("actions that are not appealable are refused (lock, restore)", async () => {
    // Even a lock row naming the member (log rows cannot be edited: written so) is not appealable.
    const lockLog = (
      await db.moderationLog.create({
        data: { moderatorId: mod.id, articleId, action: "lock_thread", targetType: "thread", targetId: threadId, targetUserId: alice.id },
        select: { id: true },
      })
    ).id;
    expect((await refusal(async () => fileAppeal({ appellant: await as(alice), logId: lockLog, body: "x" }))).code).toBe("forbidden");
    const { commentId } = await hiddenComment();
    await moderateComment({ moderatorId: mod.id, commentId, kind: "restore" });
    const restoreLog = await lastLogId();
    expect((await refusal(async () => fileAppeal({ appellant: await as(alice), logId: restoreLog, body: "x" }))).code).toBe("forbidden");
    expect(await db.appeal.count({ where: { appellantId: alice.id } })).toBe(0);
  });

  it("a decision that no longer stands (the comment was restored) cannot be appealed", async () => {
    const { commentId, logId } = await hiddenComment();
    await moderateComment({ moderatorId: mod.id, commentId, kind: "restore" });
    expect((await refusal(async () => fileAppeal({ appellant: await as(alice), logId, body: "x" }))).code).toBe("conflict");
  });

  it("a suspended member can appeal their suspension", async () => {
    await suspendUser({ moderator: mod, userId: alice.id, duration: "7d", reason: "Spam" });
    const logId = await lastLogId();
    const me = await as(alice);
    expect(me.suspension).not.toBeNull();
    expect((await getAppealableSuspension(alice.id))?.id).toBe(logId);
    await fileAppeal({ appellant: me, logId, body: "Not spam." });
    expect((await getAppealableSuspension(alice.id))?.appeal?.status).toBe("open");
  });

  it("shows the author, and only the author, what they may appeal on a page", async () => {
    const { commentId, logId } = await hiddenComment();
    const comments = [{ id: commentId, status: "hidden", deletedAt: null, author: { id: alice.id } }];
    expect((await getOwnCommentAppeals(alice.id, comments)).get(commentId)).toEqual({ logId, appeal: null });
    expect((await getOwnCommentAppeals(bob.id, comments)).size).toBe(0);
    expect((await getOwnCommentAppeals(undefined, comments)).size).toBe(0);
  });
});

describe("deciding an appeal", () => {
  it("the moderator who hid the comment cannot decide the appeal; nothing changes", async () => {
    const { logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "Please" });
    const logsBefore = await db.moderationLog.count();
    expect((await refusal(async () => decideAppeal({ decider: await as(mod), appealId: appeal.id, outcome: "overturned", reason: "Mine" }))).code).toBe(
      "forbidden",
    );
    expect((await db.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).status).toBe("open");
    expect(await db.moderationLog.count()).toBe(logsBefore);
  });

  it("a member cannot decide an appeal", async () => {
    const { logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "Please" });
    expect((await refusal(async () => decideAppeal({ decider: await as(bob), appealId: appeal.id, outcome: "overturned", reason: "x" }))).code).toBe(
      "forbidden",
    );
  });

  it("overturning restores the comment and logs the outcome with its article, in one transaction", async () => {
    const { commentId, logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "Please" });
    await decideAppeal({ decider: await as(mod2), appealId: appeal.id, outcome: "overturned", reason: "It was on topic" });
    expect((await db.comment.findUniqueOrThrow({ where: { id: commentId } })).status).toBe("visible");
    expect(await db.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).toMatchObject({
      status: "overturned",
      decisionReason: "It was on topic",
      decidedById: mod2.id,
    });
    const log = await db.moderationLog.findFirstOrThrow({ where: { action: "appeal_overturned", targetUserId: alice.id } });
    expect(log).toMatchObject({
      moderatorId: mod2.id,
      articleId,
      targetType: "comment",
      targetId: commentId,
      targetUserId: alice.id,
      reason: "It was on topic",
    });
  });

  it("a failure after the decision rolls everything back (the restore, the appeal and the log row go together)", async () => {
    const { commentId, logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "Please" });
    // Make the log insert fail: a moderator id that does not exist breaks its foreign key.
    const ghost = { id: "ghostmoderator", role: "moderator" as const, suspension: null };
    await expect(decideAppeal({ decider: ghost, appealId: appeal.id, outcome: "overturned", reason: "x" })).rejects.toThrow();
    expect((await db.comment.findUniqueOrThrow({ where: { id: commentId } })).status).toBe("hidden");
    expect((await db.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).status).toBe("open");
  });

  it("overturning a suspension lifts it", async () => {
    await suspendUser({ moderator: mod, userId: alice.id, duration: "permanent", reason: "Spam" });
    const appeal = await fileAppeal({ appellant: await as(alice), logId: await lastLogId(), body: "Not spam" });
    await decideAppeal({ decider: await as(mod2), appealId: appeal.id, outcome: "overturned", reason: "Mistaken" });
    expect((await as(alice)).suspension).toBeNull();
    expect(await db.moderationLog.findFirstOrThrow({ where: { action: "appeal_overturned", targetUserId: alice.id } })).toMatchObject({
      targetType: "user",
      articleId: null,
    });
  });

  it("upholding keeps the decision and logs it; deciding twice is refused", async () => {
    const { commentId, logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "Please" });
    await decideAppeal({ decider: await as(mod2), appealId: appeal.id, outcome: "upheld", reason: "Off topic indeed" });
    expect((await db.comment.findUniqueOrThrow({ where: { id: commentId } })).status).toBe("hidden");
    expect(await db.moderationLog.count({ where: { action: "appeal_upheld", articleId } })).toBe(1);
    const admin = await createTestUser("Admin", { role: "admin" });
    expect((await refusal(async () => decideAppeal({ decider: await as(admin), appealId: appeal.id, outcome: "overturned", reason: "x" }))).code).toBe(
      "conflict",
    );
    expect((await db.comment.findUniqueOrThrow({ where: { id: commentId } })).status).toBe("hidden");
    expect(await db.moderationLog.count({ where: { action: { startsWith: "appeal_" }, targetUserId: alice.id } })).toBe(1);
  });

  it("two moderators deciding at once: exactly one wins", async () => {
    const { logId } = await hiddenComment();
    const appeal = await fileAppeal({ appellant: await as(alice), logId, body: "Please" });
    const admin = await createTestUser("Admin", { role: "admin" });
    const results = await Promise.allSettled([
      decideAppeal({ decider: await as(mod2), appealId: appeal.id, outcome: "overturned", reason: "a" }),
      decideAppeal({ decider: await as(admin), appealId: appeal.id, outcome: "upheld", reason: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.moderationLog.count({ where: { action: { startsWith: "appeal_" }, targetUserId: alice.id } })).toBe(1);
  });
});
