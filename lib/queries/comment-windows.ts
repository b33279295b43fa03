import { db } from "@/lib/db";
import { withCookedBody, type Cooked } from "@/lib/cooked-body";
import { Prisma } from "@/lib/generated/prisma/client";
import { SUBTREE_END } from "@/lib/materialized-path";
import { visibleToSql, type Viewer } from "./comment-visibility";
import type { SourceRequestSummary } from "./source-requests";

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

/** What the viewer has done to the comments read, and who asked them for a source: read with them, in the same statement. */
export type CommentMarks = {
  /** The comments the viewer has upvoted. */
  votedIds: Set<string>;
  /** Per comment with requests for a source: how many, the latest's time, and whether the viewer asked. */
  sourceRequests: Map<string, SourceRequestSummary>;
};

/** A timestamp computed in SQL (MAX, a subquery): a Date from PostgreSQL, SQLite's stored text or number otherwise. */
const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string | number));

/**
 * The comments (with their authors) in several windows of a thread's comment tree, in one statement: a UNION
 * ALL of index range scans on (threadId, path), each with its own LIMIT, so its cost follows the page, not
 * the thread. Returns, per window, its comments in path order, and the viewer's marks on them (their upvotes,
 * the requests for a source), looked up per comment shown by primary key in the same statement.
 */
export async function readWindows(threadId: string, viewer: Viewer, windows: Window[]): Promise<{ windows: ThreadComment[][]; marks: CommentMarks }> {
  const result: ThreadComment[][] = windows.map(() => []);
  const marks: CommentMarks = { votedIds: new Set(), sourceRequests: new Map() };
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
  if (branches.length === 0) return { windows: result, marks };
  // Signed out, nobody has voted or asked: "" matches no member.
  const viewerId = viewer?.id ?? "";
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "windows"."w", ${SELECT_COMMENT},
      EXISTS (SELECT 1 FROM "CommentVote" AS "v" WHERE "v"."commentId" = "c"."id" AND "v"."userId" = ${viewerId}) AS "viewerVoted",
      (SELECT COUNT(*) FROM "SourceRequest" AS "s" WHERE "s"."commentId" = "c"."id") AS "sourceRequests",
      (SELECT MAX("s"."createdAt") FROM "SourceRequest" AS "s" WHERE "s"."commentId" = "c"."id") AS "sourceRequestedAt",
      EXISTS (SELECT 1 FROM "SourceRequest" AS "s" WHERE "s"."commentId" = "c"."id" AND "s"."requesterId" = ${viewerId}) AS "viewerAsked"
    FROM (${Prisma.join(branches, " UNION ALL ")}) AS "windows"
    JOIN "Comment" AS "c" ON "c"."id" = "windows"."id"
    JOIN "User" AS "u" ON "u"."id" = "c"."authorId"`;
  for (const row of rows) {
    const id = row.id as string;
    // EXISTS is a boolean on PostgreSQL, 0 or 1 on SQLite; COUNT a bigint on PostgreSQL.
    if (Number(row.viewerVoted)) marks.votedIds.add(id);
    const requests = Number(row.sourceRequests);
    if (requests > 0)
      marks.sourceRequests.set(id, { count: requests, latestAt: toDate(row.sourceRequestedAt), requestedByViewer: Boolean(Number(row.viewerAsked)) });
    const comment: Record<string, unknown> = { author: Object.fromEntries(AUTHOR_COLUMNS.map((key) => [key, row[`author.${key}`]])) };
    for (const key of COMMENT_COLUMNS) comment[key] = row[key];
    // Integers may come back as bigint from raw SQL: the version is compared, so it is made a number.
    comment.bodyHtmlVersion = Number(comment.bodyHtmlVersion);
    result[Number(row.w)]!.push(withCookedBody(comment as Prisma.CommentGetPayload<{ select: typeof commentFields }>));
  }
  for (const list of result) list.sort(byPath);
  return { windows: result, marks };
}
