import { beforeEach, describe, expect, it } from "vitest";
import { db, executedQueryCount } from "@/lib/db";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { deleteComment } from "./comment-writes";
import { dismissReports, moderateComment } from "./moderation";
import { countOpenModerationItems, createReport, getModerationQueue, ReportError } from "./reports";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

let threadId: string;
let otherThreadId: string;
let mod: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;

beforeEach(async () => {
  // Every test file shares one database: close what earlier tests left open so the global queue starts empty.
  await db.report.updateMany({ where: { status: "open" }, data: { status: "resolved", openKey: null, resolution: "test reset" } });
  await db.comment.updateMany({ where: { status: "pending" }, data: { status: "removed" } });

  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  mod = await createTestModerator("Mod");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  carol = await createTestUser("Carol");
  dave = await createTestUser("Dave");
});

async function refusal(action: Promise<unknown>) {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportError);
  return error as ReportError;
}

describe("createReport", () => {
  it("stores an open report on a comment with its reason and note", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    const { id } = await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "harassment", note: "Name-calling" });
    expect(await db.report.findUniqueOrThrow({ where: { id } })).toMatchObject({
      reporterId: bob.id,
      threadId,
      commentId: comment.id,
      reason: "harassment",
      note: "Name-calling",
      status: "open",
      openKey: `${bob.id}:c:${comment.id}`,
      resolution: null,
      resolvedById: null,
    });
  });

  it("stores a thread-level report when no comment is named", async () => {
    const { id } = await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    expect(await db.report.findUniqueOrThrow({ where: { id } })).toMatchObject({
      threadId,
      commentId: null,
      note: null,
      status: "open",
      openKey: `${bob.id}:t:${threadId}`,
    });
  });

  it("refuses a second open report by the same member on the same comment (whatever the reason), storing nothing", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam" });
    const count = await db.report.count();
    const error = await refusal(createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "harassment", note: "again" }));
    expect(error.code).toBe("duplicate");
    expect(error.message).toMatch(/already reported/);
    expect(await db.report.count()).toBe(count);
  });

  it("refuses a second open report by the same member on the same thread", async () => {
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    expect((await refusal(createReport({ reporterId: bob.id, threadId, reason: "other" }))).code).toBe("duplicate");
    expect(await db.report.count({ where: { threadId, commentId: null } })).toBe(1);
  });

  it("lets different members report the same item, and one member report different items", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    const other = await createTestComment({ threadId, authorId: alice.id });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam" });
    await createReport({ reporterId: carol.id, threadId, commentId: comment.id, reason: "spam" });
    await createReport({ reporterId: bob.id, threadId, commentId: other.id, reason: "spam" });
    // A thread report and a report on a comment in that thread are different items.
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    await createReport({ reporterId: bob.id, threadId: otherThreadId, reason: "off_topic" });
    expect(await db.report.count({ where: { reporterId: bob.id, status: "open" } })).toBe(4);
    expect(await db.report.count({ where: { commentId: comment.id, status: "open" } })).toBe(2);
  });

  it("allows a new report once the first has been resolved, keeping the old one", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam" });
    await dismissReports({ moderatorId: mod.id, threadId, commentId: comment.id });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam", note: "still spam" });
    // ...and again after a moderator acts on the comment.
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "Spam" });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "other" });

    const reports = await db.report.findMany({ where: { commentId: comment.id } });
    expect(reports.map((r) => `${r.status}:${r.resolution}`).sort()).toEqual(["open:null", "resolved:dismissed", "resolved:hide_comment"]);
  });

  it("allows a new thread-level report once the first has been dismissed", async () => {
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    await dismissReports({ moderatorId: mod.id, threadId });
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    expect(await db.report.count({ where: { threadId, commentId: null } })).toBe(2);
  });

  it("refuses a report on your own comment, storing nothing", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    const error = await refusal(createReport({ reporterId: alice.id, threadId, commentId: comment.id, reason: "spam" }));
    expect(error.code).toBe("own_item");
    expect(error.message).toBe("You cannot report your own comment.");
    expect(await db.report.count({ where: { commentId: comment.id } })).toBe(0);
  });

  it.each<[string, (realComment: string) => { threadId: string; commentId?: string }]>([
    ["an unknown comment", () => ({ threadId, commentId: "nosuchcomment" })],
    ["an unknown thread", () => ({ threadId: "nosuchthread" })],
    ["an unknown thread, naming a real comment", (realComment) => ({ threadId: "nosuchthread", commentId: realComment })],
  ])("refuses %s, storing nothing", async (_name, item) => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    const before = await db.report.count();
    expect((await refusal(createReport({ reporterId: bob.id, reason: "spam", ...item(comment.id) }))).code).toBe("not_found");
    expect(await db.report.count()).toBe(before);
  });

  it("refuses a comment named with the wrong thread (the report would land on the wrong item)", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    const error = await refusal(createReport({ reporterId: bob.id, threadId: otherThreadId, commentId: comment.id, reason: "spam" }));
    expect(error.code).toBe("not_found");
    expect(await db.report.count({ where: { commentId: comment.id } })).toBe(0);
  });

  it("refuses a comment its author deleted", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await deleteComment({ commentId: comment.id, authorId: alice.id });
    expect((await refusal(createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam" }))).code).toBe("not_found");
  });
});

describe("getModerationQueue", () => {
  const base = Date.now() - 60 * 60 * 1000;
  const at = (minutes: number) => new Date(base + minutes * 60 * 1000);

  /** Files a report and pins its creation time, so "newest first" does not depend on the clock's resolution. */
  async function report(
    reporter: TestUser,
    minutes: number,
    item: { commentId?: string; threadId?: string },
    reason: "spam" | "harassment" | "other" | "off_topic" = "spam",
  ) {
    const { id } = await createReport({ reporterId: reporter.id, threadId: item.threadId ?? threadId, commentId: item.commentId, reason });
    await db.report.update({ where: { id }, data: { createdAt: at(minutes) } });
    return id;
  }

  it("groups open reports by item, newest item first, with reason counts and the comment in context", async () => {
    const parent = await createTestComment({ threadId, authorId: carol.id, body: "The parent comment" });
    const reply = await createTestComment({ threadId, authorId: alice.id, parentId: parent.id, body: "A rude reply" });
    const other = await createTestComment({ threadId, authorId: bob.id, body: "Another comment" });

    const r1 = await report(bob, 1, { commentId: reply.id }, "spam");
    const r2 = await report(carol, 2, { commentId: reply.id }, "spam");
    const r3 = await report(dave, 30, { commentId: reply.id }, "harassment"); // the reply's newest report
    const s1 = await report(alice, 10, { commentId: other.id }, "other");
    const t1 = await report(alice, 20, { threadId: otherThreadId }, "off_topic");
    // A resolved report is not in the queue.
    const resolved = await report(carol, 40, { commentId: other.id });
    await db.report.update({ where: { id: resolved }, data: { status: "resolved", openKey: null } });

    const { reportGroups } = await getModerationQueue();

    expect(reportGroups.map((g) => g.key)).toEqual([`c:${reply.id}`, `t:${otherThreadId}`, `c:${other.id}`]);
    const [replyGroup, threadGroup, otherGroup] = reportGroups;

    expect(replyGroup!.reports.map((r) => r.id)).toEqual([r3, r2, r1]);
    expect(replyGroup!.reasonCounts).toEqual({ spam: 2, harassment: 1 });
    expect(replyGroup!.newestAt).toEqual(at(30));
    expect(replyGroup!.reports[0]!.reporter).toEqual({ id: dave.id, name: "Dave" });
    expect(replyGroup!.thread.id).toBe(threadId);
    expect(replyGroup!.comment).toMatchObject({
      id: reply.id,
      body: "A rude reply",
      status: "visible",
      depth: 1,
      author: { id: alice.id, name: "Alice", role: "member" },
      parent: { id: parent.id, body: "The parent comment", deletedAt: null, author: { name: "Carol" } },
      thread: { id: threadId, title: "Point 1" },
    });

    expect(threadGroup!.comment).toBeNull();
    expect(threadGroup!.thread).toEqual({ id: otherThreadId, title: "Point 2", locked: false });
    expect(threadGroup!.reports.map((r) => r.id)).toEqual([t1]);
    expect(threadGroup!.reasonCounts).toEqual({ off_topic: 1 });

    expect(otherGroup!.reports.map((r) => r.id)).toEqual([s1]);
    expect(otherGroup!.reasonCounts).toEqual({ other: 1 });
    expect(otherGroup!.comment?.parent).toBeNull();
  });

  it("includes each reported author's history: recent live comments (newest first, at most 5) and prior moderation", async () => {
    const comments = [];
    for (let i = 0; i < 7; i++) comments.push(await createTestComment({ threadId, authorId: alice.id, body: `Alice ${i}` }));
    for (const [i, c] of comments.entries()) await db.comment.update({ where: { id: c.id }, data: { createdAt: at(i) } });
    const gone = await createTestComment({ threadId, authorId: alice.id, body: "deleted later" });
    await deleteComment({ commentId: gone.id, authorId: alice.id });
    await moderateComment({ moderatorId: mod.id, commentId: comments[0]!.id, kind: "hide", reason: "Earlier offence" });
    await report(bob, 50, { commentId: comments[6]!.id });

    const { history } = await getModerationQueue();
    const alices = history.get(alice.id)!;
    expect(alices.recent.map((c) => c.body)).toEqual(["Alice 6", "Alice 5", "Alice 4", "Alice 3", "Alice 2"]);
    expect(alices.recent[0]).toMatchObject({ status: "visible", thread: { id: threadId, title: "Point 1" } });
    expect(alices.actions).toHaveLength(1);
    expect(alices.actions[0]).toMatchObject({ action: "hide_comment", reason: "Earlier offence", moderator: { name: "Mod" } });
    // Only the authors in the queue have a history entry.
    expect(history.has(bob.id)).toBe(false);
  });

  it("keeps every author's history even when another author in the queue is far more prolific", async () => {
    // Bob's one comment is older than all of Alice's many; Bob's history must not be crowded out by hers.
    const bobs = await createTestComment({ threadId, authorId: bob.id, body: "Bob's only comment" });
    await db.comment.update({ where: { id: bobs.id }, data: { createdAt: at(0) } });
    await moderateComment({ moderatorId: mod.id, commentId: bobs.id, kind: "hide", reason: "Bob's offence" });
    await moderateComment({ moderatorId: mod.id, commentId: bobs.id, kind: "restore" });
    const alices = [];
    for (let i = 0; i < 45; i++) alices.push(await createTestComment({ threadId, authorId: alice.id, body: `Alice ${i}` }));
    for (const c of alices.slice(0, 45)) {
      await moderateComment({ moderatorId: mod.id, commentId: c.id, kind: "hide", reason: "Alice's offence" });
    }
    await report(carol, 5, { commentId: bobs.id });
    await report(carol, 6, { commentId: alices[44]!.id });

    const { history } = await getModerationQueue();
    expect(history.get(alice.id)!.recent).toHaveLength(5);
    expect(history.get(alice.id)!.actions).toHaveLength(5);
    expect(history.get(bob.id)!.recent.map((c) => c.body)).toEqual(["Bob's only comment"]);
    expect(
      history
        .get(bob.id)!
        .actions.map((a) => a.action)
        .sort(),
    ).toEqual(["hide_comment", "restore_comment"]);
  });

  it("lists comments awaiting approval, newest first, with their authors' history, leaving out deleted ones", async () => {
    const older = await createTestComment({ threadId, authorId: alice.id, status: "pending", body: "Older pending" });
    const newer = await createTestComment({ threadId: otherThreadId, authorId: bob.id, status: "pending", body: "Newer pending" });
    const withdrawn = await createTestComment({ threadId, authorId: carol.id, status: "pending", body: "Withdrawn" });
    await db.comment.update({ where: { id: older.id }, data: { createdAt: at(1) } });
    await db.comment.update({ where: { id: newer.id }, data: { createdAt: at(2) } });
    await deleteComment({ commentId: withdrawn.id, authorId: carol.id });
    await createTestComment({ threadId, authorId: dave.id, body: "Visible, not in the queue" });

    const { pending, reportGroups, history } = await getModerationQueue();
    expect(reportGroups).toEqual([]);
    expect(pending.map((c) => [c.body, c.author.name, c.thread.id])).toEqual([
      ["Newer pending", "Bob", otherThreadId],
      ["Older pending", "Alice", threadId],
    ]);
    expect(history.get(alice.id)!.recent.map((c) => c.body)).toEqual(["Older pending"]);
    expect(history.has(carol.id)).toBe(false);
    expect(history.has(dave.id)).toBe(false);
  });

  it("reads the queue in the same number of queries whatever its size", async () => {
    const queries = async () => {
      const before = executedQueryCount();
      await getModerationQueue();
      return executedQueryCount() - before;
    };
    const small = await createTestComment({ threadId, authorId: alice.id });
    await report(bob, 1, { commentId: small.id });
    const few = await queries();

    for (let i = 0; i < 12; i++) {
      const author = await createTestUser(`Author ${i}`);
      const comment = await createTestComment({ threadId, authorId: author.id });
      await report(bob, 2 + i, { commentId: comment.id });
      await report(carol, 2 + i, { threadId: i % 2 ? threadId : otherThreadId }).catch(() => undefined);
      await createTestComment({ threadId, authorId: author.id, status: "pending" });
      await moderateComment({ moderatorId: mod.id, commentId: (await createTestComment({ threadId, authorId: author.id })).id, kind: "hide", reason: "r" });
    }
    expect((await getModerationQueue()).reportGroups.length).toBeGreaterThan(12);
    expect(await queries()).toBe(few);
  });

  it("is empty when nothing is open", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await report(bob, 1, { commentId: comment.id });
    await dismissReports({ moderatorId: mod.id, threadId, commentId: comment.id });
    expect(await getModerationQueue()).toMatchObject({ pending: [], reportGroups: [] });
  });
});

describe("countOpenModerationItems", () => {
  it("counts each reported item once, plus each comment awaiting approval", async () => {
    expect(await countOpenModerationItems()).toBe(0);

    const comment = await createTestComment({ threadId, authorId: alice.id });
    await createReport({ reporterId: bob.id, threadId, commentId: comment.id, reason: "spam" });
    await createReport({ reporterId: carol.id, threadId, commentId: comment.id, reason: "harassment" });
    expect(await countOpenModerationItems()).toBe(1);

    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    await createReport({ reporterId: carol.id, threadId, reason: "off_topic" });
    expect(await countOpenModerationItems()).toBe(2);

    const pending = await createTestComment({ threadId, authorId: dave.id, status: "pending" });
    await createTestComment({ threadId, authorId: dave.id, status: "pending" });
    expect(await countOpenModerationItems()).toBe(4);

    await dismissReports({ moderatorId: mod.id, threadId, commentId: comment.id });
    await moderateComment({ moderatorId: mod.id, commentId: pending.id, kind: "approve" });
    expect(await countOpenModerationItems()).toBe(2);

    await dismissReports({ moderatorId: mod.id, threadId });
    expect(await countOpenModerationItems()).toBe(1);
  });

  it("does not count a pending comment its author deleted", async () => {
    const pending = await createTestComment({ threadId, authorId: dave.id, status: "pending" });
    expect(await countOpenModerationItems()).toBe(1);
    await deleteComment({ commentId: pending.id, authorId: dave.id });
    expect(await countOpenModerationItems()).toBe(0);
  });
});
