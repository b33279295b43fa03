import { beforeEach, describe, expect, it } from "vitest";
import { buildCommentTree } from "@/lib/reply-tree";
import { db } from "@/lib/db";
import { createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { backfillCommentPaths, recountReplyCounts } from "./comment-placement";
import { createComment, deleteComment, editComment } from "./comment-writes";
import { getCommentPage, getThreadPage } from "./thread-page";
import { moderateComment } from "./moderation";

let threadId: string;
let alice: Awaited<ReturnType<typeof createTestUser>>;
let bob: Awaited<ReturnType<typeof createTestUser>>;
let mod: Awaited<ReturnType<typeof createTestModerator>>;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  mod = await createTestModerator();
});

const post = async (author: typeof alice, body: string, parentId?: string) => (await createComment({ threadId, parentId, author, body })).id;
const replyCount = async (id: string) => (await db.comment.findUniqueOrThrow({ where: { id }, select: { replyCount: true } })).replyCount;
const viewers = () => [null, { id: bob.id, role: "member" as const }, { id: mod.id, role: mod.role }];

/** The stored reply counts equal a recount from the parent links (backfillCommentPaths rewrites none). */
async function expectCountsMatchRecount() {
  const before = await db.comment.findMany({ where: { threadId }, select: { id: true, replyCount: true }, orderBy: { id: "asc" } });
  await backfillCommentPaths(db, threadId);
  expect(await db.comment.findMany({ where: { threadId }, select: { id: true, replyCount: true }, orderBy: { id: "asc" } })).toEqual(before);
}

describe("a deleted comment", () => {
  it("without replies leaves no stub on the thread page, for any viewer, and is no longer counted as its parent's reply", async () => {
    const parent = await post(alice, "Parent");
    const kept = await post(bob, "Kept reply", parent);
    const gone = await post(bob, "Deleted reply", parent);
    expect(await replyCount(parent)).toBe(2);
    await deleteComment({ commentId: gone, authorId: bob.id });

    expect(await replyCount(parent)).toBe(1);
    for (const viewer of viewers()) {
      const page = (await getThreadPage(threadId, viewer))!;
      expect(page.comments.map((c) => c.id)).toEqual([parent, kept]);
      const [root] = buildCommentTree(page.comments);
      // No phantom "1 more reply" where the deleted one was.
      expect(root!.moreReplies).toBe(0);
    }
    expect(await getCommentPage(threadId, gone, null)).toBeNull();
    expect((await getCommentPage(threadId, parent, null))!.comments.map((c) => c.id)).toEqual([parent, kept]);
    await expectCountsMatchRecount();
  });

  it("a deleted top-level comment without replies leaves the page too", async () => {
    const gone = await post(alice, "Gone");
    const kept = await post(bob, "Kept");
    await deleteComment({ commentId: gone, authorId: alice.id });
    expect((await getThreadPage(threadId, null))!.comments.map((c) => c.id)).toEqual([kept]);
  });

  it("with replies keeps its tombstone, so the replies keep their place", async () => {
    const parent = await post(alice, "Parent");
    const reply = await post(bob, "Reply", parent);
    await deleteComment({ commentId: parent, authorId: alice.id });
    const page = (await getThreadPage(threadId, null))!;
    expect(page.comments.map((c) => c.id)).toEqual([parent, reply]);
    expect(page.comments[0]).toMatchObject({ body: "", bodyHtml: "" });
    expect(page.comments[0]!.deletedAt).not.toBeNull();
    expect((await getCommentPage(threadId, parent, null))!.anchor.id).toBe(parent);
  });

  it("loses its tombstone with its last reply, and its ancestors' counts follow", async () => {
    const root = await post(alice, "Root");
    const middle = await post(bob, "Middle", root);
    const leaf = await post(alice, "Leaf", middle);
    await deleteComment({ commentId: middle, authorId: bob.id });
    expect(await replyCount(root)).toBe(2);
    await deleteComment({ commentId: leaf, authorId: alice.id });

    expect(await replyCount(middle)).toBe(0);
    expect(await replyCount(root)).toBe(0);
    const page = (await getThreadPage(threadId, null))!;
    expect(page.comments.map((c) => c.id)).toEqual([root]);
    expect(buildCommentTree(page.comments)[0]!.moreReplies).toBe(0);
    await expectCountsMatchRecount();
  });

  it("comes back as a tombstone when a reply under it returns from review, and goes when it is held again", async () => {
    const root = await post(alice, "Root");
    const middle = await post(bob, "Middle", root);
    const leaf = await post(alice, "Leaf", middle);
    await deleteComment({ commentId: middle, authorId: bob.id });
    // An edit with a queueing word would do the same; a moderator approving it brings it back.
    await db.wordFilter.create({ data: { phrase: "queueme", action: "queue", createdById: mod.id } });
    await editComment({ commentId: leaf, author: alice, body: "queueme please" });
    expect(await replyCount(middle)).toBe(0);
    expect(await replyCount(root)).toBe(0);
    expect((await getThreadPage(threadId, null))!.comments.map((c) => c.id)).toEqual([root]);
    await expectCountsMatchRecount();

    await moderateComment({ moderatorId: mod.id, commentId: leaf, kind: "approve" });
    expect(await replyCount(middle)).toBe(1);
    expect(await replyCount(root)).toBe(2);
    expect((await getThreadPage(threadId, null))!.comments.map((c) => c.id)).toEqual([root, middle, leaf]);
    await expectCountsMatchRecount();
  });
});

describe("recountReplyCounts", () => {
  it("corrects counts stored under the old rule, where a deleted reply still counted, and changes nothing else", async () => {
    const parent = await post(alice, "Parent");
    const gone = await post(bob, "Deleted under the old rule", parent);
    await deleteComment({ commentId: gone, authorId: bob.id });
    // As the previous release left it: the deleted leaf still one of its parent's replies.
    await db.comment.update({ where: { id: parent }, data: { replyCount: 1 } });
    const paths = await db.comment.findMany({ where: { threadId }, select: { id: true, path: true }, orderBy: { id: "asc" } });

    expect((await recountReplyCounts(db)).corrected).toBeGreaterThanOrEqual(1);
    expect(await replyCount(parent)).toBe(0);
    expect(await db.comment.findMany({ where: { threadId }, select: { id: true, path: true }, orderBy: { id: "asc" } })).toEqual(paths);
    expect(await recountReplyCounts(db)).toEqual({ corrected: 0 });
  });
});
