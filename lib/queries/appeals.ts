import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { APPEALABLE_ACTIONS, canAppeal, canDecideAppeal, hasActiveSuspension } from "@/lib/permissions";
import type { CurrentUser } from "@/lib/current-user";
import { appealOutcomeNotice } from "@/lib/moderation-notices";
import { emailNoticesAfterResponse } from "@/lib/notify";
import { setCommentStatus } from "./moderation";
import { createNotice } from "./notices";
import { appendLog, type ModerationAction } from "./moderation-log";

export class AppealError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "conflict" | "duplicate",
  ) {
    super(message);
  }
}

// One answer for "not yours" and "not there": a guessed id learns nothing.
const NOT_YOURS = () => new AppealError("There is no decision of yours to appeal there.", "not_found");

/** The latest hide or removal of a comment: the decision its author may appeal while it stands. */
async function latestCommentAction(tx: Tx | typeof db, commentId: string) {
  return tx.moderationLog.findFirst({
    where: { targetType: "comment", targetId: commentId, action: { in: ["hide_comment", "remove_comment"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
}

/** The latest suspension of a member: the one they may appeal while it lasts. */
async function latestSuspension(tx: Tx | typeof db, userId: string) {
  return tx.moderationLog.findFirst({
    where: { action: "suspend_user", targetUserId: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
}

/**
 * Files the affected member's appeal of one moderation action (a hidden or removed comment of theirs, or their
 * suspension) while that decision still stands. One appeal per action, enforced by the database.
 */
export async function fileAppeal(input: { appellant: Pick<CurrentUser, "id" | "role" | "suspension">; logId: string; body: string }) {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.moderationLog.findUnique({
        where: { id: input.logId },
        select: { id: true, action: true, targetType: true, targetId: true, targetUserId: true },
      });
      if (!row || row.targetUserId !== input.appellant.id) throw NOT_YOURS();
      if (!canAppeal(input.appellant, row)) throw new AppealError("That decision cannot be appealed.", "forbidden");
      let commentId: string | null = null;
      if (row.targetType === "comment") {
        const comment = await tx.comment.findFirst({
          where: { id: row.targetId, authorId: input.appellant.id, deletedAt: null },
          select: { id: true, status: true },
        });
        const latest = await latestCommentAction(tx, row.targetId);
        if (!comment || (comment.status !== "hidden" && comment.status !== "removed") || latest?.id !== row.id) {
          throw new AppealError("That decision no longer stands: there is nothing to appeal.", "conflict");
        }
        commentId = comment.id;
      } else {
        const user = await tx.user.findUniqueOrThrow({ where: { id: input.appellant.id }, select: { suspendedUntil: true, suspendedPermanently: true } });
        const latest = await latestSuspension(tx, input.appellant.id);
        if (!hasActiveSuspension(user) || latest?.id !== row.id) {
          throw new AppealError("That suspension is over: there is nothing to appeal.", "conflict");
        }
      }
      return tx.appeal.create({
        data: { logId: row.id, appellantId: input.appellant.id, commentId, body: input.body },
        select: { id: true, commentId: true },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppealError("You have already appealed this decision.", "duplicate");
    }
    throw error;
  }
}

export type AppealOutcome = "upheld" | "overturned";

/**
 * Decides an open appeal, by a moderator other than the one who acted. Overturning restores the comment (or
 * lifts the suspension, if it is still the member's latest) in the same transaction as the decision and its
 * log row; a second decision finds the appeal no longer open and is refused.
 */
export async function decideAppeal(input: {
  decider: Pick<CurrentUser, "id" | "role" | "suspension">;
  appealId: string;
  outcome: AppealOutcome;
  reason: string;
}) {
  const noticeIds: string[] = [];
  const decided = await db.$transaction(async (tx) => {
    const appeal = await tx.appeal.findUnique({
      where: { id: input.appealId },
      select: {
        id: true,
        status: true,
        appellantId: true,
        commentId: true,
        log: { select: { id: true, action: true, moderatorId: true, articleId: true, targetType: true, targetId: true } },
      },
    });
    if (!appeal) throw new AppealError("That appeal does not exist.", "not_found");
    if (!canDecideAppeal(input.decider, appeal)) {
      throw new AppealError("Another moderator must decide this appeal: not the one who took the decision, nor the appellant.", "forbidden");
    }
    // Compare-and-set: of two moderators deciding at once, one wins and the other is told.
    const { count } = await tx.appeal.updateMany({
      where: { id: appeal.id, status: "open" },
      data: { status: input.outcome, decisionReason: input.reason, decidedById: input.decider.id, decidedAt: new Date() },
    });
    if (count === 0) throw new AppealError("That appeal has already been decided.", "conflict");

    if (input.outcome === "overturned") {
      if (appeal.log.targetType === "comment") {
        const comment = await tx.comment.findUnique({
          where: { id: appeal.log.targetId },
          select: { id: true, threadId: true, status: true, depth: true, path: true, deletedAt: true },
        });
        if (comment && !comment.deletedAt && (comment.status === "hidden" || comment.status === "removed")) {
          await setCommentStatus(tx, comment, "visible", input.decider.id);
        }
      } else if ((await latestSuspension(tx, appeal.appellantId))?.id === appeal.log.id) {
        await tx.user.update({
          where: { id: appeal.appellantId },
          data: { suspendedUntil: null, suspendedPermanently: false, suspensionReason: null },
        });
      }
    }
    await appendLog(tx, {
      moderatorId: input.decider.id,
      articleId: appeal.log.articleId,
      action: `appeal_${input.outcome}` as ModerationAction,
      targetType: appeal.log.targetType as "comment" | "user",
      targetId: appeal.log.targetId,
      targetUserId: appeal.appellantId,
      reason: input.reason,
      detail: `appeal of: ${appeal.log.action.replaceAll("_", " ")}`,
    });
    // The appellant hears the outcome, whichever it is (not who decided).
    const of = appeal.log.targetType === "comment" ? "comment" : "suspension";
    noticeIds.push(await createNotice(tx, appeal.appellantId, appealOutcomeNotice({ outcome: input.outcome, of, reason: input.reason })));
    return { commentId: appeal.commentId };
  });
  await emailNoticesAfterResponse(noticeIds);
  // An overturned decision may show a comment again: signed-out readers see it now, on every instance.
  if (input.outcome === "overturned") await purgeAnonymousPages();
  return decided;
}

const appealFields = {
  id: true,
  body: true,
  status: true,
  decisionReason: true,
  decidedAt: true,
  createdAt: true,
  commentId: true,
  appellantId: true,
  appellant: { select: { id: true, name: true } },
  decidedBy: { select: { id: true, name: true } },
  log: {
    select: {
      id: true,
      action: true,
      reason: true,
      createdAt: true,
      targetType: true,
      targetId: true,
      moderatorId: true,
      moderator: { select: { id: true, name: true } },
    },
  },
  comment: { select: { id: true, body: true, status: true, threadId: true, thread: { select: { title: true } } } },
} as const;

export type QueuedAppeal = Prisma.AppealGetPayload<{ select: typeof appealFields }>;

/** The appeals queue: open appeals oldest first, then the latest decided ones. */
export async function getAppealsQueue() {
  const [open, decided] = await Promise.all([
    db.appeal.findMany({ where: { status: "open" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 200, select: appealFields }),
    db.appeal.findMany({ where: { status: { not: "open" } }, orderBy: [{ decidedAt: "desc" }, { id: "desc" }], take: 30, select: appealFields }),
  ]);
  return { open, decided };
}

export function countOpenAppeals() {
  return db.appeal.count({ where: { status: "open" } });
}

/** A member's own appeals, newest first, with the decision appealed and the outcome. */
export function listOwnAppeals(userId: string) {
  return db.appeal.findMany({
    where: { appellantId: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: {
      id: true,
      body: true,
      status: true,
      decisionReason: true,
      decidedAt: true,
      createdAt: true,
      commentId: true,
      log: { select: { action: true, reason: true, createdAt: true } },
      comment: { select: { threadId: true, thread: { select: { title: true } } } },
    },
  });
}

/** The suspension a member may appeal right now (their current one, not yet appealed), or null. */
export async function getAppealableSuspension(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { suspendedUntil: true, suspendedPermanently: true } });
  if (!user || !hasActiveSuspension(user)) return null;
  const row = await db.moderationLog.findFirst({
    where: { action: "suspend_user", targetUserId: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, reason: true, createdAt: true, appeal: { select: { id: true, status: true } } },
  });
  return row;
}

export type CommentAppealState = {
  /** The decision to appeal (the latest hide or removal). */
  logId: string;
  appeal: { status: "open" | "upheld" | "overturned"; decisionReason: string | null } | null;
};

/**
 * For the viewer's own hidden or removed comments on a page: the decision they may appeal and their appeal of it,
 * if any (two queries for the whole page).
 */
export async function getOwnCommentAppeals(
  viewerId: string | undefined,
  comments: { id: string; status: string; deletedAt: Date | null; author: { id: string } }[],
): Promise<Map<string, CommentAppealState>> {
  const ids = comments
    .filter((c) => viewerId && c.author.id === viewerId && !c.deletedAt && (c.status === "hidden" || c.status === "removed"))
    .map((c) => c.id);
  const result = new Map<string, CommentAppealState>();
  if (ids.length === 0) return result;
  const rows = await db.moderationLog.findMany({
    where: { targetType: "comment", targetId: { in: ids }, action: { in: [...APPEALABLE_ACTIONS] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, targetId: true, appeal: { select: { status: true, decisionReason: true } } },
  });
  // Oldest first: the last one written for a comment is its latest decision.
  for (const row of rows) result.set(row.targetId, { logId: row.id, appeal: row.appeal });
  return result;
}
