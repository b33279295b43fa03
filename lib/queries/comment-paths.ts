import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommentStatus } from "@/lib/generated/prisma/enums";

// A comment's path is the keys of its root, ..., its parent and itself, concatenated. A key is the comment's
// per-thread number (Thread.commentSeq hands them out) as KEY_WIDTH base36 digits: fixed width, so that
// ORDER BY path is depth-first with older siblings first, and one comment's subtree is the index range
// [path, path + SUBTREE_END). PostgreSQL compares the column in byte order (COLLATE "C"), as SQLite does.

export const KEY_WIDTH = 5;
const KEY_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
/** The numbers KEY_WIDTH base36 digits can hold: comments one thread can ever have. */
export const MAX_COMMENTS_PER_THREAD = 36 ** KEY_WIDTH - 1;
/** Sorts after every key digit: `path < p + SUBTREE_END` ends the subtree of p. */
export const SUBTREE_END = "~";
/**
 * Replies deeper than this are refused: a path grows KEY_WIDTH characters a level, and PostgreSQL's index
 * entries must stay under about 2,700 bytes.
 */
export const MAX_COMMENT_DEPTH = 250;

/** The key of a thread's `seq`-th comment. */
export function commentKey(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_COMMENTS_PER_THREAD) throw new RangeError(`comment number out of range: ${seq}`);
  return seq.toString(36).padStart(KEY_WIDTH, "0");
}

/** Whether `text` is a well-formed path (or, with one key, a cursor). */
export function isCommentPath(text: string): boolean {
  return text.length > 0 && text.length % KEY_WIDTH === 0 && /^[0-9a-z]+$/.test(text);
}

/** The paths of a comment's ancestors, root first. */
export function ancestorPaths(path: string): string[] {
  const paths: string[] = [];
  for (let end = KEY_WIDTH; end < path.length; end += KEY_WIDTH) paths.push(path.slice(0, end));
  return paths;
}

/** The path of the top-level comment a comment belongs to. */
export function rootPath(path: string): string {
  return path.slice(0, KEY_WIDTH);
}

/** The key a comment has among its siblings: the cursor of "after this one". */
export function ownKey(path: string): string {
  return path.slice(-KEY_WIDTH);
}

/** What a comment adds to each ancestor's replyCount: readers see a trace of everything but pending comments. */
export function replyWeight(status: CommentStatus): 0 | 1 {
  return status === "pending" ? 0 : 1;
}

/** Adds `delta` to the replyCount of every ancestor of the comment at `path` (one statement). */
export async function adjustAncestorReplyCounts(tx: Tx, comment: { threadId: string; path: string }, delta: number): Promise<void> {
  const ancestors = ancestorPaths(comment.path);
  if (delta === 0 || ancestors.length === 0) return;
  await tx.comment.updateMany({ where: { threadId: comment.threadId, path: { in: ancestors } }, data: { replyCount: { increment: delta } } });
}

/**
 * Hands out the thread's next comment number (with `threadData`, other changes to the thread, in the same
 * statement) and returns the path a new comment under `parent` takes. Call it in the transaction that creates
 * the comment: on PostgreSQL the thread's row stays locked until then, so numbers never repeat.
 */
export async function takeCommentPath(
  tx: Tx,
  threadId: string,
  parent: { path: string } | null,
  threadData: Prisma.ThreadUpdateInput = {},
): Promise<string> {
  const { commentSeq } = await tx.thread.update({
    where: { id: threadId },
    data: { ...threadData, commentSeq: { increment: 1 } },
    select: { commentSeq: true },
  });
  return (parent?.path ?? "") + commentKey(commentSeq);
}

/** A base36 digit of n, in SQL both databases run (n an integer expression). */
const digit = (n: Prisma.Sql, place: number) =>
  Prisma.sql`substr(${Prisma.raw(`'${KEY_DIGITS}'`)}, CAST(${n} / ${Prisma.raw(String(36 ** place))} % 36 AS INTEGER) + 1, 1)`;

/**
 * Recomputes path, depth and replyCount of every comment (or of one thread's), and each thread's commentSeq,
 * from parent links alone: comments are numbered oldest first (createdAt, then id). For rows written in bulk
 * without them (the benchmark's generator, imports); the migration that added the columns ran the same SQL.
 * Renumbers the thread, so cursors in old URLs may move. Returns how many comments it placed.
 */
export async function backfillCommentPaths(client: Db, threadId?: string): Promise<{ comments: number }> {
  const inThread = (column: string) => (threadId === undefined ? Prisma.sql`1 = 1` : Prisma.sql`${Prisma.raw(column)} = ${threadId}`);
  const n = Prisma.raw(`"numbered"."n"`);
  const key = Prisma.join(
    Array.from({ length: KEY_WIDTH }, (_, i) => digit(n, KEY_WIDTH - 1 - i)),
    " || ",
  );
  return client.$transaction(
    async (tx) => {
      // 1. Each comment's own key, for now alone in its path.
      const comments = await tx.$executeRaw`
        UPDATE "Comment" SET "path" = ${key}
        FROM (SELECT "id" AS "numberedId", ROW_NUMBER() OVER (PARTITION BY "threadId" ORDER BY "createdAt", "id") AS "n"
              FROM "Comment" WHERE ${inThread(`"threadId"`)}) AS "numbered"
        WHERE "Comment"."id" = "numbered"."numberedId"`;
      // 2. Parent's path + own key (the last KEY_WIDTH characters, whether or not this row was rewritten yet).
      await tx.$executeRaw`
        WITH RECURSIVE "tree" ("treeId", "treePath", "treeDepth") AS (
          SELECT "id", "path", 0 FROM "Comment" WHERE "parentId" IS NULL AND ${inThread(`"threadId"`)}
          UNION ALL
          SELECT "c"."id", "tree"."treePath" || substr("c"."path", length("c"."path") - ${Prisma.raw(String(KEY_WIDTH - 1))}, ${Prisma.raw(String(KEY_WIDTH))}), "tree"."treeDepth" + 1
          FROM "Comment" AS "c" JOIN "tree" ON "c"."parentId" = "tree"."treeId"
        )
        UPDATE "Comment" SET "path" = "tree"."treePath", "depth" = "tree"."treeDepth" FROM "tree" WHERE "Comment"."id" = "tree"."treeId"`;
      // 3. Descendants that are not pending, by index range; then the thread's last number handed out.
      await tx.$executeRaw`
        UPDATE "Comment" SET "replyCount" = (
          SELECT COUNT(*) FROM "Comment" AS "d"
          WHERE "d"."threadId" = "Comment"."threadId" AND "d"."path" > "Comment"."path"
            AND "d"."path" < "Comment"."path" || ${Prisma.raw(`'${SUBTREE_END}'`)} AND "d"."status" <> 'pending'
        )
        WHERE ${inThread(`"threadId"`)}`;
      await tx.$executeRaw`
        UPDATE "Thread" SET "commentSeq" = (SELECT COUNT(*) FROM "Comment" WHERE "Comment"."threadId" = "Thread"."id")
        WHERE ${inThread(`"id"`)}`;
      return { comments };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
