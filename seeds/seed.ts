import { upsertArticle, type UpsertArticleResult } from "@/lib/queries/articles";
import type { ArticleSeed } from "./article-seed";
import { tiktokSparksGood } from "./articles/tiktok-sparks-good";

/** The articles every Agora install starts with. */
export const DEFAULT_ARTICLES: readonly ArticleSeed[] = [tiktokSparksGood];

export interface SeededArticle extends UpsertArticleResult {
  slug: string;
  title: string;
}

/** Upserts the default articles; safe to run on every deploy, it never duplicates or deletes anything. */
export async function seedDefaultArticles(): Promise<SeededArticle[]> {
  const results: SeededArticle[] = [];
  // One at a time: each upsert is its own SQLite write transaction.
  for (const seed of DEFAULT_ARTICLES) {
    results.push({ slug: seed.slug, title: seed.title, ...(await upsertArticle(seed)) });
  }
  return results;
}
