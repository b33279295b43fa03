// A moderator's view of one member (on their page): what they wrote and what became of it, the reports they
// filed and their outcomes, and what moderators did to them. Five queries (six statements where Prisma loads the
// moderators' names apart), whatever the member's history.
import { db } from "@/lib/db";

export const MEMBER_CARD_ACTIONS_SHOWN = 10;

export type MemberCard = {
  comments: { visible: number; pending: number; hidden: number; removed: number; deleted: number };
  reports: { open: number; actedOn: number; dismissed: number };
  actions: {
    total: number;
    recent: { id: string; action: string; reason: string | null; detail: string | null; createdAt: Date; moderator: string | null }[];
  };
};

export async function getMemberCard(userId: string): Promise<MemberCard> {
  const [byStatus, deleted, reports, recent, total] = await Promise.all([
    db.comment.groupBy({ by: ["status"], where: { authorId: userId, deletedAt: null }, _count: { _all: true } }),
    db.comment.count({ where: { authorId: userId, deletedAt: { not: null } } }),
    db.report.groupBy({ by: ["status", "resolution"], where: { reporterId: userId }, _count: { _all: true } }),
    db.moderationLog.findMany({
      where: { targetUserId: userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MEMBER_CARD_ACTIONS_SHOWN,
      select: { id: true, action: true, reason: true, detail: true, createdAt: true, moderatorId: true, moderator: { select: { name: true } } },
    }),
    db.moderationLog.count({ where: { targetUserId: userId } }),
  ]);
  const comments = { visible: 0, pending: 0, hidden: 0, removed: 0, deleted };
  for (const row of byStatus) comments[row.status] = row._count._all;
  const filed = { open: 0, actedOn: 0, dismissed: 0 };
  for (const row of reports) {
    if (row.status === "open") filed.open += row._count._all;
    else if (row.resolution === "dismissed") filed.dismissed += row._count._all;
    else filed.actedOn += row._count._all;
  }
  return {
    comments,
    reports: filed,
    actions: {
      total,
      recent: recent.map((row) => ({
        id: row.id,
        action: row.action,
        reason: row.reason,
        detail: row.detail,
        createdAt: row.createdAt,
        // Agora's own actions (the automatic cool-down) have no moderator.
        moderator: row.moderatorId ? (row.moderator?.name ?? "a moderator") : null,
      })),
    },
  };
}
