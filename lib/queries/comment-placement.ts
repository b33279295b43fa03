import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ancestorPaths, commentKey, placeComments, replyWeight } from "@/lib/materialized-path";

// Where comments sit in their thread's tree (lib/materialized-path.ts), kept in the database.

// Moderation and the test factories count replies with it from here.
export { replyWeight } from "@/lib/materialized-path";

/**
 * Adds `delta` (a comment's change of weight, placedReplyWeight) to the replyCount of every ancestor of the
 * comment at `path`. A deleted ancestor whose count reaches 0 becomes a deleted leaf, no longer shown nor counted
 * above it (and one leaving 0 comes back): its own weight moves its ancestors too. That needs the ancestors
 * read first (one statement); `liveAncestors` says the caller knows no deleted ancestor can cross 0 (a new reply
 * to a live comment, whose whole chain already counts it): then it is one UPDATE.
 */
export async function adjustAncestorReplyCounts(
  tx: Tx,
  comment: { threadId: string; path: string },
  delta: number,
  options: { liveAncestors?: boolean } = {},
): Promise<void> {
  const paths = ancestorPaths(comment.path);
  if (delta === 0 || paths.length === 0) return;
  const increment = (at: string[], by: number) =>
    by === 0 ? undefined : tx.comment.updateMany({ where: { threadId: comment.threadId, path: { in: at } }, data: { replyCount: { increment: by } } });
  if (options.liveAncestors) {
    await increment(paths, delta);
    return;
  }
  const ancestors = await tx.comment.findMany({
    where: { threadId: comment.threadId, path: { in: paths } },
    select: { path: true, status: true, deletedAt: true, replyCount: true },
  });
  // Nearest first: what reaches each ancestor is `delta` plus the change of weight of the deleted ones below it.
  const byDelta = new Map<number, string[]>();
  let moving = delta;
  for (const ancestor of ancestors.sort((a, b) => b.path.length - a.path.length)) {
    byDelta.set(moving, [...(byDelta.get(moving) ?? []), ancestor.path]);
    if (ancestor.deletedAt !== null) {
      const weight = replyWeight(ancestor.status);
      moving += (ancestor.replyCount + moving === 0 ? 0 : weight) - (ancestor.replyCount === 0 ? 0 : weight);
    }
  }
  for (const [by, at] of byDelta) await increment(at, by);
}

/**
 * Hands out the thread's next comment number (with `threadData`, other changes to the thread, in the same
 * statement) and returns the path a new comment under `parent` takes. Call it in the transaction that creates
 * the comment: on PostgreSQL the thread's row stays locked until then, so numbers never repeat.
 */
export async function takeCommentPath(tx: Tx, threadId: string, parent: { path: string } | null, threadData: Prisma.ThreadUpdateInput = {}): Promise<string> {
  const { commentSeq } = await tx.thread.update({
    where: { id: threadId },
    data: { ...threadData, commentSeq: { increment: 1 } },
    select: { commentSeq: true },
  });
  return (parent?.path ?? "") + commentKey(commentSeq);
}

/**
 * takeCommentPath for a new comment, returning also what posting must check of the thread, from the same UPDATE
 * (no separate read): whether it is locked, its slow mode, and its comment count with this comment. Null when the thread does not exist. A refusal
 * after it (locked, slow mode) throws, and the transaction's rollback gives the number back.
 */
export async function takeThreadForComment(
  tx: Tx,
  threadId: string,
  parent: { path: string } | null,
  threadData: Prisma.ThreadUpdateInput = {},
): Promise<{
  path: string;
  thread: {
    id: string;
    locked: boolean;
    slowModeManual: boolean;
    slowModeUntil: Date | null;
    commentCount: number;
    article: { draft: boolean; closedAt: Date | null };
  };
} | null> {
  // updateMany then a read would be two statements: a missing row is the update's P2025 instead.
  try {
    const { commentSeq, ...thread } = await tx.thread.update({
      where: { id: threadId },
      data: { ...threadData, commentSeq: { increment: 1 } },
      select: {
        id: true,
        commentSeq: true,
        locked: true,
        slowModeManual: true,
        slowModeUntil: true,
        commentCount: true,
        article: { select: { draft: true, closedAt: true } },
      },
    });
    return { path: (parent?.path ?? "") + commentKey(commentSeq), thread };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
    throw error;
  }
}

/** Rows per UPDATE: 4 parameters each, well under both databases' limits. */
const WRITE_BATCH = 500;

/**
 * Recomputes path, depth and replyCount of every comment (or of one thread's), and each thread's commentSeq,
 * from parent links alone (placeComments): comments are numbered oldest first (createdAt, then id). For rows
 * written in bulk without them (the benchmark's generator, imports). Reads the comments once, writes only
 * the rows whose place changed, in one transaction. Renumbers the thread, so cursors in old URLs may move.
 * Returns how many comments it placed.
 */
export async function backfillCommentPaths(client: Db, threadId?: string): Promise<{ comments: number }> {
  return client.$transaction(
    async (tx) => {
      const comments = await tx.comment.findMany({
        where: threadId === undefined ? {} : { threadId },
        orderBy: [{ threadId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: { id: true, threadId: true, parentId: true, status: true, deletedAt: true, path: true, depth: true, replyCount: true },
      });
      const { places } = placeComments(comments);
      const changed = comments.filter((comment) => {
        const place = places.get(comment.id)!;
        return place.path !== comment.path || place.depth !== comment.depth || place.replyCount !== comment.replyCount;
      });
      for (let i = 0; i < changed.length; i += WRITE_BATCH) {
        const rows = changed.slice(i, i + WRITE_BATCH).map((comment) => {
          const place = places.get(comment.id)!;
          return Prisma.sql`(${comment.id}, ${place.path}, ${place.depth}, ${place.replyCount})`;
        });
        // VALUES names its columns column1, column2... in both databases.
        await tx.$executeRaw`
          UPDATE "Comment" SET "path" = "v"."column2", "depth" = CAST("v"."column3" AS INTEGER), "replyCount" = CAST("v"."column4" AS INTEGER)
          FROM (VALUES ${Prisma.join(rows)}) AS "v" WHERE "Comment"."id" = "v"."column1"`;
      }
      await tx.$executeRaw`
        UPDATE "Thread" SET "commentSeq" = (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."threadId" = "Thread"."id")
        WHERE ${threadId === undefined ? Prisma.sql`1 = 1` : Prisma.sql`"id" = ${threadId}`}`;
      return { comments: comments.length };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/**
 * Recomputes every comment's replyCount from parent links alone (placeComments' counts; paths and numbers are left
 * as they are), writing only the rows that differ, in one transaction. For counts stored under an older rule: before
 * deleted leaves stopped counting (20261204121256_cooked_bodies's release), a deleted reply still counted as one.
 * `npm run setup` runs it; idempotent. Returns how many rows it corrected.
 */
export async function recountReplyCounts(client: Db): Promise<{ corrected: number }> {
  return client.$transaction(
    async (tx) => {
      const comments = await tx.comment.findMany({
        orderBy: [{ threadId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: { id: true, threadId: true, parentId: true, status: true, deletedAt: true, replyCount: true },
      });
      const { places } = placeComments(comments);
      const changed = comments.filter((comment) => places.get(comment.id)!.replyCount !== comment.replyCount);
      for (let i = 0; i < changed.length; i += WRITE_BATCH) {
        const rows = changed.slice(i, i + WRITE_BATCH).map((comment) => Prisma.sql`(${comment.id}, ${places.get(comment.id)!.replyCount})`);
        await tx.$executeRaw`
          UPDATE "Comment" SET "replyCount" = CAST("v"."column2" AS INTEGER)
          FROM (VALUES ${Prisma.join(rows)}) AS "v" WHERE "Comment"."id" = "v"."column1"`;
      }
      return { corrected: changed.length };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
