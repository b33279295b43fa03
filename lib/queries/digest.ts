import { commentHtml } from "@/lib/cooked-body";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CorrectionTarget, Stance } from "@/lib/generated/prisma/enums";
import { getStanceTallies, type StanceTally } from "./stances";

/** `body` is the Markdown (the exports quote it), `bodyHtml` the stored rendering the page shows. */
export type DigestComment = { id: string; stance: Stance; body: string; bodyHtml: string; score: number; createdAt: Date; authorName: string | null };
export type DigestCorrection = { id: string; target: CorrectionTarget; claim: string; createdAt: Date };

export type DigestPoint = {
  threadId: string;
  position: number;
  title: string;
  summary: string;
  commentCount: number;
  tally: StanceTally;
  /** The most upvoted visible top-level comment of each stance (ties: the oldest); absent when none. */
  top: Partial<Record<Stance, DigestComment>>;
  /** Open correction requests on the point (its article text or its summary). */
  openCorrections: DigestCorrection[];
  /** Visible comments posted since the member's previous visit (others' only); null without a baseline. */
  newSinceLastVisit: number | null;
};

export type ArticleDigest = {
  article: { id: string; slug: string; title: string; source: string; sourceUrl: string | null; summary: string };
  points: DigestPoint[];
  /** The previous visit the markers count from; null for signed-out readers and on a first visit. */
  since: Date | null;
};

/**
 * The digest of an article, point by point, in a fixed number of reads whatever the number of points and
 * comments: the article with its points, the tallies, the top comment ids (a window query) and their rows, the
 * open corrections, [the new comments per point]. (Prisma adds a statement for each relation it reads.)
 */
export async function getArticleDigest(slug: string, reader: { userId: string; since: Date | null } | null): Promise<ArticleDigest | null> {
  const article = await db.article.findUnique({
    where: { slug, draft: false },
    select: {
      id: true,
      slug: true,
      title: true,
      source: true,
      sourceUrl: true,
      summary: true,
      threads: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true, summary: true, commentCount: true } },
    },
  });
  if (!article) return null;
  const { threads, ...head } = article;
  const threadIds = threads.map((thread) => thread.id);
  const since = reader?.since ?? null;

  const [tallies, top, corrections, fresh] = await Promise.all([
    getStanceTallies(threadIds),
    topCommentsByStance(threadIds),
    threadIds.length === 0
      ? []
      : db.correction.findMany({
          where: { threadId: { in: threadIds }, status: "open" },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { id: true, threadId: true, target: true, claim: true, createdAt: true },
        }),
    since && reader && threadIds.length > 0
      ? db.comment.groupBy({
          by: ["threadId"],
          where: { threadId: { in: threadIds }, createdAt: { gt: since }, status: "visible", deletedAt: null, authorId: { not: reader.userId } },
          _count: { _all: true },
        })
      : null,
  ]);
  const freshByThread = new Map((fresh ?? []).map((group) => [group.threadId, group._count._all]));

  const points = threads.map((thread): DigestPoint => ({
    threadId: thread.id,
    position: thread.position,
    title: thread.title,
    summary: thread.summary,
    commentCount: thread.commentCount,
    tally: tallies.get(thread.id)!,
    top: Object.fromEntries(top.filter((comment) => comment.threadId === thread.id).map(({ threadId: _, ...comment }) => [comment.stance, comment])),
    openCorrections: corrections.filter((correction) => correction.threadId === thread.id).map(({ threadId: _, ...correction }) => correction),
    newSinceLastVisit: fresh ? (freshByThread.get(thread.id) ?? 0) : null,
  }));
  return { article: head, points, since };
}

/** Per thread and stance, the top visible top-level comment: one window query for the ids, one read for the rows. */
async function topCommentsByStance(threadIds: string[]): Promise<(DigestComment & { threadId: string })[]> {
  if (threadIds.length === 0) return [];
  const ranked = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM (
      SELECT "id", ROW_NUMBER() OVER (PARTITION BY "threadId", "stance" ORDER BY "score" DESC, "createdAt" ASC, "path" ASC) AS "rank"
      FROM "Comment"
      WHERE "threadId" IN (${Prisma.join(threadIds)}) AND "depth" = 0 AND "status" = 'visible' AND "deletedAt" IS NULL AND "stance" IS NOT NULL
    ) AS "ranked"
    WHERE "rank" = 1`;
  if (ranked.length === 0) return [];
  const rows = await db.comment.findMany({
    where: { id: { in: ranked.map((row) => row.id) } },
    select: {
      id: true,
      threadId: true,
      stance: true,
      body: true,
      bodyHtml: true,
      bodyHtmlVersion: true,
      score: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
  return rows.map(({ author, stance, bodyHtmlVersion, ...row }) => ({
    ...row,
    bodyHtml: commentHtml({ ...row, bodyHtmlVersion }),
    stance: stance!,
    authorName: author.name,
  }));
}
