import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import { canSuspend, hasActiveSuspension } from "@/lib/permissions";
import { db, type Tx } from "@/lib/db";
import type { CommentStatus, Role } from "@/lib/generated/prisma/enums";
import { commentModeratedNotice, reportOutcomeNotice, suspensionNotice } from "@/lib/moderation-notices";
import { emailNoticesAfterResponse } from "@/lib/notify";
import { applyCommentTransition } from "./counters";
import { appendLog, articleOfThread, type ModerationAction } from "./moderation-log";
import { createNotice } from "./notices";

export class ModerationError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "conflict",
  ) {
    super(message);
  }
}

// The counting rule lives with the counters; imported from here by older callers.
export { isCounted } from "./counters";

/**
 * Closes every open report on an item with the action that resolved it, and tells each reporter what became of
 * it (without naming the moderator); the new notices' ids go into `noticeIds` for their emails.
 */
export async function resolveOpenReports(
  tx: Tx,
  item: { commentId: string } | { threadId: string },
  moderatorId: string,
  resolution: string,
  noticeIds: string[] = [],
): Promise<number> {
  const where = "commentId" in item ? { commentId: item.commentId } : { threadId: item.threadId, commentId: null };
  const open = await tx.report.findMany({
    where: { ...where, status: "open" },
    select: { id: true, reporterId: true, threadId: true, comment: { select: { body: true } }, thread: { select: { title: true } } },
  });
  if (open.length === 0) return 0;
  const { count } = await tx.report.updateMany({
    where: { id: { in: open.map((report) => report.id) }, status: "open" },
    data: { status: "resolved", openKey: null, resolution, resolvedById: moderatorId, resolvedAt: new Date() },
  });
  // One notice per reporter (a member has at most one open report per item).
  for (const report of new Map(open.map((report) => [report.reporterId, report])).values()) {
    const text = reportOutcomeNotice({
      resolution,
      threadTitle: report.thread.title,
      commentBody: report.comment?.body ?? null,
      href: `/t/${report.threadId}`,
    });
    noticeIds.push(await createNotice(tx, report.reporterId, text));
  }
  return count;
}

const COMMENT_TRANSITIONS: Record<"hide" | "remove" | "restore" | "approve", { from: CommentStatus[]; to: CommentStatus; action: ModerationAction }> = {
  hide: { from: ["visible", "pending"], to: "hidden", action: "hide_comment" },
  remove: { from: ["visible", "pending", "hidden"], to: "removed", action: "remove_comment" },
  restore: { from: ["hidden", "removed"], to: "visible", action: "restore_comment" },
  approve: { from: ["pending"], to: "visible", action: "approve_comment" },
};

export type CommentModeration = keyof typeof COMMENT_TRANSITIONS;

/**
 * Moves a comment to a new status inside the caller's transaction: the thread's count and activity and its
 * ancestors' reply counts follow (applyCommentTransition) (moderating, and restoring a comment on appeal).
 */
export async function setCommentStatus(
  tx: Tx,
  comment: { id: string; threadId: string; status: CommentStatus; depth: number; path: string },
  to: CommentStatus,
  moderatorId: string,
  reason?: string,
) {
  const moderatedAt = new Date();
  await tx.comment.update({
    where: { id: comment.id },
    data: { status: to, moderationReason: to !== "visible" ? (reason ?? null) : null, moderatedById: moderatorId, moderatedAt },
  });
  await applyCommentTransition(tx, comment, { status: comment.status, deletedAt: null }, { status: to, deletedAt: null }, moderatedAt);
}

/** Hides, removes, restores or approves a comment; its reports close and the log records it, all in one transaction. */
export async function moderateComment(input: { moderatorId: string; commentId: string; kind: CommentModeration; reason?: string }) {
  const transition = COMMENT_TRANSITIONS[input.kind];
  const noticeIds: string[] = [];
  const comment = await db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({
      where: { id: input.commentId },
      select: {
        id: true,
        threadId: true,
        authorId: true,
        body: true,
        status: true,
        deletedAt: true,
        depth: true,
        path: true,
        thread: { select: { articleId: true, title: true } },
      },
    });
    if (!comment) throw new ModerationError("That comment does not exist.", "not_found");
    if (comment.deletedAt) throw new ModerationError("Its author deleted that comment.", "conflict");
    if (!transition.from.includes(comment.status)) {
      throw new ModerationError(`That comment is ${comment.status}; it cannot be changed that way.`, "conflict");
    }

    await setCommentStatus(tx, comment, transition.to, input.moderatorId, input.reason);
    await resolveOpenReports(tx, { commentId: comment.id }, input.moderatorId, transition.action, noticeIds);
    await appendLog(tx, {
      moderatorId: input.moderatorId,
      articleId: comment.thread.articleId,
      action: transition.action,
      targetType: "comment",
      targetId: comment.id,
      targetUserId: comment.authorId,
      reason: input.reason,
    });
    // The author hears of a hide or removal, with the reason and where to appeal it.
    if (input.kind === "hide" || input.kind === "remove") {
      const text = commentModeratedNotice({
        kind: input.kind,
        threadTitle: comment.thread.title,
        commentBody: comment.body,
        reason: input.reason,
        href: `/t/${comment.threadId}/c/${comment.id}`,
      });
      noticeIds.push(await createNotice(tx, comment.authorId, text));
    }
    return comment;
  });
  await emailNoticesAfterResponse(noticeIds);
  // Committed: signed-out readers stop (or start) seeing it now, on every instance, not when their copy expires.
  await purgeAnonymousPages();
  return comment;
}

/** Closes an item's reports without acting on it. */
export async function dismissReports(input: { moderatorId: string; commentId?: string; threadId: string; reason?: string }) {
  const noticeIds: string[] = [];
  const closed = await db.$transaction(async (tx) => {
    // A comment named with another thread's id is not the item the form showed: nothing to dismiss there.
    if (input.commentId && !(await tx.comment.findFirst({ where: { id: input.commentId, threadId: input.threadId }, select: { id: true } }))) {
      throw new ModerationError("There are no open reports on that item.", "conflict");
    }
    const item = input.commentId ? { commentId: input.commentId } : { threadId: input.threadId };
    const closed = await resolveOpenReports(tx, item, input.moderatorId, "dismissed", noticeIds);
    if (closed === 0) throw new ModerationError("There are no open reports on that item.", "conflict");
    await appendLog(tx, {
      moderatorId: input.moderatorId,
      articleId: await articleOfThread(tx, input.threadId),
      action: "dismiss_reports",
      targetType: input.commentId ? "comment" : "thread",
      targetId: input.commentId ?? input.threadId,
      reason: input.reason,
      detail: `${closed} report(s) closed`,
    });
    return closed;
  });
  await emailNoticesAfterResponse(noticeIds);
  return closed;
}

export type ThreadModeration = "lock" | "unlock" | "pin" | "unpin";

/** Locks, unlocks, pins or unpins a thread, with its log row. */
export async function moderateThread(input: { moderatorId: string; threadId: string; kind: ThreadModeration; reason?: string }) {
  await db.$transaction(async (tx) => {
    const thread = await tx.thread.findUnique({ where: { id: input.threadId }, select: { id: true, locked: true, pinned: true, articleId: true } });
    if (!thread) throw new ModerationError("That thread does not exist.", "not_found");
    const change = {
      lock: { when: !thread.locked, data: { locked: true, lockReason: input.reason ?? null }, already: "locked" },
      unlock: { when: thread.locked, data: { locked: false, lockReason: null }, already: "unlocked" },
      pin: { when: !thread.pinned, data: { pinned: true }, already: "pinned" },
      unpin: { when: thread.pinned, data: { pinned: false }, already: "unpinned" },
    }[input.kind];
    if (!change.when) throw new ModerationError(`That thread is already ${change.already}.`, "conflict");
    await tx.thread.update({ where: { id: thread.id }, data: change.data });
    await appendLog(tx, {
      moderatorId: input.moderatorId,
      articleId: thread.articleId,
      action: `${input.kind}_thread` as ModerationAction,
      targetType: "thread",
      targetId: thread.id,
      reason: input.reason,
    });
  });
  // A locked thread's page loses its comment form, a pinned one moves up the article's page: for everybody, now.
  await purgeAnonymousPages();
}

export const SUSPENSION_DURATIONS = { "1d": 1, "7d": 7, "30d": 30, permanent: null } as const;
export type SuspensionDuration = keyof typeof SUSPENSION_DURATIONS;

type Actor = { id: string; role: Role };

/** Suspends a member (reading stays open to them); closes reports on the comment that prompted it, if any. */
export async function suspendUser(input: { moderator: Actor; userId: string; duration: SuspensionDuration; reason: string; commentId?: string }) {
  const noticeIds: string[] = [];
  await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true } });
    if (!target) throw new ModerationError("That member does not exist.", "not_found");
    if (!canSuspend(input.moderator, target)) throw new ModerationError("You cannot suspend that account.", "forbidden");
    // The comment that prompted the suspension has its reports closed with it: only ever one of the member's own.
    const prompt = input.commentId
      ? await tx.comment.findFirst({ where: { id: input.commentId, authorId: target.id }, select: { thread: { select: { articleId: true } } } })
      : null;
    if (input.commentId && !prompt) throw new ModerationError("That comment is not by this member.", "conflict");

    const days = SUSPENSION_DURATIONS[input.duration];
    const until = days === null ? null : new Date(Date.now() + days * 24 * 60 * 60 * 1000);
    await tx.user.update({
      where: { id: target.id },
      data: { suspendedUntil: until, suspendedPermanently: days === null, suspensionReason: input.reason },
    });
    if (input.commentId) await resolveOpenReports(tx, { commentId: input.commentId }, input.moderator.id, "suspend_user", noticeIds);
    await appendLog(tx, {
      moderatorId: input.moderator.id,
      // Taken from a comment: the suspension shows in that article's public log.
      articleId: prompt?.thread.articleId ?? null,
      action: "suspend_user",
      targetType: "user",
      targetId: target.id,
      targetUserId: target.id,
      reason: input.reason,
      detail: days === null ? "permanent" : `${days} day(s), until ${until!.toISOString()}`,
    });
    noticeIds.push(await createNotice(tx, target.id, suspensionNotice({ days, until, reason: input.reason })));
  });
  await emailNoticesAfterResponse(noticeIds);
}

export async function liftSuspension(input: { moderator: Actor; userId: string; reason?: string }) {
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, role: true, suspendedUntil: true, suspendedPermanently: true },
    });
    if (!target) throw new ModerationError("That member does not exist.", "not_found");
    if (!canSuspend(input.moderator, target)) throw new ModerationError("You cannot change that account.", "forbidden");
    // A suspension whose end has passed is over (as getCurrentUser and listSuspendedUsers see it): nothing to lift.
    if (!hasActiveSuspension(target)) throw new ModerationError("That member is not suspended.", "conflict");
    await tx.user.update({
      where: { id: target.id },
      data: { suspendedUntil: null, suspendedPermanently: false, suspensionReason: null },
    });
    await appendLog(tx, {
      moderatorId: input.moderator.id,
      articleId: null,
      action: "lift_suspension",
      targetType: "user",
      targetId: target.id,
      targetUserId: target.id,
      reason: input.reason,
    });
  });
}

/** Grants or revokes a role; an admin cannot demote themselves (so a forum always keeps one admin). */
export async function setUserRole(input: { adminId: string; userId: string; role: Role; reason?: string }) {
  return db.$transaction(async (tx) => {
    if (input.userId === input.adminId) throw new ModerationError("You cannot change your own role.", "forbidden");
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true } });
    if (!target) throw new ModerationError("That member does not exist.", "not_found");
    if (target.role === input.role) throw new ModerationError(`That account is already ${input.role}.`, "conflict");
    await tx.user.update({ where: { id: target.id }, data: { role: input.role } });
    await appendLog(tx, {
      moderatorId: input.adminId,
      articleId: null,
      action: "set_role",
      targetType: "user",
      targetId: target.id,
      targetUserId: target.id,
      reason: input.reason,
      detail: `${target.role} → ${input.role}`,
    });
  });
}
