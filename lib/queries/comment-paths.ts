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

/** The cursor whose page of replies starts with the comment at `path`: the key just before its own. */
export function cursorBefore(path: string): string {
  return (Number.parseInt(ownKey(path), 36) - 1).toString(36).padStart(KEY_WIDTH, "0");
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

export type CommentLink = { id: string; threadId: string; parentId: string | null; status: string };
export type CommentPlace = { path: string; depth: number; replyCount: number };

/**
 * Where each comment goes, from parent links alone: `comments` in the order they are numbered (by thread, then
 * oldest first), each thread's numbers from 1. A comment whose parent is missing, in another thread, or in a
 * loop is placed as a top-level comment. Returns each comment's place and each thread's last number.
 */
export function placeComments(comments: readonly CommentLink[]): { places: Map<string, CommentPlace>; lastNumber: Map<string, number> } {
  const lastNumber = new Map<string, number>();
  const byId = new Map<string, CommentLink & { key: string }>();
  for (const comment of comments) {
    const seq = (lastNumber.get(comment.threadId) ?? 0) + 1;
    lastNumber.set(comment.threadId, seq);
    byId.set(comment.id, { ...comment, key: commentKey(seq) });
  }
  const parentOf = (comment: CommentLink) => {
    const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    return parent && parent.threadId === comment.threadId ? parent : undefined;
  };

  const places = new Map<string, CommentPlace & { parentId: string | null }>();
  const chain: (CommentLink & { key: string })[] = [];
  for (const start of byId.values()) {
    // Climb to the nearest placed ancestor (or a root), then place the chain top-down: no recursion.
    chain.length = 0;
    const onChain = new Set<string>();
    let current: (CommentLink & { key: string }) | undefined = start;
    while (current && !places.has(current.id) && !onChain.has(current.id)) {
      chain.push(current);
      onChain.add(current.id);
      current = parentOf(current);
    }
    let above = current && places.has(current.id) ? { id: current.id, ...places.get(current.id)! } : undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const place = { path: (above?.path ?? "") + chain[i]!.key, depth: above ? above.depth + 1 : 0, replyCount: 0, parentId: above?.id ?? null };
      places.set(chain[i]!.id, place);
      above = { id: chain[i]!.id, ...place };
    }
  }

  // Reply counts bottom-up, deepest comments first: each adds itself (unless pending) and its own count.
  const byDepth: string[][] = [];
  for (const [id, place] of places) (byDepth[place.depth] ??= []).push(id);
  for (let depth = byDepth.length - 1; depth > 0; depth--) {
    for (const id of byDepth[depth] ?? []) {
      const place = places.get(id)!;
      if (place.parentId === null) continue;
      places.get(place.parentId)!.replyCount += replyWeight(byId.get(id)!.status as CommentStatus) + place.replyCount;
    }
  }
  return { places, lastNumber };
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
        select: { id: true, threadId: true, parentId: true, status: true, path: true, depth: true, replyCount: true },
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
