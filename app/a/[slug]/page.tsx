import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ArticleMap } from "@/components/article-map";
import { ArticleOverview } from "@/components/article-overview";
import { ArticleAnswers } from "@/components/point-links";
import { articleMetadata } from "@/lib/page-metadata";
import { getCurrentUser } from "@/lib/current-user";
import { canSeeArticle } from "@/lib/permissions";
import { getArticleWithThreads } from "@/lib/queries/articles";
import { getStanceTallies } from "@/lib/queries/stances";
import { getCorrectionNotes } from "@/lib/queries/corrections";
import { getArticleAnswerLinks, getPointLinks } from "@/lib/queries/article-answers";

type Props = { params: Promise<{ slug: string }> };

/** The article, or null when there is none or it is a draft this reader may not see. */
const loadArticle = cache(async (slug: string) => {
  const [article, user] = await Promise.all([getArticleWithThreads(slug), getCurrentUser()]);
  return article && canSeeArticle(user, article) ? article : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await loadArticle((await params).slug);
  return article ? articleMetadata(article, `/a/${article.slug}`) : { title: "Article not found" };
}

export default async function ArticlePage({ params }: Props) {
  const article = await loadArticle((await params).slug);
  if (!article) notFound();
  // One tally query and one notes query for every point of the article.
  const threadIds = article.threads.map((thread) => thread.id);
  const [tallies, correctionNotes, pointLinks, answerLinks] = await Promise.all([
    getStanceTallies(threadIds),
    getCorrectionNotes(threadIds),
    getPointLinks(threadIds),
    getArticleAnswerLinks(article.id),
  ]);
  return (
    <ArticleOverview
      article={article}
      answers={<ArticleAnswers answers={answerLinks.answers} answeredBy={answerLinks.answeredBy} />}
      points={<ArticleMap slug={article.slug} points={article.threads} tallies={tallies} correctionNotes={correctionNotes} pointLinks={pointLinks} />}
    />
  );
}
