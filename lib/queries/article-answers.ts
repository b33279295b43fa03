// Articles that answer articles, as readers see them: a point's links to the earlier points it answers and to
// the later points that answer it. Only published articles' points are shown (a draft's links stay the editors').
import { db } from "@/lib/db";
import type { AnswerKind } from "@/lib/generated/prisma/enums";

/** One linked point: where it is, and how the answering article answers (rebuttal or follow-up). */
export type LinkedPoint = { threadId: string; position: number; title: string; articleSlug: string; articleTitle: string; kind: AnswerKind | null };

/** Per point: the earlier points it answers, and the later points that answer it. */
export type PointLinks = { answers: LinkedPoint[]; answeredIn: LinkedPoint[] };

const pointSelect = { id: true, position: true, title: true, article: { select: { slug: true, title: true, draft: true, answerKind: true } } } as const;

/**
 * The links of several points, whatever their number: one query when none has links (most points), three when
 * some have (the links, then their points with their articles).
 */
export async function getPointLinks(threadIds: string[]): Promise<Map<string, PointLinks>> {
  const links = new Map<string, PointLinks>();
  if (threadIds.length === 0) return links;
  const rows = await db.pointAnswer.findMany({
    where: { OR: [{ threadId: { in: threadIds } }, { answersThreadId: { in: threadIds } }] },
    select: { threadId: true, answersThreadId: true },
    orderBy: [{ createdAt: "asc" }],
  });
  if (rows.length === 0) return links;
  const points = await db.thread.findMany({
    where: { id: { in: [...new Set(rows.flatMap((row) => [row.threadId, row.answersThreadId]))] } },
    select: pointSelect,
  });
  const byId = new Map(points.map((point) => [point.id, point]));
  const entry = (id: string) => links.get(id) ?? links.set(id, { answers: [], answeredIn: [] }).get(id)!;
  const wanted = new Set(threadIds);
  for (const row of rows) {
    const thread = byId.get(row.threadId);
    const answersThread = byId.get(row.answersThreadId);
    if (!thread || !answersThread || thread.article.draft || answersThread.article.draft) continue;
    const kind = thread.article.answerKind;
    const linked = (point: typeof thread): LinkedPoint => ({
      threadId: point.id,
      position: point.position,
      title: point.title,
      articleSlug: point.article.slug,
      articleTitle: point.article.title,
      kind,
    });
    if (wanted.has(thread.id)) entry(thread.id).answers.push(linked(answersThread));
    if (wanted.has(answersThread.id)) entry(answersThread.id).answeredIn.push(linked(thread));
  }
  return links;
}

/** The article an article answers, and the published articles that answer it, for the article's page. */
export async function getArticleAnswerLinks(articleId: string) {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      answerKind: true,
      answers: { select: { slug: true, title: true, draft: true } },
      answeredBy: { where: { draft: false }, orderBy: { publishedAt: "asc" }, select: { slug: true, title: true, answerKind: true } },
    },
  });
  return {
    answers: article?.answers && !article.answers.draft ? { slug: article.answers.slug, title: article.answers.title, kind: article.answerKind } : null,
    answeredBy: article?.answeredBy ?? [],
  };
}
