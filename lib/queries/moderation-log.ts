import { db, type Tx } from "@/lib/db";

export const MODERATION_ACTIONS = [
  "hide_comment",
  "remove_comment",
  "restore_comment",
  "approve_comment",
  "dismiss_reports",
  "lock_thread",
  "unlock_thread",
  "pin_thread",
  "unpin_thread",
  "suspend_user",
  "lift_suspension",
  "set_role",
  "add_word_filter",
  "remove_word_filter",
] as const;

export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export type LogEntry = {
  moderatorId: string;
  action: ModerationAction;
  targetType: "comment" | "thread" | "user" | "word_filter";
  targetId: string;
  targetUserId?: string | null;
  reason?: string | null;
  detail?: string | null;
};

/** Appends one row to the moderation log, inside the transaction of the action it records. */
export async function appendLog(tx: Tx, entry: LogEntry): Promise<void> {
  await tx.moderationLog.create({ data: entry });
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
