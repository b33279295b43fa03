import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { extractMentions, MAX_MENTIONS_PER_COMMENT, mentionKey } from "@/lib/mentions";
import { markAllNoticesRead } from "./notices";

// Notifications: a reply to one of your comments, or an @mention of you (lib/mentions.ts), in a comment that
// readers can see. One row per comment per recipient (a unique key), so approving, restoring or editing a comment
// again never notifies twice; a reply that also mentions its parent's author is one "reply". What a member is
// shown is filtered at read time by the comment's state: a comment hidden, removed or deleted after it notified
// someone disappears from their list and their unread count.

const LIVE_COMMENT = { status: "visible", deletedAt: null } as const;

/**
 * Creates the notifications a comment owes, if it is visible now: its parent's author (a reply) and the members it
 * mentions, at most MAX_MENTIONS_PER_COMMENT over the comment's life; never its own author. Safe to call again for the same comment (after an approval, a
 * restore or an edit that adds a mention). Returns the ids of the notifications created by this call.
 */
export async function notifyAboutComment(commentId: string): Promise<string[]> {
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      threadId: true,
      authorId: true,
      body: true,
      status: true,
      deletedAt: true,
      parent: { select: { authorId: true, deletedAt: true } },
    },
  });
  if (!comment || comment.status !== "visible" || comment.deletedAt) return [];

  const already = await db.notification.findMany({ where: { commentId: comment.id }, select: { recipientId: true, kind: true } });
  const notified = new Set(already.map((row) => row.recipientId));
  const recipients = new Map<string, NotificationKind>();
  if (comment.parent && !comment.parent.deletedAt) recipients.set(comment.parent.authorId, "reply");
  // The mention cap holds over the comment's whole life: an edit naming ten others reaches only what is left of it.
  let mentionsLeft = MAX_MENTIONS_PER_COMMENT - already.filter((row) => row.kind === "mention").length;
  for (const userId of await mentionedMembers(comment.threadId, comment.body)) {
    if (mentionsLeft <= 0) break;
    if (recipients.has(userId) || notified.has(userId) || userId === comment.authorId) continue;
    recipients.set(userId, "mention");
    mentionsLeft -= 1;
  }
  recipients.delete(comment.authorId);
  for (const recipientId of notified) recipients.delete(recipientId);
  if (recipients.size === 0) return [];

  const created: string[] = [];
  for (const [recipientId, kind] of recipients) {
    try {
      const row = await db.notification.create({ data: { recipientId, commentId: comment.id, kind }, select: { id: true } });
      created.push(row.id);
    } catch (error) {
      // A concurrent call for the same comment (two moderators approving at once) created it first.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  return created;
}

/**
 * The members a body mentions, in order of first mention: anyone whose unique name key the handle matches, and
 * (for members from before name keys, until the setup backfill gives them one) the thread's participants whose
 * name matches it.
 */
async function mentionedMembers(threadId: string, body: string): Promise<string[]> {
  const keys = extractMentions(body).map(mentionKey);
  if (keys.length === 0) return [];
  const authors = await db.comment.groupBy({ by: ["authorId"], where: { threadId, ...LIVE_COMMENT } });
  const people = await db.user.findMany({
    where: { OR: [{ nameKey: { in: keys } }, { id: { in: authors.map((row) => row.authorId) }, nameKey: null }] },
    select: { id: true, name: true },
  });
  const byKey = new Map<string, string[]>();
  for (const person of people) {
    const key = mentionKey(person.name ?? "");
    byKey.set(key, [...(byKey.get(key) ?? []), person.id]);
  }
  return keys.flatMap((key) => byKey.get(key) ?? []);
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** A member's notifications on comments still visible, newest first; `before` is the cursor of the next page. */
export async function getNotifications(recipientId: string, before?: string) {
  const rows = await db.notification.findMany({
    where: { recipientId, comment: LIVE_COMMENT },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_PAGE_SIZE + 1,
    // A cursor that is not one of this member's notifications starts from the top instead of failing.
    ...(before && (await db.notification.count({ where: { id: before, recipientId } })) ? { cursor: { id: before }, skip: 1 } : {}),
    select: {
      id: true,
      kind: true,
      readAt: true,
      createdAt: true,
      comment: {
        select: { id: true, threadId: true, depth: true, body: true, author: { select: { id: true, name: true } }, thread: { select: { title: true } } },
      },
    },
  });
  const hasMore = rows.length > NOTIFICATIONS_PAGE_SIZE;
  const notifications = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  return { notifications, nextCursor: hasMore ? notifications.at(-1)?.id : undefined };
}

export type NotificationItem = Awaited<ReturnType<typeof getNotifications>>["notifications"][number];

/**
 * The number on the header's bell: unread replies, mentions and source requests (on comments still shown), and
 * unread moderation notices. One statement (the header asks on every page a member opens); "still shown" is
 * LIVE_COMMENT, written as SQL.
 */
export async function countUnreadNotifications(recipientId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ unread: number | bigint }[]>`
    SELECT (
      SELECT COUNT(*) FROM "Notification" AS "n" JOIN "Comment" AS "c" ON "c"."id" = "n"."commentId"
      WHERE "n"."recipientId" = ${recipientId} AND "n"."readAt" IS NULL AND "c"."status" = 'visible' AND "c"."deletedAt" IS NULL
    ) + (
      SELECT COUNT(*) FROM "Notice" WHERE "recipientId" = ${recipientId} AND "readAt" IS NULL
    ) AS "unread"`;
  return Number(row!.unread);
}

/**
 * Marks one of the member's notifications read and returns the comment it points to, or null when it is not
 * theirs (ownership is in the where clause) or its comment is no longer visible.
 */
export async function openNotification(recipientId: string, notificationId: string) {
  const notification = await db.notification.findFirst({
    where: { id: notificationId, recipientId },
    select: { id: true, readAt: true, comment: { select: { id: true, threadId: true, depth: true, status: true, deletedAt: true } } },
  });
  if (!notification) return null;
  if (!notification.readAt) await db.notification.update({ where: { id: notification.id }, data: { readAt: new Date() } });
  const { comment } = notification;
  return comment.status === "visible" && !comment.deletedAt ? comment : null;
}

export async function markAllNotificationsRead(recipientId: string): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { recipientId, readAt: null }, data: { readAt: new Date() } });
  return count + (await markAllNoticesRead(recipientId));
}

export async function setEmailNotifications(userId: string, enabled: boolean): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { emailNotifications: enabled } });
}

/** What the emails for these notifications need: recipients who have an address and want email, and the comment. */
export function getNotificationsToEmail(ids: string[]) {
  return db.notification.findMany({
    where: { id: { in: ids }, comment: LIVE_COMMENT, recipient: { emailNotifications: true, email: { not: null } } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      recipient: { select: { email: true, name: true } },
      comment: {
        select: { id: true, threadId: true, depth: true, body: true, author: { select: { name: true } }, thread: { select: { title: true } } },
      },
    },
  });
}

export type NotificationToEmail = Awaited<ReturnType<typeof getNotificationsToEmail>>[number];
