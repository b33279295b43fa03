import { db, type Tx as Transaction } from "@/lib/db";
import { articleSeedSchema, type ArticlePoint, type ArticleSeed } from "@/seeds/article-seed";
import { emptyTally, type StanceTally } from "@/lib/queries/stances";

export interface UpsertArticleResult {
  articleId: string;
  created: boolean;
  threadsCreated: number;
  /** Threads whose title, summary or excerpt actually changed. */
  threadsUpdated: number;
}

/**
 * Creates or refreshes an article and one thread per point (point i → thread position i + 1), in one
 * transaction so a failed import leaves nothing half-written. Safe to run repeatedly: it only rewrites the
 * article's text, never deletes threads or comments, and never touches a thread's moderation state or
 * activity counters. Threads beyond the seed's last point (a seed that shrank) are left as they are.
 */
export async function upsertArticle(seed: ArticleSeed): Promise<UpsertArticleResult> {
  const article = articleSeedSchema.parse(seed);
  return db.$transaction(async (tx) => {
    const { id: articleId, created } = await upsertArticleRow(tx, article);
    const { threadsCreated, threadsUpdated } = await upsertThreads(tx, articleId, article.points);
    return { articleId, created, threadsCreated, threadsUpdated };
  });
}

async function upsertArticleRow(tx: Transaction, seed: ArticleSeed): Promise<{ id: string; created: boolean }> {
  const text = {
    title: seed.title,
    source: seed.source,
    sourceUrl: seed.sourceUrl ?? null,
    summary: seed.summary,
    // A hand-written seed keeps no text; an imported file's is kept for the editors' excerpt check.
    ...(seed.body !== undefined ? { body: seed.body } : {}),
  };
  const existing = await tx.article.findUnique({ where: { slug: seed.slug }, select: { id: true } });
  if (existing) {
    await tx.article.update({ where: { id: existing.id }, data: text });
    return { id: existing.id, created: false };
  }
  const created = await tx.article.create({ data: { slug: seed.slug, ...text }, select: { id: true } });
  return { id: created.id, created: true };
}

async function upsertThreads(tx: Transaction, articleId: string, points: ArticlePoint[]) {
  const existing = await tx.thread.findMany({
    where: { articleId },
    select: { id: true, position: true, title: true, summary: true, excerpt: true },
  });
  const byPosition = new Map(existing.map((thread) => [thread.position, thread]));
  let threadsCreated = 0;
  let threadsUpdated = 0;

  for (const [index, point] of points.entries()) {
    const position = index + 1;
    const text = { title: point.title, summary: point.summary, excerpt: point.excerpt };
    const current = byPosition.get(position);
    if (!current) {
      await tx.thread.create({ data: { articleId, position, ...text } });
      threadsCreated++;
    } else if (hasTextChanged(current, text)) {
      await tx.thread.update({ where: { id: current.id }, data: text });
      threadsUpdated++;
    }
  }
  return { threadsCreated, threadsUpdated };
}

function hasTextChanged(current: ArticlePoint, next: ArticlePoint): boolean {
  return current.title !== next.title || current.summary !== next.summary || current.excerpt !== next.excerpt;
}

/** The article for the home page (the given slug, else the first one created) with its threads, pinned first. */
export async function getArticleWithThreads(slug?: string) {
  return db.article.findFirst({
    where: slug === undefined ? undefined : { slug },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      source: true,
      sourceUrl: true,
      summary: true,
      createdAt: true,
      draft: true,
      closedAt: true,
      threads: {
        orderBy: [{ pinned: "desc" }, { position: "asc" }],
        select: {
          id: true,
          position: true,
          title: true,
          summary: true,
          commentCount: true,
          lastActivityAt: true,
          locked: true,
          pinned: true,
        },
      },
    },
  });
}

export type ArticleWithThreads = NonNullable<Awaited<ReturnType<typeof getArticleWithThreads>>>;

export interface ArticleListItem {
  id: string;
  slug: string;
  title: string;
  createdAt: Date;
  threadCount: number;
}

/** Every article, oldest first, with how many threads each has. */
export async function listArticles(): Promise<ArticleListItem[]> {
  const articles = await db.article.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, title: true, createdAt: true, _count: { select: { threads: true } } },
  });
  return articles.map(({ _count, ...article }) => ({ ...article, threadCount: _count.threads }));
}

/** An article's name and slug, for pages about it (its public moderation log). */
export function getArticleHeading(slug: string) {
  return db.article.findUnique({ where: { slug, draft: false }, select: { id: true, slug: true, title: true } });
}

export type PublishedArticle = {
  id: string;
  slug: string;
  title: string;
  source: string;
  sourceUrl: string | null;
  summary: string;
  publishedAt: Date;
  closed: boolean;
  points: number;
  comments: number;
  lastActivityAt: Date;
  tally: StanceTally;
};

/**
 * The home page's list: published articles, newest first, each with its points, comments, last activity and the
 * stance tally of all its points. Four queries whatever the number of articles (no query per article).
 */
export async function listPublishedArticles(): Promise<PublishedArticle[]> {
  const published = { article: { draft: false } };
  const [articles, threadStats, threads, stances] = await Promise.all([
    db.article.findMany({
      where: { draft: false },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      select: { id: true, slug: true, title: true, source: true, sourceUrl: true, summary: true, publishedAt: true, closedAt: true },
    }),
    db.thread.groupBy({ by: ["articleId"], where: published, _count: { _all: true }, _sum: { commentCount: true }, _max: { lastActivityAt: true } }),
    db.thread.findMany({ where: published, select: { id: true, articleId: true } }),
    db.comment.groupBy({
      by: ["threadId", "stance"],
      where: { thread: published, depth: 0, status: "visible", deletedAt: null, stance: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const statsOf = new Map(threadStats.map((row) => [row.articleId, row]));
  const articleOfThread = new Map(threads.map((thread) => [thread.id, thread.articleId]));
  const tallies = new Map<string, StanceTally>();
  for (const group of stances) {
    const articleId = articleOfThread.get(group.threadId);
    if (!articleId || !group.stance) continue;
    const tally = tallies.get(articleId) ?? emptyTally();
    tally[group.stance] += group._count._all;
    tallies.set(articleId, tally);
  }
  return articles.map(({ closedAt, ...article }) => {
    const stats = statsOf.get(article.id);
    return {
      ...article,
      closed: closedAt !== null,
      points: stats?._count._all ?? 0,
      comments: stats?._sum.commentCount ?? 0,
      lastActivityAt: stats?._max.lastActivityAt ?? article.publishedAt,
      tally: tallies.get(article.id) ?? emptyTally(),
    };
  });
}

/** The public pages for sitemap.xml: every published article and its points' threads (never a draft). */
export async function listPublicPages() {
  const articles = await db.article.findMany({
    where: { draft: false },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { slug: true, updatedAt: true, threads: { orderBy: { position: "asc" }, select: { id: true, lastActivityAt: true } } },
  });
  return articles;
}
