import { db } from "@/lib/db";
import { isAuthorOf } from "@/lib/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportReason } from "@/lib/generated/prisma/enums";

export class ReportError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "own_item" | "duplicate",
  ) {
    super(message);
  }
}

/** Files a member's report on a comment, or on a whole thread when no comment is named. */
export async function createReport(input: { reporterId: string; threadId: string; commentId?: string; reason: ReportReason; note?: string }) {
  const item = input.commentId ? `c:${input.commentId}` : `t:${input.threadId}`;
  try {
    return await db.$transaction(async (tx) => {
      if (input.commentId) {
        const comment = await tx.comment.findFirst({
          where: { id: input.commentId, threadId: input.threadId, deletedAt: null },
          select: { authorId: true, status: true },
        });
        if (!comment) throw new ReportError("That comment does not exist.", "not_found");
        if (isAuthorOf(input.reporterId, comment)) throw new ReportError("You cannot report your own comment.", "own_item");
        // Someone else's comment awaiting review is invisible to the reporter: a guessed id gets what a wrong one does.
        if (comment.status === "pending") throw new ReportError("That comment does not exist.", "not_found");
      } else if (!(await tx.thread.findUnique({ where: { id: input.threadId }, select: { id: true } }))) {
        throw new ReportError("That thread does not exist.", "not_found");
      }
      return tx.report.create({
        data: {
          reporterId: input.reporterId,
          threadId: input.threadId,
          commentId: input.commentId ?? null,
          reason: input.reason,
          note: input.note ?? null,
          // Unique while open: the database refuses a second open report by the same member on the same item.
          openKey: `${input.reporterId}:${item}`,
        },
        select: { id: true },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ReportError("You have already reported this; a moderator will look at it.", "duplicate");
    }
    throw error;
  }
}

/** Open reports plus comments awaiting approval: the number shown next to "Moderation" in the header. */
export async function countOpenModerationItems(): Promise<number> {
  const [row] = await db.$queryRaw<{ items: number | bigint }[]>`SELECT ${OPEN_MODERATION_ITEMS} AS "items"`;
  return Number(row!.items);
}

/**
 * countOpenModerationItems as one SQL expression, for statements that count more beside it (the staff header's
 * badge, lib/queries/waiting.ts): the reported comments and threads (one item however many reports), and the
 * comments held for review that their authors have not deleted.
 */
export const OPEN_MODERATION_ITEMS = Prisma.sql`(
  (SELECT COUNT(*) FROM (SELECT 1 AS "item" FROM "Report" WHERE "status" = 'open' GROUP BY "threadId", "commentId") AS "reported")
  + (SELECT COUNT(*) FROM "Comment" WHERE "status" = 'pending' AND "deletedAt" IS NULL)
)`;

const QUEUE_LIMIT = 200;
const HISTORY_PER_AUTHOR = 5;

const queueCommentFields = {
  id: true,
  body: true,
  bodyHtml: true,
  bodyHtmlVersion: true,
  status: true,
  moderationReason: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  depth: true,
  threadId: true,
  author: { select: { id: true, name: true, role: true, suspendedUntil: true, suspendedPermanently: true } },
  parent: { select: { id: true, body: true, deletedAt: true, author: { select: { name: true } } } },
  thread: { select: { id: true, title: true } },
} as const;

/**
 * The moderation queue: comments awaiting approval, and open reports grouped by item (newest first) with the
 * comment in context and its author's recent history. A fixed number of queries, whatever the queue's size.
 */
export async function getModerationQueue() {
  const [pending, reports] = await Promise.all([
    db.comment.findMany({
      where: { status: "pending", deletedAt: null },
      orderBy: { createdAt: "desc" },
      take: QUEUE_LIMIT,
      select: queueCommentFields,
    }),
    db.report.findMany({
      where: { status: "open" },
      orderBy: { createdAt: "desc" },
      take: QUEUE_LIMIT * 5,
      select: {
        id: true,
        reason: true,
        note: true,
        createdAt: true,
        reporter: { select: { id: true, name: true } },
        thread: { select: { id: true, title: true, locked: true } },
        comment: { select: queueCommentFields },
      },
    }),
  ]);

  type Group = {
    key: string;
    thread: (typeof reports)[number]["thread"];
    comment: (typeof reports)[number]["comment"];
    reports: typeof reports;
    reasonCounts: Partial<Record<ReportReason, number>>;
    newestAt: Date;
  };
  const groups = new Map<string, Group>();
  for (const report of reports) {
    const key = report.comment ? `c:${report.comment.id}` : `t:${report.thread.id}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, thread: report.thread, comment: report.comment, reports: [], reasonCounts: {}, newestAt: report.createdAt };
      groups.set(key, group);
    }
    group.reports.push(report);
    group.reasonCounts[report.reason] = (group.reasonCounts[report.reason] ?? 0) + 1;
  }

  const authorIds = [...new Set([...pending.map((c) => c.author.id), ...[...groups.values()].flatMap((g) => (g.comment ? [g.comment.author.id] : []))])];
  // Each author's own latest rows, picked in SQL with a window function (valid on SQLite and Postgres), so a
  // prolific author neither crowds out the others' history nor makes the queue read all their comments.
  const [recentIds, actionIds] = authorIds.length
    ? await Promise.all([
        db.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM (
            SELECT "id", ROW_NUMBER() OVER (PARTITION BY "authorId" ORDER BY "createdAt" DESC) AS "rank"
            FROM "Comment" WHERE "deletedAt" IS NULL AND "authorId" IN (${Prisma.join(authorIds)})
          ) AS "ranked" WHERE "rank" <= ${HISTORY_PER_AUTHOR}`,
        db.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM (
            SELECT "id", ROW_NUMBER() OVER (PARTITION BY "targetUserId" ORDER BY "createdAt" DESC) AS "rank"
            FROM "ModerationLog" WHERE "targetUserId" IN (${Prisma.join(authorIds)})
          ) AS "ranked" WHERE "rank" <= ${HISTORY_PER_AUTHOR}`,
      ])
    : [[], []];
  const [recentComments, priorActions] = await Promise.all([
    db.comment.findMany({
      where: { id: { in: recentIds.map((row) => row.id) } },
      orderBy: { createdAt: "desc" },
      select: { id: true, body: true, status: true, createdAt: true, authorId: true, thread: { select: { id: true, title: true } } },
    }),
    db.moderationLog.findMany({
      where: { id: { in: actionIds.map((row) => row.id) } },
      orderBy: { createdAt: "desc" },
      select: { id: true, action: true, reason: true, createdAt: true, targetUserId: true, moderator: { select: { name: true } } },
    }),
  ]);

  const history = new Map<string, { recent: typeof recentComments; actions: typeof priorActions }>();
  for (const id of authorIds) history.set(id, { recent: [], actions: [] });
  for (const comment of recentComments) history.get(comment.authorId)!.recent.push(comment);
  for (const action of priorActions) history.get(action.targetUserId!)!.actions.push(action);

  return { pending, reportGroups: [...groups.values()].slice(0, QUEUE_LIMIT), history };
}

export type ModerationQueue = Awaited<ReturnType<typeof getModerationQueue>>;
