import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestAdmin, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { CommentError, createComment, deleteComment, editComment } from "./comment-writes";
import { getThreadWithComments } from "./thread-page";
import { moderateComment } from "./moderation";
import { addWordFilter, removeWordFilter } from "./word-filters";
import { overrideEnv, resetEnv } from "@/lib/testing/env";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

let threadId: string;
let mod: TestUser;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeEach(async () => {
  overrideEnv({ PREMODERATION_FIRST_COMMENTS: undefined });
  [threadId] = (await createTestThreads(1)) as [string];
  mod = await createTestModerator("Mod");
  admin = await createTestAdmin("Admin");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

afterEach(async () => {
  resetEnv();
  await db.wordFilter.deleteMany({});
});

async function thread() {
  return db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { commentCount: true, lastActivityAt: true } });
}

async function status(id: string) {
  return (await db.comment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

async function caught(action: Promise<unknown>) {
  return action.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("the word filter on comments", () => {
  beforeEach(async () => {
    await addWordFilter({ adminId: admin.id, phrase: "badword", action: "block" });
    await addWordFilter({ adminId: admin.id, phrase: "holdme", action: "queue" });
  });

  it("refuses a comment with a blocked word with code filtered, naming the word, and stores nothing", async () => {
    const before = { comments: await db.comment.count(), thread: await thread() };
    const error = await caught(createComment({ threadId, author: alice, body: "This is a BADWORD comment" }));
    expect(error).toBeInstanceOf(CommentError);
    expect(error).toMatchObject({ code: "filtered" });
    expect((error as Error).message).toContain("“badword”");
    expect(await db.comment.count()).toBe(before.comments);
    expect(await thread()).toEqual(before.thread);
  });

  it.each([
    ["full-width letters", "ｂａｄｗｏｒｄ"],
    ["a zero-width joiner inside", "bad\u200dword"],
    ["a soft hyphen inside", "bad\u00adword"],
    ["a character reference", "bad&#119;ord"],
    ["a hexadecimal character reference", "&#x62;adword"],
    ["a left-to-right mark inside", "bad\u200Eword"],
    ["an invisible separator inside", "bad\u2063word"],
    ["a variation selector inside", "bad\uFE0Fword"],
    ["a tag character inside", "bad\u{E0020}word"],
    ["a combining grapheme joiner inside", "bad\u034Fword"],
    ["a Cyrillic а", "b\u0430dword"],
    ["bold inside the word", "bad**w**ord"],
  ])("still blocks the word written with %s", async (_name, word) => {
    await expect(createComment({ threadId, author: alice, body: `hello ${word} there` })).rejects.toMatchObject({ code: "filtered" });
    expect(await db.comment.count({ where: { threadId } })).toBe(0);
  });

  it("blocks moderators and admins too, and replies", async () => {
    await expect(createComment({ threadId, author: mod, body: "badword" })).rejects.toMatchObject({ code: "filtered" });
    await expect(createComment({ threadId, author: admin, body: "badword" })).rejects.toMatchObject({ code: "filtered" });
    const parent = await createComment({ threadId, author: bob, body: "Fine" });
    await expect(createComment({ threadId, parentId: parent.id, author: alice, body: "badword" })).rejects.toMatchObject({ code: "filtered" });
    expect(await db.comment.count({ where: { threadId } })).toBe(1);
  });

  it("refuses an edit that adds a blocked word, leaving the comment as it was", async () => {
    const comment = await createComment({ threadId, author: alice, body: "Clean" });
    await expect(editComment({ commentId: comment.id, author: alice, body: "Now badword" })).rejects.toMatchObject({ code: "filtered" });
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ body: "Clean", editedAt: null, status: "visible" });
  });

  it("does not match a filtered word inside a longer one", async () => {
    await addWordFilter({ adminId: admin.id, phrase: "ass", action: "block" });
    const comment = await createComment({ threadId, author: alice, body: "A first-class assessment of the bass line" });
    expect(comment.status).toBe("visible");
  });

  it("holds a comment with a queueing word for review, outside the thread's count and activity", async () => {
    const before = await thread();
    const comment = await createComment({ threadId, author: alice, body: "please HoldMe for review" });
    expect(comment.status).toBe("pending");
    expect(await thread()).toEqual(before);

    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "approve" });
    expect((await thread()).commentCount).toBe(before.commentCount + 1);
  });

  it("never holds a moderator's or admin's comment for a queueing word", async () => {
    expect((await createComment({ threadId, author: mod, body: "holdme" })).status).toBe("visible");
    expect((await createComment({ threadId, author: admin, body: "holdme" })).status).toBe("visible");
    expect((await thread()).commentCount).toBe(2);
  });

  it("sends a visible comment back to review when an edit adds a queueing word, taking it out of the count", async () => {
    const comment = await createComment({ threadId, author: alice, body: "Innocent" });
    expect((await thread()).commentCount).toBe(1);

    const edited = await editComment({ commentId: comment.id, author: alice, body: "Innocent, holdme" });
    expect(edited.status).toBe("pending");
    expect(await status(comment.id)).toBe("pending");
    expect((await thread()).commentCount).toBe(0);

    // Others no longer see it; its author still does.
    const forBob = await getThreadWithComments(threadId, bob);
    expect(forBob!.comments.map((c) => c.id)).not.toContain(comment.id);
    const forAlice = await getThreadWithComments(threadId, alice);
    expect(forAlice!.comments.map((c) => c.id)).toContain(comment.id);
  });

  it("keeps a held comment held when its author edits the word out (authors cannot approve themselves)", async () => {
    const comment = await createComment({ threadId, author: alice, body: "holdme" });
    const edited = await editComment({ commentId: comment.id, author: alice, body: "all clean now" });
    expect(edited.status).toBe("pending");
    expect((await thread()).commentCount).toBe(0);
  });

  it("stops filtering a phrase once it is removed", async () => {
    const filter = await db.wordFilter.findUniqueOrThrow({ where: { phrase: "badword" } });
    await removeWordFilter({ adminId: admin.id, id: filter.id });
    expect((await createComment({ threadId, author: alice, body: "badword" })).status).toBe("visible");
  });
});

describe("pre-moderation of a member's first comments", () => {
  beforeEach(() => {
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: "2" });
  });

  it("holds a member's first 2 comments; once they are approved, the 3rd is visible", async () => {
    const first = await createComment({ threadId, author: alice, body: "one" });
    const second = await createComment({ threadId, author: alice, body: "two" });
    expect([first.status, second.status]).toEqual(["pending", "pending"]);
    expect((await thread()).commentCount).toBe(0);

    // Still nothing approved: a third is held too.
    const early = await createComment({ threadId, author: alice, body: "three, too soon" });
    expect(early.status).toBe("pending");

    await moderateComment({ moderatorId: mod.id, commentId: first.id, kind: "approve" });
    // One approved is not enough.
    expect((await createComment({ threadId, author: alice, body: "still held" })).status).toBe("pending");

    await moderateComment({ moderatorId: mod.id, commentId: second.id, kind: "approve" });
    const third = await createComment({ threadId, author: alice, body: "now trusted" });
    expect(third.status).toBe("visible");
    expect((await thread()).commentCount).toBe(3);
  });

  it("holds replies as well as top-level comments", async () => {
    const parent = await createComment({ threadId, author: mod, body: "Welcome" });
    expect((await createComment({ threadId, parentId: parent.id, author: alice, body: "Thanks" })).status).toBe("pending");
  });

  it("does not count rejected comments as approved", async () => {
    const first = await createComment({ threadId, author: alice, body: "spam 1" });
    const second = await createComment({ threadId, author: alice, body: "spam 2" });
    await moderateComment({ moderatorId: mod.id, commentId: first.id, kind: "remove", reason: "Spam" });
    await moderateComment({ moderatorId: mod.id, commentId: second.id, kind: "remove", reason: "Spam" });
    expect((await createComment({ threadId, author: alice, body: "spam 3" })).status).toBe("pending");
  });

  it("does not count comments the author withdrew while they were held", async () => {
    const first = await createComment({ threadId, author: alice, body: "one" });
    const second = await createComment({ threadId, author: alice, body: "two" });
    await deleteComment({ commentId: first.id, authorId: alice.id });
    await deleteComment({ commentId: second.id, authorId: alice.id });
    expect((await createComment({ threadId, author: alice, body: "three" })).status).toBe("pending");
  });

  it("never holds a moderator or an admin", async () => {
    expect((await createComment({ threadId, author: mod, body: "first words" })).status).toBe("visible");
    expect((await createComment({ threadId, author: admin, body: "first words" })).status).toBe("visible");
  });

  it("does not hold an edit of an approved comment", async () => {
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: "1" });
    const comment = await createComment({ threadId, author: alice, body: "one" });
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "approve" });
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: "5" });
    expect((await editComment({ commentId: comment.id, author: alice, body: "one, edited" })).status).toBe("visible");
  });

  it("shows a pending comment only to its author and to moderators", async () => {
    const held = await createComment({ threadId, author: alice, body: "awaiting review" });
    const visible = await createComment({ threadId, author: mod, body: "visible to all" });
    const ids = async (viewer: TestUser | null) => (await getThreadWithComments(threadId, viewer))!.comments.map((c) => c.id);

    expect(await ids(null)).toEqual([visible.id]);
    expect(await ids(bob)).toEqual([visible.id]);
    expect(await ids(alice)).toEqual([held.id, visible.id]);
    expect(await ids(mod)).toEqual([held.id, visible.id]);
    expect(await ids(admin)).toEqual([held.id, visible.id]);
    expect((await thread()).commentCount).toBe(1);
  });

  it.each([
    ["0", "0"],
    ["unset", undefined],
  ])("is off when PREMODERATION_FIRST_COMMENTS is %s", async (_name, value) => {
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: value });
    expect((await createComment({ threadId, author: bob, body: "straight in" })).status).toBe("visible");
    expect((await thread()).commentCount).toBe(1);
  });
});
