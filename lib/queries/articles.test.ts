import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ArticleSeed } from "@/seeds/article-seed";
import { tiktokSparksGood } from "@/seeds/articles/tiktok-sparks-good";
import { seedDefaultArticles } from "@/seeds/seed";
import { getArticleWithThreads, listArticles, upsertArticle } from "./articles";

function makeSeed(slug: string, pointCount: number): ArticleSeed {
  return {
    slug,
    title: `Article ${slug}`,
    source: "Written for the tests",
    summary: `Summary of ${slug}.`,
    points: Array.from({ length: pointCount }, (_, i) => ({
      title: `Point ${i + 1}`,
      summary: `Summary of point ${i + 1}.`,
      excerpt: `Excerpt of point ${i + 1}.`,
    })),
  };
}

async function rowCounts() {
  const [articles, threads, comments] = await Promise.all([db.article.count(), db.thread.count(), db.comment.count()]);
  return { articles, threads, comments };
}

async function addComment(threadId: string) {
  const author = await db.user.create({ data: { email: `reader-${threadId}@example.com` } });
  return db.comment.create({ data: { threadId, authorId: author.id, body: "I disagree." } });
}

beforeEach(async () => {
  await db.comment.deleteMany();
  await db.thread.deleteMany();
  await db.article.deleteMany();
  await db.user.deleteMany();
});

describe("upsertArticle", () => {
  it("seeding twice creates nothing twice", async () => {
    const [first] = await seedDefaultArticles();
    expect(first).toMatchObject({ created: true, threadsCreated: tiktokSparksGood.points.length, threadsUpdated: 0 });

    const [second] = await seedDefaultArticles();
    expect(second).toMatchObject({ articleId: first?.articleId, created: false, threadsCreated: 0, threadsUpdated: 0 });
    expect(await rowCounts()).toEqual({ articles: 1, threads: tiktokSparksGood.points.length, comments: 0 });
  });

  it("stores threads at positions 1..n with the points' text", async () => {
    const { articleId } = await upsertArticle(makeSeed("positions", 3));
    const threads = await db.thread.findMany({ where: { articleId }, orderBy: { position: "asc" } });
    expect(threads.map((thread) => [thread.position, thread.title])).toEqual([
      [1, "Point 1"],
      [2, "Point 2"],
      [3, "Point 3"],
    ]);
  });

  it("re-seeding after a comment exists keeps the comment and the thread's counters and moderation state", async () => {
    const seed = makeSeed("discussed", 3);
    const { articleId } = await upsertArticle(seed);
    const thread = await db.thread.findUniqueOrThrow({ where: { articleId_position: { articleId, position: 2 } } });
    const comment = await addComment(thread.id);
    const lastActivityAt = new Date("2030-01-02T03:04:05.000Z");
    await db.thread.update({
      where: { id: thread.id },
      data: { commentCount: 1, lastActivityAt, locked: true, pinned: true },
    });

    const edited: ArticleSeed = {
      ...seed,
      title: "Edited title",
      points: seed.points.map((point, i) => (i === 1 ? { ...point, summary: "A corrected summary." } : point)),
    };
    const result = await upsertArticle(edited);

    expect(result).toEqual({ articleId, created: false, threadsCreated: 0, threadsUpdated: 1 });
    expect(await rowCounts()).toEqual({ articles: 1, threads: 3, comments: 1 });
    expect(await db.comment.findUnique({ where: { id: comment.id } })).not.toBeNull();
    expect(await db.thread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
      summary: "A corrected summary.",
      commentCount: 1,
      lastActivityAt,
      locked: true,
      pinned: true,
    });
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).title).toBe("Edited title");
  });

  it("leaves extra threads alone when the seed now has fewer points", async () => {
    const { articleId } = await upsertArticle(makeSeed("shrinking", 4));
    const result = await upsertArticle(makeSeed("shrinking", 2));

    expect(result).toMatchObject({ created: false, threadsCreated: 0, threadsUpdated: 0 });
    const threads = await db.thread.findMany({ where: { articleId }, orderBy: { position: "asc" } });
    expect(threads.map((thread) => thread.title)).toEqual(["Point 1", "Point 2", "Point 3", "Point 4"]);
  });

  it("adds threads for new points", async () => {
    await upsertArticle(makeSeed("growing", 2));
    expect(await upsertArticle(makeSeed("growing", 3))).toMatchObject({ threadsCreated: 1, threadsUpdated: 0 });
  });

  it("clears a source URL the seed no longer has", async () => {
    const { articleId } = await upsertArticle({ ...makeSeed("linked", 1), sourceUrl: "https://example.com/a" });
    await upsertArticle(makeSeed("linked", 1));
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).sourceUrl).toBeNull();
  });

  it("rejects an invalid seed without storing anything", async () => {
    await expect(upsertArticle({ ...makeSeed("invalid", 1), points: [] })).rejects.toThrow();
    expect(await rowCounts()).toEqual({ articles: 0, threads: 0, comments: 0 });
  });
});

describe("getArticleWithThreads", () => {
  it("returns null when there is no article", async () => {
    expect(await getArticleWithThreads()).toBeNull();
    expect(await getArticleWithThreads("missing")).toBeNull();
  });

  it("orders threads pinned first, then by position", async () => {
    const { articleId } = await upsertArticle(makeSeed("ordered", 4));
    await db.thread.update({
      where: { articleId_position: { articleId, position: 3 } },
      data: { pinned: true },
    });

    const article = await getArticleWithThreads("ordered");
    expect(article?.threads.map((thread) => thread.position)).toEqual([3, 1, 2, 4]);
    expect(article?.threads[0]).toMatchObject({ title: "Point 3", pinned: true, locked: false, commentCount: 0 });
    expect(article?.threads[0]?.lastActivityAt).toBeInstanceOf(Date);
  });

  it("defaults to the earliest created article", async () => {
    await upsertArticle(makeSeed("older", 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await upsertArticle(makeSeed("newer", 1));

    expect((await getArticleWithThreads())?.slug).toBe("older");
    expect((await getArticleWithThreads("newer"))?.slug).toBe("newer");
  });
});

describe("listArticles", () => {
  it("lists articles oldest first with their thread counts", async () => {
    await upsertArticle(makeSeed("first", 2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await upsertArticle(makeSeed("second", 5));

    const articles = await listArticles();
    expect(articles.map(({ slug, threadCount }) => ({ slug, threadCount }))).toEqual([
      { slug: "first", threadCount: 2 },
      { slug: "second", threadCount: 5 },
    ]);
    expect(articles[0]?.createdAt).toBeInstanceOf(Date);
  });
});
