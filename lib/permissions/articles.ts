import { isEditor, type Viewer } from "./roles";
import { isSuspended, mayTakePart } from "./suspension";

type ArticleState = { draft: boolean; closedAt: Date | null };

/** The /editor pages and every editor action: the role and no suspension. */
export function canEditArticles(user: Viewer): boolean {
  return isEditor(user) && !isSuspended(user);
}

/** A draft is seen by editors only (its page, its threads, search, feeds, the sitemap); a published article by all. */
export function canSeeArticle(user: Viewer, article: Pick<ArticleState, "draft">): boolean {
  return !article.draft || canEditArticles(user);
}

/** A point (thread) whose discussion has started is kept: it can be closed, never deleted. */
export function canDeletePoint(user: Viewer, point: { commentCount: number; hasComments: boolean }): boolean {
  return canEditArticles(user) && point.commentCount === 0 && !point.hasComments;
}

/** "Suggest a correction" to the article or a point's summary: any member who may take part, on any thread. */
export function canSuggestCorrection(user: Viewer): boolean {
  return mayTakePart(user);
}
