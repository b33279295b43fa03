import { db, type Tx } from "@/lib/db";

import { metrics } from "@/lib/metrics";
import { MODERATION_ACTIONS, type ModerationAction } from "@/lib/moderation-actions";

export { MODERATION_ACTIONS, type ModerationAction };

export type LogEntry = {
  /** null: Agora acted by itself (the automatic cool-down). */
  moderatorId: string | null;
  /** The article the action concerns (its public log, /a/<slug>/moderation); null for forum-wide actions. */
  articleId: string | null;
  action: ModerationAction;
  targetType: "comment" | "thread" | "user" | "word_filter" | "appeal" | "correction" | "article";
  targetId: string;
  targetUserId?: string | null;
  reason?: string | null;
  detail?: string | null;
};

/** Appends one row to the moderation log, inside the transaction of the action it records; returns its id. */
export async function appendLog(tx: Tx, entry: LogEntry): Promise<string> {
  const row = await tx.moderationLog.create({ data: entry, select: { id: true } });
  metrics().moderationActions.inc({ action: entry.action });
  return row.id;
}

/** The article a thread belongs to, for a log row about that thread or one of its comments. */
export async function articleOfThread(tx: Tx, threadId: string): Promise<string | null> {
  const thread = await tx.thread.findUnique({ where: { id: threadId }, select: { articleId: true } });
  return thread?.articleId ?? null;
}

export const LOG_PAGE_SIZE = 50;

export type LogFilters = { moderatorId?: string; action?: ModerationAction; userId?: string; before?: string };

/** The log, newest first, filtered by moderator, action and affected user; `before` is the next page's cursor. */
export async function getModerationLog(filters: LogFilters) {
  const rows = await db.moderationLog.findMany({
    where: {
      moderatorId: filters.moderatorId,
      action: filters.action,
      targetUserId: filters.userId,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LOG_PAGE_SIZE + 1,
    ...(filters.before ? { cursor: { id: filters.before }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      reason: true,
      detail: true,
      createdAt: true,
      moderator: { select: { id: true, name: true } },
      targetUser: { select: { id: true, name: true } },
    },
  });
  const entries = rows.slice(0, LOG_PAGE_SIZE);
  return { entries, nextCursor: rows.length > LOG_PAGE_SIZE ? entries.at(-1)?.id : undefined };
}

/** Everyone who has ever acted, for the log's moderator filter. */
export function listLogModerators() {
  return db.user.findMany({
    where: { moderationActions: { some: {} } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export const PUBLIC_LOG_PAGE_SIZE = 30;

/** What the public sees for an action's actor: a name only when configured, never anyone's email. */
export function publicActorName(moderator: { name: string | null } | null, showNames: boolean): string {
  if (!moderator) return "Agora (automatic)";
  return showNames && moderator.name ? moderator.name : "a moderator";
}

export type PublicLogEntry = {
  id: string;
  action: ModerationAction;
  actor: string;
  reason: string | null;
  detail: string | null;
  createdAt: Date;
  /** The point (thread) the action concerned, when it concerned one. */
  point: { threadId: string; position: number; title: string } | null;
};

/**
 * One article's public moderation log, newest first (`before`: the next page's cursor). It reads only the
 * log row and the point's title: never a comment's body, an email or a report's note.
 */
export async function getArticleModerationLog(articleId: string, options: { before?: string; showNames: boolean }) {
  const rows = await db.moderationLog.findMany({
    where: { articleId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PUBLIC_LOG_PAGE_SIZE + 1,
    ...(options.before ? { cursor: { id: options.before }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      reason: true,
      detail: true,
      createdAt: true,
      moderator: { select: { name: true } },
    },
  });
  const page = rows.slice(0, PUBLIC_LOG_PAGE_SIZE);
  const commentIds = page.filter((row) => row.targetType === "comment").map((row) => row.targetId);
  const comments = commentIds.length
    ? await db.comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, threadId: true } })
    : [];
  const threadOfComment = new Map(comments.map((comment) => [comment.id, comment.threadId]));
  const threadIdOf = (row: (typeof page)[number]) =>
    row.targetType === "thread" ? row.targetId : row.targetType === "comment" ? threadOfComment.get(row.targetId) : undefined;
  const threadIds = [...new Set(page.map(threadIdOf).filter((id): id is string => Boolean(id)))];
  const threads = threadIds.length
    ? await db.thread.findMany({ where: { id: { in: threadIds }, articleId }, select: { id: true, position: true, title: true } })
    : [];
  const threadById = new Map(threads.map((thread) => [thread.id, thread]));
  const entries: PublicLogEntry[] = page.map((row) => {
    const thread = threadById.get(threadIdOf(row) ?? "");
    return {
      id: row.id,
      action: row.action as ModerationAction,
      actor: publicActorName(row.moderator, options.showNames),
      reason: row.reason,
      detail: row.detail,
      createdAt: row.createdAt,
      point: thread ? { threadId: thread.id, position: thread.position, title: thread.title } : null,
    };
  });
  return { entries, nextCursor: rows.length > PUBLIC_LOG_PAGE_SIZE ? page.at(-1)?.id : undefined };
}
