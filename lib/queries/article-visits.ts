import { db } from "@/lib/db";

/** Visits closer together than this are one visit: a reload keeps the "new since your last visit" markers. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

/**
 * Records a member opening an article's digest and answers the baseline of its "new since your last visit"
 * markers: null on a first visit (nothing to compare with). A visit more than VISIT_GAP_MS after the one before
 * moves the baseline on to that earlier visit; a closer one (a reload) keeps it.
 */
export async function recordArticleVisit(userId: string, articleId: string, now = new Date()): Promise<Date | null> {
  const where = { userId_articleId: { userId, articleId } };
  const existing = await db.articleVisit.findUnique({ where, select: { lastVisitAt: true, previousVisitAt: true } });
  if (!existing) {
    // Two first visits at once: the second finds the row and only moves lastVisitAt.
    await db.articleVisit.upsert({ where, create: { userId, articleId, lastVisitAt: now }, update: { lastVisitAt: now } });
    return null;
  }
  const movesOn = now.getTime() - existing.lastVisitAt.getTime() > VISIT_GAP_MS;
  const baseline = movesOn ? existing.lastVisitAt : existing.previousVisitAt;
  await db.articleVisit.update({ where, data: { lastVisitAt: now, previousVisitAt: baseline } });
  return baseline;
}

/** recordArticleVisit for the article with this slug; undefined when there is none. */
export async function recordArticleVisitBySlug(userId: string, slug: string, now = new Date()): Promise<Date | null | undefined> {
  const article = await db.article.findUnique({ where: { slug }, select: { id: true } });
  return article ? recordArticleVisit(userId, article.id, now) : undefined;
}

/** The baseline the digest shows this member now, without recording a visit (the exports read it). */
export async function getArticleVisitBaseline(userId: string, slug: string): Promise<Date | null> {
  const visit = await db.articleVisit.findFirst({ where: { userId, article: { slug } }, select: { previousVisitAt: true } });
  return visit?.previousVisitAt ?? null;
}
