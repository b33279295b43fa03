import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestThreads, createTestUser } from "@/lib/testing/factories";
import { CommentError, createComment, deleteComment, editComment } from "./comment-writes";
import { getThreadWithComments } from "./thread-page";
import { getUserComments } from "./user-comments";

let threadId: string;
let otherThreadId: string;
let alice: Awaited<ReturnType<typeof createTestUser>>;
let bob: Awaited<ReturnType<typeof createTestUser>>;

beforeEach(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

async function thread() {
  return db.thread.findUniqueOrThrow({ where: { id: threadId } });
}

describe("createComment", () => {
  it("stores a top-level comment and moves the thread's count and last activity", async () => {
    const before = await thread();
    const comment = await createComment({ threadId, author: alice, body: "First!" });
    const after = await thread();
    expect(comment.depth).toBe(0);
    expect(after.commentCount).toBe(before.commentCount + 1);
    expect(after.lastActivityAt.getTime()).toBe(comment.createdAt.getTime());
  });

  it("nests a reply one level below its parent", async () => {
    const parent = await createComment({ threadId, author: alice, body: "Parent" });
    const reply = await createComment({ threadId, parentId: parent.id, author: bob, body: "Reply" });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: reply.id } });
    expect(stored.parentId).toBe(parent.id);
    expect(stored.depth).toBe(1);
  });

  it("refuses a parent from another thread and stores nothing", async () => {
    const foreign = await createComment({ threadId: otherThreadId, author: alice, body: "Elsewhere" });
    const count = await db.comment.count();
    await expect(createComment({ threadId, parentId: foreign.id, author: bob, body: "Hi" })).rejects.toMatchObject({
      code: "invalid_parent",
    });
    expect(await db.comment.count()).toBe(count);
    expect((await thread()).commentCount).toBe(0);
  });

  it("refuses a parent that does not exist", async () => {
    await expect(createComment({ threadId, parentId: "nope", author: bob, body: "Hi" })).rejects.toBeInstanceOf(CommentError);
  });

  it("refuses a thread that does not exist", async () => {
    await expect(createComment({ threadId: "missing", author: bob, body: "Hi" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses new comments in a locked thread", async () => {
    await db.thread.update({ where: { id: threadId }, data: { locked: true } });
    await expect(createComment({ threadId, author: bob, body: "Hi" })).rejects.toMatchObject({ code: "locked" });
    expect(await db.comment.count({ where: { threadId } })).toBe(0);
  });

  it("refuses a reply to a deleted comment", async () => {
    const parent = await createComment({ threadId, author: alice, body: "Soon gone" });
    await deleteComment({ commentId: parent.id, authorId: alice.id });
    await expect(createComment({ threadId, parentId: parent.id, author: bob, body: "Hi" })).rejects.toMatchObject({
      code: "invalid_parent",
    });
  });
});

describe("editComment and deleteComment", () => {
  it("lets the author edit, marking the comment edited", async () => {
    const comment = await createComment({ threadId, author: alice, body: "Typo" });
    await editComment({ commentId: comment.id, author: alice, body: "Fixed" });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(stored.body).toBe("Fixed");
    expect(stored.editedAt).not.toBeNull();
  });

  it("refuses to let a member edit or delete another member's comment, changing nothing", async () => {
    const comment = await createComment({ threadId, author: alice, body: "Mine" });
    await expect(editComment({ commentId: comment.id, author: bob, body: "Yours now" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteComment({ commentId: comment.id, authorId: bob.id })).rejects.toMatchObject({ code: "forbidden" });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(stored).toMatchObject({ body: "Mine", editedAt: null, deletedAt: null });
  });

  it("leaves a tombstone that keeps replies in place, wipes the words and lowers the count", async () => {
    const parent = await createComment({ threadId, author: alice, body: "Regrettable" });
    const reply = await createComment({ threadId, parentId: parent.id, author: bob, body: "Reply" });
    await deleteComment({ commentId: parent.id, authorId: alice.id });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: parent.id } });
    expect(stored.deletedAt).not.toBeNull();
    expect(stored.body).toBe("");
    expect((await db.comment.findUniqueOrThrow({ where: { id: reply.id } })).parentId).toBe(parent.id);
    expect((await thread()).commentCount).toBe(1);
  });

  it("refuses to edit or delete a deleted comment", async () => {
    const comment = await createComment({ threadId, author: alice, body: "Gone" });
    await deleteComment({ commentId: comment.id, authorId: alice.id });
    await expect(editComment({ commentId: comment.id, author: alice, body: "Back" })).rejects.toBeInstanceOf(CommentError);
    await expect(deleteComment({ commentId: comment.id, authorId: alice.id })).rejects.toBeInstanceOf(CommentError);
    expect((await thread()).commentCount).toBe(0);
  });

  it("refuses edits once the thread is locked", async () => {
    const comment = await createComment({ threadId, author: alice, body: "Before the lock" });
    await db.thread.update({ where: { id: threadId }, data: { locked: true } });
    await expect(editComment({ commentId: comment.id, author: alice, body: "After" })).rejects.toMatchObject({ code: "locked" });
  });
});

describe("getThreadWithComments", () => {
  it("returns comments oldest first with their authors", async () => {
    await createComment({ threadId, author: alice, body: "one" });
    await createComment({ threadId, author: bob, body: "two" });
    const data = await getThreadWithComments(threadId, null);
    expect(data?.comments.map((c) => [c.body, c.author.name])).toEqual([
      ["one", "Alice"],
      ["two", "Bob"],
    ]);
  });

  it("returns null for an unknown thread", async () => {
    expect(await getThreadWithComments("missing", null)).toBeNull();
  });
});

describe("getUserComments", () => {
  it("lists a member's live comments newest first, page by page", async () => {
    for (let i = 0; i < 35; i++) await createComment({ threadId, author: alice, body: `c${i}` });
    const doomed = await createComment({ threadId, author: alice, body: "deleted" });
    await deleteComment({ commentId: doomed.id, authorId: alice.id });
    await createComment({ threadId, author: bob, body: "not Alice" });

    const first = await getUserComments(alice.id);
    expect(first.comments).toHaveLength(30);
    expect(first.comments[0]?.body).toBe("c34");
    expect(first.comments[0]?.thread.id).toBe(threadId);
    const second = await getUserComments(alice.id, first.nextCursor);
    expect(second.comments.map((c) => c.body)).toEqual(["c4", "c3", "c2", "c1", "c0"]);
    expect(second.nextCursor).toBeUndefined();
  });
});
