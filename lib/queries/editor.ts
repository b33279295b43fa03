// Editors' writes: a draft article from a text, its points edited, reordered, merged and split, then published,
// closed and reopened. Every change and its log row go in one transaction; a draft's rows carry no articleId, so
// the public per-article log shows only what happened once the article was public.
import { db, type Tx } from "@/lib/db";
import { excerptProblem } from "@/lib/article-import";
import { appendLog, type LogEntry } from "@/lib/queries/moderation-log";
import type { AnswerKind } from "@/lib/generated/prisma/enums";
import type { ArticleSeed } from "@/seeds/article-seed";

export class EditorError extends Error {
  override name = "EditorError";
}

const NO_ARTICLE = () => new EditorError("That article does not exist.");
const NO_POINT = () => new EditorError("That point does not exist.");

type ArticleRow = { id: string; slug: string; draft: boolean; closedAt: Date | null; body: string; answersId: string | null };

async function findArticle(tx: Tx, articleId: string): Promise<ArticleRow> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: { id: true, slug: true, draft: true, closedAt: true, body: true, answersId: true },
  });
  if (!article) throw NO_ARTICLE();
  return article;
}

/** The point with its article; the article id is in the where, so a point of another article matches nothing. */
async function findPoint(tx: Tx, articleId: string, threadId: string) {
  const point = await tx.thread.findFirst({
    where: { id: threadId, articleId },
    select: { id: true, position: true, title: true, summary: true, excerpt: true, locked: true, commentCount: true, _count: { select: { comments: true } } },
  });
  if (!point) throw NO_POINT();
  return point;
}

function log(tx: Tx, editorId: string, article: ArticleRow, entry: Pick<LogEntry, "action" | "targetType" | "targetId" | "detail">) {
  return appendLog(tx, { moderatorId: editorId, articleId: article.draft ? null : article.id, ...entry });
}

function checkExcerpt(article: ArticleRow, excerpt: string) {
  // Articles imported before the text was kept have none to check against.
  if (article.body === "") return;
  const problem = excerptProblem(excerpt, article.body);
  if (problem) throw new EditorError(problem);
}

/** Gives the article's points the positions 1..n in this order (two passes: positions are unique per article). */
async function renumber(tx: Tx, articleId: string, orderedIds: string[]) {
  await tx.thread.updateMany({ where: { articleId }, data: { position: { multiply: -1 } } });
  for (const [index, id] of orderedIds.entries()) {
    await tx.thread.update({ where: { id }, data: { position: index + 1 } });
  }
}

async function pointIds(tx: Tx, articleId: string): Promise<string[]> {
  const rows = await tx.thread.findMany({ where: { articleId }, orderBy: { position: "asc" }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Creates a draft from a parsed text; a slug already in use is refused with the address it would clash with. */
export async function createDraftArticle(input: { editorId: string; seed: ArticleSeed }): Promise<{ id: string; slug: string }> {
  const { seed } = input;
  return db.$transaction(async (tx) => {
    const taken = await tx.article.findUnique({ where: { slug: seed.slug }, select: { id: true } });
    if (taken) throw new EditorError(`Another article already has the address /a/${seed.slug}: choose a different slug.`);
    const article = await tx.article.create({
      data: {
        slug: seed.slug,
        title: seed.title,
        source: seed.source,
        sourceUrl: seed.sourceUrl ?? null,
        summary: seed.summary,
        body: seed.body ?? "",
        draft: true,
        threads: { create: seed.points.map((point, index) => ({ position: index + 1, ...point })) },
      },
      select: { id: true, slug: true, draft: true, closedAt: true, body: true, answersId: true },
    });
    await log(tx, input.editorId, article, { action: "create_article", targetType: "article", targetId: article.id, detail: seed.title });
    return { id: article.id, slug: article.slug };
  });
}

export async function updateArticleDetails(input: { editorId: string; articleId: string; title: string; source: string; sourceUrl?: string; summary: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    await tx.article.update({
      where: { id: article.id },
      data: { title: input.title, source: input.source, sourceUrl: input.sourceUrl ?? null, summary: input.summary },
    });
    await log(tx, input.editorId, article, { action: "edit_article", targetType: "article", targetId: article.id, detail: input.title });
    return article;
  });
}

export async function updatePoint(input: { editorId: string; articleId: string; threadId: string; title: string; summary: string; excerpt: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    checkExcerpt(article, input.excerpt);
    await tx.thread.update({ where: { id: point.id }, data: { title: input.title, summary: input.summary, excerpt: input.excerpt } });
    await log(tx, input.editorId, article, { action: "edit_point", targetType: "thread", targetId: point.id, detail: input.title });
    return article;
  });
}

export async function addPoint(input: { editorId: string; articleId: string; title: string; summary: string; excerpt: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    checkExcerpt(article, input.excerpt);
    const last = await tx.thread.findFirst({ where: { articleId: article.id }, orderBy: { position: "desc" }, select: { position: true } });
    const point = await tx.thread.create({
      data: { articleId: article.id, position: (last?.position ?? 0) + 1, title: input.title, summary: input.summary, excerpt: input.excerpt },
      select: { id: true },
    });
    await log(tx, input.editorId, article, { action: "add_point", targetType: "thread", targetId: point.id, detail: input.title });
    return article;
  });
}

export async function movePoint(input: { editorId: string; articleId: string; threadId: string; direction: "up" | "down" }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    const ids = await pointIds(tx, article.id);
    const from = ids.indexOf(point.id);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) throw new EditorError(`That point is already the ${input.direction === "up" ? "first" : "last"}.`);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await renumber(tx, article.id, ids);
    await log(tx, input.editorId, article, { action: "move_point", targetType: "thread", targetId: point.id, detail: `${point.title} → position ${to + 1}` });
    return article;
  });
}

/** Merges a point with the next one: texts joined, the next point removed. Only while neither has comments. */
export async function mergeWithNext(input: { editorId: string; articleId: string; threadId: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    const ids = await pointIds(tx, article.id);
    const nextId = ids[ids.indexOf(point.id) + 1];
    if (!nextId) throw new EditorError("That point is the last: there is no next point to merge it with.");
    const next = await findPoint(tx, article.id, nextId);
    if (point._count.comments > 0 || next._count.comments > 0) {
      throw new EditorError("Points that have comments cannot be merged: their discussions would be mixed.");
    }
    await tx.thread.update({
      where: { id: point.id },
      data: { summary: `${point.summary} ${next.summary}`.slice(0, 600), excerpt: `${point.excerpt}\n\n${next.excerpt}`.slice(0, 600) },
    });
    await tx.thread.delete({ where: { id: next.id } });
    await renumber(
      tx,
      article.id,
      ids.filter((id) => id !== next.id),
    );
    await log(tx, input.editorId, article, { action: "merge_points", targetType: "thread", targetId: point.id, detail: `${point.title} + ${next.title}` });
    return article;
  });
}

/** Splits a point where its excerpt reaches `at` (words of the excerpt): the rest becomes a new point after it. */
export async function splitPoint(input: { editorId: string; articleId: string; threadId: string; at: string; newTitle: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    if (point._count.comments > 0) throw new EditorError("A point that has comments cannot be split: add a new point instead.");
    const cut = point.excerpt.indexOf(input.at);
    const first = cut > 0 ? point.excerpt.slice(0, cut).trim() : "";
    const second = cut > 0 ? point.excerpt.slice(cut).trim() : "";
    if (first === "" || second === "") {
      throw new EditorError("Give words from the middle of the excerpt, exactly as written there: the new point starts with them.");
    }
    await tx.thread.update({ where: { id: point.id }, data: { excerpt: first } });
    const ids = await pointIds(tx, article.id);
    const created = await tx.thread.create({
      data: { articleId: article.id, position: ids.length + 1, title: input.newTitle, summary: second.slice(0, 600), excerpt: second },
      select: { id: true },
    });
    ids.splice(ids.indexOf(point.id) + 1, 0, created.id);
    await renumber(tx, article.id, ids);
    await log(tx, input.editorId, article, { action: "split_point", targetType: "thread", targetId: point.id, detail: `${point.title} / ${input.newTitle}` });
    return article;
  });
}

/** Deletes a point nobody has commented on (not even a comment awaiting review); others are closed instead. */
export async function deletePoint(input: { editorId: string; articleId: string; threadId: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    if (point._count.comments > 0) throw new EditorError("This point has comments: it cannot be deleted, only closed.");
    const ids = await pointIds(tx, article.id);
    if (ids.length === 1) throw new EditorError("An article needs at least one point.");
    await tx.thread.delete({ where: { id: point.id } });
    await renumber(
      tx,
      article.id,
      ids.filter((id) => id !== point.id),
    );
    await log(tx, input.editorId, article, { action: "delete_point", targetType: "thread", targetId: point.id, detail: point.title });
    return article;
  });
}

/** Closes one point to new comments (the thread's lock), or reopens it. */
export async function setPointClosed(input: { editorId: string; articleId: string; threadId: string; closed: boolean }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    if (point.locked === input.closed) throw new EditorError(input.closed ? "That point is already closed." : "That point is already open.");
    await tx.thread.update({ where: { id: point.id }, data: { locked: input.closed, lockReason: input.closed ? "Closed by the editors." : null } });
    await log(tx, input.editorId, article, {
      action: input.closed ? "close_point" : "reopen_point",
      targetType: "thread",
      targetId: point.id,
      detail: point.title,
    });
    return article;
  });
}

/** Publishes a draft: from now on everyone sees it, newest first on the home page. */
export async function publishArticle(input: { editorId: string; articleId: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    if (!article.draft) throw new EditorError("That article is already published.");
    const now = new Date();
    await tx.article.update({ where: { id: article.id }, data: { draft: false, publishedAt: now } });
    // Its threads' activity starts now, not when the draft was written.
    await tx.thread.updateMany({ where: { articleId: article.id }, data: { lastActivityAt: now } });
    const published = { ...article, draft: false };
    await log(tx, input.editorId, published, { action: "publish_article", targetType: "article", targetId: article.id, detail: null });
    return published;
  });
}

/** Closes a published article to new comments (a read-only archive), or reopens it. */
export async function setArticleClosed(input: { editorId: string; articleId: string; closed: boolean; reason?: string }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    if (article.draft) throw new EditorError("A draft takes no comments yet: publish it first.");
    if ((article.closedAt !== null) === input.closed) {
      throw new EditorError(input.closed ? "That article is already closed." : "That article is already open.");
    }
    await tx.article.update({ where: { id: article.id }, data: { closedAt: input.closed ? new Date() : null } });
    await appendLog(tx, {
      moderatorId: input.editorId,
      articleId: article.id,
      action: input.closed ? "close_article" : "reopen_article",
      targetType: "article",
      targetId: article.id,
      reason: input.reason ?? null,
    });
    return article;
  });
}

/**
 * Says which earlier article this one answers, and how (a rebuttal or a follow-up), or that it answers none.
 * The earlier article must be another, published one that does not itself answer this one. Changing it unlinks
 * the points that answered the previous one's points.
 */
export async function setArticleAnswers(input: { editorId: string; articleId: string; answersId: string | null; kind: AnswerKind | null }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    let answered: { id: string; title: string } | null = null;
    if (input.answersId) {
      if (input.answersId === article.id) throw new EditorError("An article cannot answer itself.");
      const row = await tx.article.findUnique({ where: { id: input.answersId }, select: { id: true, title: true, draft: true, answersId: true } });
      if (!row || row.draft) throw new EditorError("Choose a published article for this one to answer.");
      if (row.answersId === article.id) throw new EditorError(`“${row.title}” already answers this article: two articles cannot answer each other.`);
      if (!input.kind) throw new EditorError("Say whether this article is a rebuttal or a follow-up.");
      answered = row;
    }
    if (article.answersId !== (answered?.id ?? null)) {
      await tx.pointAnswer.deleteMany({ where: { thread: { articleId: article.id } } });
    }
    await tx.article.update({ where: { id: article.id }, data: { answersId: answered?.id ?? null, answerKind: answered ? input.kind : null } });
    await log(tx, input.editorId, article, {
      action: "mark_answer",
      targetType: "article",
      targetId: article.id,
      detail: answered ? `${input.kind === "rebuttal" ? "rebuttal" : "follow-up"} of ${answered.title}` : "answers no article",
    });
    return article;
  });
}

/** Links one point of an answering article to the points of the earlier article it answers (replacing the links). */
export async function setPointAnswers(input: { editorId: string; articleId: string; threadId: string; answersThreadIds: string[] }) {
  return db.$transaction(async (tx) => {
    const article = await findArticle(tx, input.articleId);
    const point = await findPoint(tx, article.id, input.threadId);
    const { answersId } = article;
    if (!answersId) throw new EditorError("First say which earlier article this one answers.");
    const wanted = [...new Set(input.answersThreadIds)];
    const earlier = await tx.thread.findMany({ where: { id: { in: wanted }, articleId: answersId }, select: { id: true, title: true } });
    if (earlier.length !== wanted.length) throw new EditorError("Choose points of the article this one answers.");
    await tx.pointAnswer.deleteMany({ where: { threadId: point.id } });
    if (earlier.length > 0) await tx.pointAnswer.createMany({ data: earlier.map((row) => ({ threadId: point.id, answersThreadId: row.id })) });
    await log(tx, input.editorId, article, {
      action: "link_point_answers",
      targetType: "thread",
      targetId: point.id,
      detail: earlier.length > 0 ? `${point.title} answers ${earlier.map((row) => row.title).join("; ")}` : `${point.title} answers no point`,
    });
    return article;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reads for the /editor pages

/** Every article, drafts first then newest published, with its points, comments and last activity. */
export async function listArticlesForEditors() {
  const [articles, stats] = await Promise.all([
    db.article.findMany({
      orderBy: [{ draft: "desc" }, { publishedAt: "desc" }, { id: "asc" }],
      select: { id: true, slug: true, title: true, source: true, draft: true, closedAt: true, publishedAt: true, updatedAt: true },
    }),
    articleStats(),
  ]);
  return articles.map((article) => ({ ...article, ...(stats.get(article.id) ?? { points: 0, comments: 0, lastActivityAt: null }) }));
}

/** Per article: how many points, comments, and the last activity, in one grouped query (no query per article). */
export async function articleStats(articleIds?: string[]) {
  const rows = await db.thread.groupBy({
    by: ["articleId"],
    where: articleIds ? { articleId: { in: articleIds } } : undefined,
    _count: { _all: true },
    _sum: { commentCount: true },
    _max: { lastActivityAt: true },
  });
  return new Map(
    rows.map((row) => [row.articleId, { points: row._count._all, comments: row._sum.commentCount ?? 0, lastActivityAt: row._max.lastActivityAt }]),
  );
}

/** One article with its points in order, for its editing page. */
export function getArticleForEditing(articleId: string) {
  return db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      slug: true,
      title: true,
      source: true,
      sourceUrl: true,
      summary: true,
      body: true,
      draft: true,
      closedAt: true,
      publishedAt: true,
      answersId: true,
      answerKind: true,
      answers: { select: { id: true, title: true, threads: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true } } } },
      threads: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          title: true,
          summary: true,
          excerpt: true,
          locked: true,
          commentCount: true,
          _count: { select: { comments: true } },
          answers: { select: { answersThreadId: true } },
        },
      },
    },
  });
}

export type ArticleForEditing = NonNullable<Awaited<ReturnType<typeof getArticleForEditing>>>;

/** The published articles another article may answer (not itself), newest first, for the editing page's choice. */
export function listAnswerableArticles(exceptId: string) {
  return db.article.findMany({
    where: { draft: false, id: { not: exceptId } },
    orderBy: { publishedAt: "desc" },
    select: { id: true, title: true },
  });
}
