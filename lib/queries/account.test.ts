import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildCommentTree } from "@/lib/reply-tree";
import { commentView, type CommentView } from "@/lib/comment-view";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/password";
import { createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { AccountError, changePassword, deleteAccount, exportAccountData, getAccountSettings } from "./account";
import { createComment, deleteComment } from "./comment-writes";
import { getThreadWithComments } from "./thread-page";
import { moderateComment } from "./moderation";
import { notifyAboutComment } from "./notifications";
import { createReport } from "./reports";
import { createSession, findActiveSessionUser, listSessions } from "./sessions";
import { toggleVote } from "./votes";

let threadId: string;
let alice: Awaited<ReturnType<typeof createTestUser>>;
let bob: Awaited<ReturnType<typeof createTestUser>>;
let aliceEmail: string;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  aliceEmail = `alice-${randomUUID()}@example.test`;
  await db.user.update({ where: { id: alice.id }, data: { email: aliceEmail, passwordHash: await hashPassword("alice's old password") } });
});

const post = async (author: typeof alice, body: string, parentId?: string) => (await createComment({ threadId, parentId, author, body })).id;
const asVoter = (user: typeof alice) => ({ id: user.id, role: user.role, suspension: null });

function flatten(views: CommentView[]): CommentView[] {
  return views.flatMap((view) => [view, ...flatten(view.replies ?? [])]);
}

async function threadViews() {
  const page = (await getThreadWithComments(threadId, null))!;
  const context = { thread: { id: threadId, locked: false }, user: null, maxDepth: 20 };
  return { thread: page.thread, views: flatten(buildCommentTree(page.comments).map((node) => commentView(node, context))) };
}

describe("changing the password", () => {
  it("needs the current password, and ends every other session but the caller's", async () => {
    const here = await createSession(alice.id, "Firefox on Linux");
    const elsewhere = await createSession(alice.id, "Chrome on Android");
    const bobs = await createSession(bob.id);
    const keep = (await findActiveSessionUser(here))!.sessionId;

    await expect(changePassword({ userId: alice.id, currentPassword: "wrong", newPassword: "a new password", keepSessionId: keep })).rejects.toThrow(
      "Your current password is incorrect.",
    );
    expect(await findActiveSessionUser(elsewhere)).not.toBeNull();

    expect(await changePassword({ userId: alice.id, currentPassword: "alice's old password", newPassword: "a new password", keepSessionId: keep })).toEqual({
      endedSessions: 1,
    });
    expect(await findActiveSessionUser(here)).not.toBeNull();
    expect(await findActiveSessionUser(elsewhere)).toBeNull();
    expect(await findActiveSessionUser(bobs)).not.toBeNull();
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: alice.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "a new password")).toBe(true);
    expect(await verifyPassword(passwordHash, "alice's old password")).toBe(false);
  });

  it("is refused for an account without a password (GitHub)", async () => {
    await expect(changePassword({ userId: bob.id, currentPassword: "anything", newPassword: "a new password", keepSessionId: null })).rejects.toBeInstanceOf(
      AccountError,
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: bob.id }, select: { passwordHash: true } })).passwordHash).toBeNull();
  });
});

describe("deleting an account", () => {
  it("is refused with a wrong password, or for a password-less account, a wrong email; nothing changes", async () => {
    await post(alice, "Still here");
    await expect(deleteAccount(alice.id, { password: "wrong" })).rejects.toThrow("That password is incorrect.");
    await expect(deleteAccount(alice.id, { email: aliceEmail })).rejects.toThrow("Enter your password to confirm.");
    const bobEmail = (await db.user.findUniqueOrThrow({ where: { id: bob.id } })).email!;
    await expect(deleteAccount(bob.id, { email: aliceEmail })).rejects.toThrow("That is not your account's email address.");
    await expect(deleteAccount(bob.id, { password: "anything" })).rejects.toThrow("That is not your account's email address.");
    expect((await db.user.findUniqueOrThrow({ where: { id: alice.id } })).deletedAt).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: bob.id } })).email).toBe(bobEmail);
    expect(await db.comment.count({ where: { authorId: alice.id, deletedAt: null } })).toBe(1);
  });

  it("leaves [deleted account] tombstones where replies need a place, and takes the rest of the member's traces", async () => {
    const moderator = await createTestModerator();
    const withReply = await post(alice, "Alice's point, with a reply");
    const reply = await post(bob, "Bob answers", withReply);
    const alone = await post(alice, "Alice alone");
    const bobsComment = await post(bob, "Bob's own comment");
    await toggleVote({ commentId: bobsComment, voter: asVoter(alice) });
    await toggleVote({ commentId: withReply, voter: asVoter(bob) });
    await createReport({ reporterId: alice.id, threadId, commentId: bobsComment, reason: "other", note: "Alice's private note" });
    await notifyAboutComment(await post(bob, "@Alice hello"));
    expect(await db.notification.count({ where: { recipientId: alice.id } })).toBeGreaterThan(0);
    await moderateComment({ moderatorId: moderator.id, commentId: alone, kind: "hide", reason: "Off topic" });
    await createSession(alice.id);
    await createSession(alice.id);
    const countBefore = (await db.thread.findUniqueOrThrow({ where: { id: threadId } })).commentCount;

    await deleteAccount(alice.id, { password: "alice's old password" });

    const { thread, views } = await threadViews();
    const tombstone = views.find((view) => view.id === withReply)!;
    expect(tombstone.tombstone).toBe("[deleted account]");
    expect(tombstone.placeholder).toBe("[deleted account]");
    expect(tombstone.author).toBeUndefined();
    expect(tombstone.replies?.map((view) => view.id)).toEqual([reply]);
    expect(views.some((view) => view.id === alone)).toBe(false);
    expect(thread.commentCount).toBe(countBefore - 2);
    const stored = await db.comment.findMany({ where: { authorId: alice.id }, select: { body: true, bodyHtml: true, deletedAt: true } });
    expect(stored.every((comment) => comment.body === "" && comment.bodyHtml === "" && comment.deletedAt !== null)).toBe(true);
    // The vote is gone and the score it gave went with it.
    expect(await db.commentVote.count({ where: { userId: alice.id } })).toBe(0);
    expect((await db.comment.findUniqueOrThrow({ where: { id: bobsComment } })).score).toBe(0);
    // The report stays for the moderators, without the note.
    const report = await db.report.findFirstOrThrow({ where: { reporterId: alice.id } });
    expect(report.note).toBeNull();
    expect(report.reason).toBe("other");
    expect(await db.notification.count({ where: { recipientId: alice.id } })).toBe(0);
    expect(await listSessions(alice.id)).toEqual([]);
    // The moderation log keeps its row; the account it names holds no personal data any more.
    expect(await db.moderationLog.count({ where: { targetUserId: alice.id } })).toBe(1);
    const user = await db.user.findUniqueOrThrow({
      where: { id: alice.id },
      select: { name: true, email: true, passwordHash: true, image: true, role: true, deletedAt: true },
    });
    expect(user).toMatchObject({ name: null, email: null, passwordHash: null, image: null, role: "member" });
    expect(user.deletedAt).not.toBeNull();
    expect(await getAccountSettings(alice.id)).toBeNull();
    // The email is free for a new account.
    await expect(db.user.create({ data: { name: "Alice again", email: aliceEmail } })).resolves.toBeTruthy();
  });

  it("keeps an ordinary deleted comment's tombstone as [deleted]", async () => {
    const parent = await post(bob, "Bob's parent");
    await post(alice, "Alice replies", parent);
    await deleteComment({ commentId: parent, authorId: bob.id });
    const { views } = await threadViews();
    expect(views.find((view) => view.id === parent)?.tombstone).toBe("[deleted]");
  });
});

describe("downloading one's data", () => {
  it("holds the profile, comments, votes, reports filed and notifications of the member alone", async () => {
    const own = await post(alice, "Alice's words");
    const bobs = await post(bob, "Bob's words");
    await toggleVote({ commentId: bobs, voter: asVoter(alice) });
    await createReport({ reporterId: alice.id, threadId, commentId: bobs, reason: "spam", note: "My note" });
    await notifyAboutComment(await post(bob, "Reply to Alice", own));
    await toggleVote({ commentId: own, voter: asVoter(bob) });

    const data = JSON.parse(JSON.stringify(await exportAccountData(alice.id)));
    expect(data.profile).toMatchObject({ id: alice.id, name: "Alice", email: aliceEmail });
    expect(JSON.stringify(data)).not.toContain("argon2");
    expect(data.comments.map((comment: { body: string }) => comment.body)).toEqual(["Alice's words"]);
    expect(data.votes.map((vote: { commentId: string }) => vote.commentId)).toEqual([bobs]);
    expect(data.reports).toMatchObject([{ commentId: bobs, reason: "spam", note: "My note" }]);
    expect(data.notifications).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("Bob's words");
  });
});
