import { db, type Tx } from "@/lib/db";
import { displayNameKey } from "@/lib/display-name";

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
  const page = rows.slice(0, LOG_PAGE_SIZE);
  const targets = await describeTargets(page);
  const entries = page.map((row) => ({ ...row, target: targets(row) }));
  return { entries, nextCursor: rows.length > LOG_PAGE_SIZE ? entries.at(-1)?.id : undefined };
}

/** What an action was done to, in words a moderator reads, and where it is (null: nowhere to go). */
export type LogTarget = { label: string; href: string | null };

const quoted = (text: string) => `“${text}”`;

/**
 * Names every target of a page of log rows: a comment by its author and thread, a thread and an article by
 * title, a member by name. One query per kind of target on the page, whatever the number of rows.
 */
async function describeTargets(rows: { targetType: string; targetId: string; targetUser: { name: string | null } | null }[]) {
  const idsOf = (type: string) => [...new Set(rows.filter((row) => row.targetType === type).map((row) => row.targetId))];
  const [commentIds, threadIds, articleIds] = [idsOf("comment"), idsOf("thread"), idsOf("article")];
  const [comments, threads, articles] = await Promise.all([
    commentIds.length
      ? db.comment.findMany({
          where: { id: { in: commentIds } },
          select: { id: true, threadId: true, author: { select: { name: true } }, thread: { select: { title: true } } },
        })
      : [],
    threadIds.length ? db.thread.findMany({ where: { id: { in: threadIds } }, select: { id: true, title: true } }) : [],
    articleIds.length ? db.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, slug: true, title: true } }) : [],
  ]);
  const comment = new Map(comments.map((row) => [row.id, row]));
  const thread = new Map(threads.map((row) => [row.id, row]));
  const article = new Map(articles.map((row) => [row.id, row]));
  return (row: (typeof rows)[number]): LogTarget => {
    const id = row.targetId;
    switch (row.targetType) {
      case "comment": {
        const found = comment.get(id);
        return found
          ? { label: `comment by ${found.author.name ?? "[deleted account]"} in ${quoted(found.thread.title)}`, href: `/t/${found.threadId}/c/${id}` }
          : { label: "a comment that no longer exists", href: null };
      }
      case "thread": {
        const found = thread.get(id);
        return found ? { label: `point ${quoted(found.title)}`, href: `/t/${id}` } : { label: "a point that no longer exists", href: null };
      }
      case "article": {
        const found = article.get(id);
        return found ? { label: `article ${quoted(found.title)}`, href: `/a/${found.slug}` } : { label: "an article that no longer exists", href: null };
      }
      case "user":
        return { label: `member ${row.targetUser?.name ?? "[deleted account]"}`, href: `/u/${id}` };
      case "word_filter":
        return { label: "the word filter", href: "/admin" };
      case "correction":
        return { label: "a correction request", href: "/mod/corrections" };
      default:
        return { label: `${row.targetType.replaceAll("_", " ")} ${id}`, href: null };
    }
  };
}

/** The member a moderator names in the log's filter, by display name (read as names are compared: lib/display-name.ts). */
export async function findMemberByName(name: string): Promise<{ id: string; name: string | null } | null> {
  const key = displayNameKey(name);
  if (!key) return null;
  return db.user.findUnique({ where: { nameKey: key }, select: { id: true, name: true } });
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
  const comments = commentIds.length ? await db.comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, threadId: true } }) : [];
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
