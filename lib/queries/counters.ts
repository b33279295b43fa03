import type { Db, Tx } from "@/lib/db";
import type { CommentStatus } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { placeComments, placedReplyWeight, replyWeight } from "@/lib/materialized-path";
import { adjustAncestorReplyCounts } from "./comment-placement";

// The stored counters (Thread.commentCount and lastActivityAt, Comment.replyCount and score) move here and only
// here, inside the caller's transaction; recountCounters() recomputes them all from the rows.

/** Whether a comment in this state counts in its thread's comment total (what readers can see a trace of). */
export function isCounted(status: CommentStatus, deletedAt: Date | null): boolean {
  return deletedAt === null && (status === "visible" || status === "hidden");
}

/** A comment's state as far as the counters care. */
export type CountedState = { status: CommentStatus; deletedAt: Date | null };

/**
 * What a new comment changes on its thread, folded into the UPDATE that hands out its number
 * (takeThreadForComment), so posting costs no extra statement: one more comment and fresh activity if it counts.
 */
export function threadDataForNewComment(state: CountedState, createdAt: Date): Prisma.ThreadUpdateInput {
  return isCounted(state.status, state.deletedAt) ? { commentCount: { increment: 1 }, lastActivityAt: createdAt } : {};
}

/** A new comment's ancestors gain a reply (unless it waits for review); its parent is live, so one UPDATE. */
export async function countNewReply(tx: Tx, comment: { threadId: string; path: string; status: CommentStatus }): Promise<void> {
  await adjustAncestorReplyCounts(tx, comment, replyWeight(comment.status), { liveAncestors: true });
}

/**
 * Moves the counters for a comment going from one state to another (edited back to review, deleted, moderated,
 * restored on appeal): its thread's commentCount, its ancestors' replyCount and, when it leaves review for
 * readers' eyes (approved), its thread's lastActivityAt. Call it in the transaction that changes the row.
 * `replyCount` is the comment's own, which decides whether a deleted one still holds its place as a tombstone.
 */
export async function applyCommentTransition(
  tx: Tx,
  comment: { threadId: string; path: string; replyCount?: number },
  from: CountedState,
  to: CountedState,
  at: Date = new Date(),
): Promise<void> {
  const delta = Number(isCounted(to.status, to.deletedAt)) - Number(isCounted(from.status, from.deletedAt));
  // An approved comment appears to readers now: that is activity on the thread, as posting it would have been.
  const approved = from.status === "pending" && to.status === "visible" && to.deletedAt === null;
  if (delta !== 0 || approved) {
    await tx.thread.update({
      where: { id: comment.threadId },
      data: { ...(delta !== 0 ? { commentCount: { increment: delta } } : {}), ...(approved ? { lastActivityAt: at } : {}) },
    });
  }
  const replyCount = comment.replyCount ?? 0;
  await adjustAncestorReplyCounts(tx, comment, placedReplyWeight({ ...to, replyCount }) - placedReplyWeight({ ...from, replyCount }));
}

/** Moves one comment's score by a vote given (+1) or taken back (-1); returns the new score. */
export async function moveScore(tx: Tx, commentId: string, by: 1 | -1): Promise<number> {
  const { score } = await tx.comment.update({ where: { id: commentId }, data: { score: { increment: by } }, select: { score: true } });
  return score;
}

/** Takes one vote off each of these comments' scores (a voter's votes going with their account). */
export async function withdrawVotes(tx: Tx, commentIds: string[]): Promise<void> {
  if (commentIds.length > 0) await tx.comment.updateMany({ where: { id: { in: commentIds } }, data: { score: { decrement: 1 } } });
}

/** One stored counter that disagreed with the rows: on which row, what was stored and what the rows say. */
export type CounterDrift = {
  counter: "Thread.commentCount" | "Thread.lastActivityAt" | "Comment.score" | "Comment.replyCount";
  id: string;
  stored: string;
  actual: string;
};

// The counting rules in SQL (isCounted; a vote per CommentVote row). Enum values compare as text on both databases.
const COUNTED_COMMENTS = Prisma.sql`
  SELECT COUNT(*) FROM "Comment" AS "c"
  WHERE "c"."threadId" = "Thread"."id" AND "c"."deletedAt" IS NULL AND "c"."status" IN ('visible', 'hidden')`;
// lastActivityAt also moves when an article is published or a comment approved, which no row records: the recount
// only raises it to the newest counted comment, never lowers it.
const NEWEST_COUNTED = Prisma.sql`
  SELECT MAX("c"."createdAt") FROM "Comment" AS "c"
  WHERE "c"."threadId" = "Thread"."id" AND "c"."deletedAt" IS NULL AND "c"."status" IN ('visible', 'hidden')`;
const VOTES = Prisma.sql`SELECT COUNT(*) FROM "CommentVote" AS "v" WHERE "v"."commentId" = "Comment"."id"`;

/** Rows per replyCount UPDATE: 2 parameters each, well under both databases' limits. */
const WRITE_BATCH = 500;

async function findDrift(tx: Tx): Promise<{ drift: CounterDrift[]; replyCounts: Map<string, number> }> {
  const counts = await tx.$queryRaw<{ id: string; stored: number | bigint; actual: number | bigint }[]>`
    SELECT "id", "commentCount" AS "stored", (${COUNTED_COMMENTS}) AS "actual" FROM "Thread" WHERE "commentCount" <> (${COUNTED_COMMENTS})`;
  const activity = await tx.thread.findMany({
    select: {
      id: true,
      lastActivityAt: true,
      comments: { where: { deletedAt: null, status: { in: ["visible", "hidden"] } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const scores = await tx.$queryRaw<{ id: string; stored: number | bigint; actual: number | bigint }[]>`
    SELECT "id", "score" AS "stored", (${VOTES}) AS "actual" FROM "Comment" WHERE "score" <> (${VOTES})`;
  const comments = await tx.comment.findMany({
    orderBy: [{ threadId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, threadId: true, parentId: true, status: true, deletedAt: true, replyCount: true },
  });
  const { places } = placeComments(comments);
  const replyCounts = new Map<string, number>();
  const drift: CounterDrift[] = counts.map((row) => ({ counter: "Thread.commentCount", id: row.id, stored: String(row.stored), actual: String(row.actual) }));
  for (const thread of activity) {
    const newest = thread.comments[0]?.createdAt;
    if (newest && newest > thread.lastActivityAt) {
      drift.push({ counter: "Thread.lastActivityAt", id: thread.id, stored: thread.lastActivityAt.toISOString(), actual: newest.toISOString() });
    }
  }
  drift.push(...scores.map((row): CounterDrift => ({ counter: "Comment.score", id: row.id, stored: String(row.stored), actual: String(row.actual) })));
  for (const comment of comments) {
    const actual = places.get(comment.id)!.replyCount;
    if (actual !== comment.replyCount) {
      replyCounts.set(comment.id, actual);
      drift.push({ counter: "Comment.replyCount", id: comment.id, stored: String(comment.replyCount), actual: String(actual) });
    }
  }
  return { drift, replyCounts };
}

/** Every stored counter that disagrees with the rows, writing nothing: empty when the counters are right. */
export async function findCounterDrift(client: Db): Promise<CounterDrift[]> {
  return client.$transaction(async (tx) => (await findDrift(tx)).drift, { timeout: 10 * 60_000, maxWait: 60_000 });
}

/**
 * Recomputes every stored counter from the rows (`npm run db:recount`), in one transaction: commentCount, score
 * and lastActivityAt each by one set-based UPDATE, replyCount (whose deleted-leaf rule is recursive,
 * lib/materialized-path.ts) from the tree placed in memory, written in batches. Returns what it corrected.
 */
export async function recountCounters(client: Db): Promise<CounterDrift[]> {
  return client.$transaction(
    async (tx) => {
      const { drift, replyCounts } = await findDrift(tx);
      if (drift.length === 0) return drift;
      await tx.$executeRaw`UPDATE "Thread" SET "commentCount" = (${COUNTED_COMMENTS}) WHERE "commentCount" <> (${COUNTED_COMMENTS})`;
      await tx.$executeRaw`
        UPDATE "Thread" SET "lastActivityAt" = (${NEWEST_COUNTED})
        WHERE (${NEWEST_COUNTED}) IS NOT NULL AND (${NEWEST_COUNTED}) > "lastActivityAt"`;
      await tx.$executeRaw`UPDATE "Comment" SET "score" = (${VOTES}) WHERE "score" <> (${VOTES})`;
      const changed = [...replyCounts];
      for (let i = 0; i < changed.length; i += WRITE_BATCH) {
        const rows = changed.slice(i, i + WRITE_BATCH).map(([id, count]) => Prisma.sql`(${id}, ${count})`);
        // VALUES names its columns column1, column2... in both databases.
        await tx.$executeRaw`
          UPDATE "Comment" SET "replyCount" = CAST("v"."column2" AS INTEGER)
          FROM (VALUES ${Prisma.join(rows)}) AS "v" WHERE "Comment"."id" = "v"."column1"`;
      }
      return drift;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
