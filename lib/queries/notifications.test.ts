import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createComment, deleteComment } from "@/lib/queries/comment-writes";
import { moderateComment } from "@/lib/queries/moderation";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import {
  countUnreadNotifications,
  getNotifications,
  markAllNotificationsRead,
  NOTIFICATIONS_PAGE_SIZE,
  notifyAboutComment,
  openNotification,
} from "./notifications";

type Member = { id: string; name: string | null; role: "member" | "moderator" | "editor" | "admin" };
let threadId: string;
let otherThreadId: string;
let ada: Member;
let grace: Member;
let linus: Member;

beforeEach(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  ada = await createTestUser("Ada Lovelace");
  grace = await createTestUser("Grace Hopper");
  linus = await createTestUser("Linus");
});

const post = (author: Member, body: string, parentId?: string) => createComment({ threadId, parentId, author, body });
const kindsFor = async (userId: string) => (await getNotifications(userId)).notifications.map((n) => ({ kind: n.kind, commentId: n.comment.id }));

describe("notifyAboutComment", () => {
  it("tells a comment's author about a reply, once however often it is called", async () => {
    const parent = await post(ada, "A point");
    const reply = await post(grace, "A reply", parent.id);
    expect(await notifyAboutComment(reply.id)).toHaveLength(1);
    expect(await notifyAboutComment(reply.id)).toEqual([]);
    expect(await kindsFor(ada.id)).toEqual([{ kind: "reply", commentId: reply.id }]);
    expect(await countUnreadNotifications(ada.id)).toBe(1);
    expect(await kindsFor(grace.id)).toEqual([]);
  });

  it("does not tell you about your own reply or your own mention", async () => {
    const parent = await post(ada, "A point");
    const own = await post(ada, "Replying to myself, @AdaLovelace", parent.id);
    expect(await notifyAboutComment(own.id)).toEqual([]);
    expect(await countUnreadNotifications(ada.id)).toBe(0);
  });

  it("tells thread participants they are mentioned by @handle, in any case, and nobody outside the thread", async () => {
    await post(grace, "I was here first");
    await createComment({ threadId: otherThreadId, author: linus, body: "Elsewhere" });
    const mention = await post(ada, "What do @gracehopper and @Linus think? cc @nobody");
    await notifyAboutComment(mention.id);
    expect(await kindsFor(grace.id)).toEqual([{ kind: "mention", commentId: mention.id }]);
    expect(await kindsFor(linus.id)).toEqual([]);
  });

  it("sends one notification, a reply, when a reply also mentions the parent's author", async () => {
    const parent = await post(ada, "A point");
    const reply = await post(grace, "@AdaLovelace exactly, @AdaLovelace", parent.id);
    await notifyAboutComment(reply.id);
    expect(await kindsFor(ada.id)).toEqual([{ kind: "reply", commentId: reply.id }]);
  });

  it("says nothing for a held comment until a moderator approves it, then notifies once", async () => {
    const moderator = await createTestModerator();
    const parent = await post(ada, "A point");
    const held = await createTestComment({ threadId, authorId: grace.id, parentId: parent.id, status: "pending", body: "Held reply" });
    expect(await notifyAboutComment(held.id)).toEqual([]);
    await moderateComment({ moderatorId: moderator.id, commentId: held.id, kind: "approve" });
    expect(await notifyAboutComment(held.id)).toHaveLength(1);
    expect(await kindsFor(ada.id)).toEqual([{ kind: "reply", commentId: held.id }]);
  });

  it("says nothing for a hidden, removed or deleted comment, and drops the notice of one hidden later", async () => {
    const moderator = await createTestModerator();
    const parent = await post(ada, "A point");
    for (const status of ["hidden", "removed"] as const) {
      const comment = await createTestComment({ threadId, authorId: grace.id, parentId: parent.id, status, body: status });
      expect(await notifyAboutComment(comment.id)).toEqual([]);
    }
    const deleted = await createTestComment({ threadId, authorId: grace.id, parentId: parent.id, deletedAt: new Date(), body: "" });
    expect(await notifyAboutComment(deleted.id)).toEqual([]);

    const reply = await post(grace, "Visible for now", parent.id);
    await notifyAboutComment(reply.id);
    expect(await countUnreadNotifications(ada.id)).toBe(1);
    await moderateComment({ moderatorId: moderator.id, commentId: reply.id, kind: "hide", reason: "Rude" });
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    expect(await kindsFor(ada.id)).toEqual([]);
    await moderateComment({ moderatorId: moderator.id, commentId: reply.id, kind: "restore" });
    expect(await kindsFor(ada.id)).toEqual([{ kind: "reply", commentId: reply.id }]);

    const second = await post(grace, "Another", parent.id);
    await notifyAboutComment(second.id);
    await deleteComment({ commentId: second.id, authorId: grace.id });
    expect(await kindsFor(ada.id)).toEqual([{ kind: "reply", commentId: reply.id }]);
  });

  it("does not notify the author of a deleted parent", async () => {
    const parent = await post(ada, "A point");
    const held = await createTestComment({ threadId, authorId: grace.id, parentId: parent.id, status: "pending", body: "Held" });
    await deleteComment({ commentId: parent.id, authorId: ada.id });
    await db.comment.update({ where: { id: held.id }, data: { status: "visible" } });
    expect(await notifyAboutComment(held.id)).toEqual([]);
  });
});

describe("reading notifications", () => {
  it("lists newest first, a page at a time", async () => {
    const parent = await post(ada, "A point");
    const replies = [];
    for (let i = 0; i < NOTIFICATIONS_PAGE_SIZE + 2; i++) {
      const reply = await createTestComment({ threadId, authorId: grace.id, parentId: parent.id, body: `Reply ${i}` });
      await notifyAboutComment(reply.id);
      replies.push(reply.id);
    }
    const first = await getNotifications(ada.id);
    expect(first.notifications).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    const second = await getNotifications(ada.id, first.nextCursor);
    expect(second.notifications).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
    const listed = [...first.notifications, ...second.notifications].map((n) => n.comment.id);
    expect(listed.sort()).toEqual(replies.sort());
    // Someone else's notification id as a cursor is not a way into their list.
    const graceNotification = await db.notification.create({ data: { recipientId: grace.id, commentId: parent.id, kind: "mention" } });
    expect((await getNotifications(ada.id, graceNotification.id)).notifications).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
  });

  it("marks one read when its owner opens it, and only its owner", async () => {
    const parent = await post(ada, "A point");
    const reply = await post(grace, "A reply", parent.id);
    await notifyAboutComment(reply.id);
    const [notification] = (await getNotifications(ada.id)).notifications;

    expect(await openNotification(grace.id, notification!.id)).toBeNull();
    expect(await countUnreadNotifications(ada.id)).toBe(1);

    expect(await openNotification(ada.id, notification!.id)).toMatchObject({ id: reply.id, threadId, depth: 1 });
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    expect((await getNotifications(ada.id)).notifications[0]!.readAt).toBeInstanceOf(Date);
  });

  it("marks all of a member's notifications read, and nobody else's", async () => {
    const parent = await post(ada, "A point");
    const graceParent = await post(grace, "Another point");
    await notifyAboutComment((await post(grace, "One", parent.id)).id);
    await notifyAboutComment((await post(linus, "Two", parent.id)).id);
    await notifyAboutComment((await post(ada, "Three", graceParent.id)).id);
    expect(await markAllNotificationsRead(ada.id)).toBe(2);
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    expect(await countUnreadNotifications(grace.id)).toBe(1);
  });
});
