import { db, type Tx } from "@/lib/db";
import type { NoticeText } from "@/lib/moderation-notices";

// Notices: what moderation did that concerns a member (lib/moderation-notices.ts composes the words). Created in
// the transaction of the decision they report, so a decision and its notice exist together or not at all.

/** Writes one notice per recipient inside the caller's transaction; returns the new ids (for the emails). */
export async function createNotice(tx: Tx, recipientId: string, text: NoticeText): Promise<string> {
  const row = await tx.notice.create({ data: { recipientId, ...text }, select: { id: true } });
  return row.id;
}

export const NOTICES_SHOWN = 20;

/** A member's latest notices, newest first. */
export function getNotices(recipientId: string) {
  return db.notice.findMany({
    where: { recipientId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTICES_SHOWN,
    select: { id: true, kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
  });
}

export type NoticeItem = Awaited<ReturnType<typeof getNotices>>[number];

/** Marks one of the member's notices read; returns where it points, or null when it is not theirs. */
export async function openNotice(recipientId: string, noticeId: string): Promise<string | null> {
  const notice = await db.notice.findFirst({ where: { id: noticeId, recipientId }, select: { id: true, readAt: true, href: true } });
  if (!notice) return null;
  if (!notice.readAt) await db.notice.update({ where: { id: notice.id }, data: { readAt: new Date() } });
  return notice.href;
}

export async function markAllNoticesRead(recipientId: string): Promise<number> {
  const { count } = await db.notice.updateMany({ where: { recipientId, readAt: null }, data: { readAt: new Date() } });
  return count;
}

/** The notices to email: recipients with an address who want email. */
export function getNoticesToEmail(ids: string[]) {
  return db.notice.findMany({
    where: { id: { in: ids }, recipient: { emailNotifications: true, email: { not: null } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, body: true, href: true, recipient: { select: { email: true } } },
  });
}

export type NoticeToEmail = Awaited<ReturnType<typeof getNoticesToEmail>>[number];
