import { db } from "@/lib/db";
import { withCookedBody, type Cooked } from "@/lib/cooked-body";
import { Prisma } from "@/lib/generated/prisma/client";
import { SUBTREE_END } from "@/lib/materialized-path";
import { visibleToSql, type Viewer } from "./comment-visibility";

// What the comment pages read: a comment's and a thread's fields, and readWindows, the one statement that reads
// every comment a page shows.

export const commentFields = {
  id: true,
  parentId: true,
  depth: true,
  path: true,
  replyCount: true,
  score: true,
  stance: true,
  body: true,
  bodyHtml: true,
  bodyHtmlVersion: true,
  bodySources: true,
  status: true,
  moderationReason: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  author: { select: { id: true, name: true, role: true, deletedAt: true } },
} as const;

export const threadFields = {
  id: true,
  position: true,
  title: true,
  summary: true,
  excerpt: true,
  locked: true,
  lockReason: true,
  pinned: true,
  commentCount: true,
  slowModeManual: true,
  slowModeUntil: true,
  slowModeSince: true,
  article: { select: { slug: true, title: true, source: true, sourceUrl: true, draft: true, closedAt: true } },
} as const;

/**
 * A comment as pages read it: `bodyHtml` is the HTML to show (stored when the body was written, rendered again
 * only if a newer renderer made it stale) and `sources` the links it cites; pages never run markdown-it.
 */
export type ThreadComment = Cooked<Prisma.CommentGetPayload<{ select: typeof commentFields }>>;
export type ThreadSummary = Prisma.ThreadGetPayload<{ select: typeof threadFields }>;

export type Window =
  /** The first `limit` comments after `from` (exclusive; inclusive with `inclusive`) within the subtree at `below`. */
  | { from: string; below: string; inclusive?: boolean; maxDepth: number; limit: number }
  /** Exactly these paths. */
  | { paths: string[] };

/** commentFields as SQL columns of "Comment" AS "c" and "User" AS "u" (the author), so the two stay one list. */
const COMMENT_COLUMNS = Object.keys(commentFields).filter((key) => key !== "author");
const AUTHOR_COLUMNS = Object.keys(commentFields.author.select);
const SELECT_COMMENT = Prisma.raw(
  [...COMMENT_COLUMNS.map((key) => `"c"."${key}"`), ...AUTHOR_COLUMNS.map((key) => `"u"."${key}" AS "author.${key}"`)].join(", "),
);

export const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The comments (with their authors) in several windows of a thread's comment tree, in one statement: a UNION
 * ALL of index range scans on (threadId, path), each with its own LIMIT, so its cost follows the page, not
 * the thread. Returns, per window, its comments in path order.
 */
export async function readWindows(threadId: string, viewer: Viewer, windows: Window[]): Promise<ThreadComment[][]> {
  const result: ThreadComment[][] = windows.map(() => []);
  const branches = windows.flatMap((window, i) => {
    const tag = Prisma.raw(`'${i}'`);
    if ("paths" in window) {
      if (window.paths.length === 0) return [];
      return [
        Prisma.sql`SELECT "id", ${tag} AS "w" FROM "Comment"
          WHERE "threadId" = ${threadId} AND "path" IN (${Prisma.join(window.paths)}) AND ${visibleToSql(viewer)}`,
      ];
    }
    // "+depth": a filter, not an index choice, so SQLite walks (threadId, path) in order and stops at LIMIT.
    return [
      Prisma.sql`SELECT "id", ${tag} AS "w" FROM (
          SELECT "id" FROM "Comment"
          WHERE "threadId" = ${threadId} AND "path" ${Prisma.raw(window.inclusive ? ">=" : ">")} ${window.from}
            AND "path" < ${window.below + SUBTREE_END} AND +"depth" <= ${Prisma.raw(String(window.maxDepth))} AND ${visibleToSql(viewer)}
          ORDER BY "path" LIMIT ${Prisma.raw(String(window.limit))}
        ) AS ${Prisma.raw(`"w${i}"`)}`,
    ];
  });
  if (branches.length === 0) return result;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "windows"."w", ${SELECT_COMMENT}
    FROM (${Prisma.join(branches, " UNION ALL ")}) AS "windows"
    JOIN "Comment" AS "c" ON "c"."id" = "windows"."id"
    JOIN "User" AS "u" ON "u"."id" = "c"."authorId"`;
  for (const row of rows) {
    const comment: Record<string, unknown> = { author: Object.fromEntries(AUTHOR_COLUMNS.map((key) => [key, row[`author.${key}`]])) };
    for (const key of COMMENT_COLUMNS) comment[key] = row[key];
    // Integers may come back as bigint from raw SQL: the version is compared, so it is made a number.
    comment.bodyHtmlVersion = Number(comment.bodyHtmlVersion);
    result[Number(row.w)]!.push(withCookedBody(comment as Prisma.CommentGetPayload<{ select: typeof commentFields }>));
  }
  for (const list of result) list.sort(byPath);
  return result;
}
