import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestComment, createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { fileAppeal } from "./appeals";
import { createCorrection } from "./corrections";
import { moderateComment } from "./moderation";
import { createReport } from "./reports";
import { countWaiting } from "./waiting";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let threadId: string;
let mod: TestUser;
let mod2: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeEach(async () => {
  await db.appeal.deleteMany();
  await db.correction.deleteMany();
  await db.report.deleteMany();
  await db.comment.updateMany({ where: { status: "pending" }, data: { status: "visible" } });
  [threadId] = (await createTestThreads(1)) as [string];
  mod = await createTestModerator("Mod");
  mod2 = await createTestModerator("Second mod");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

describe("countWaiting: the header badge's one count", () => {
  it("is nothing for members and the signed-out, whatever waits", async () => {
    const commentId = (await createTestComment({ threadId, authorId: alice.id })).id;
    await createReport({ reporterId: bob.id, threadId, commentId, reason: "spam" });
    expect((await countWaiting(null)).total).toBe(0);
    expect((await countWaiting(await currentUserFor(bob.id))).total).toBe(0);
  });

  it("counts reported items, held comments, appeals the viewer may decide and correction requests", async () => {
    const reported = (await createTestComment({ threadId, authorId: alice.id })).id;
    await createReport({ reporterId: bob.id, threadId, commentId: reported, reason: "spam" });
    await createTestComment({ threadId, authorId: bob.id, status: "pending" });
    const hidden = (await createTestComment({ threadId, authorId: alice.id })).id;
    await moderateComment({ moderatorId: mod.id, commentId: hidden, kind: "hide", reason: "Rude" });
    const log = await db.moderationLog.findFirstOrThrow({ where: { action: "hide_comment", targetId: hidden }, select: { id: true } });
    await fileAppeal({ appellant: await currentUserFor(alice.id), logId: log.id, body: "It was not rude." });
    await createCorrection({ threadId, requester: await currentUserFor(bob.id), target: "article", claim: "The year is wrong." });

    // The second moderator may decide the appeal: everything counts.
    expect(await countWaiting(await currentUserFor(mod2.id))).toEqual({ reportsAndPending: 2, appeals: 1, corrections: 1, total: 4 });
    // The moderator who hid the comment may not decide its appeal: it does not wait for them.
    expect(await countWaiting(await currentUserFor(mod.id))).toEqual({ reportsAndPending: 2, appeals: 0, corrections: 1, total: 3 });
  });
});
