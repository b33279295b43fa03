import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleOverview } from "@/components/article-overview";
import { getArticleWithThreads } from "@/lib/queries/articles";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticleWithThreads((await params).slug);
  return { title: article?.title ?? "Article not found" };
}

export default async function ArticlePage({ params }: Props) {
  const article = await getArticleWithThreads((await params).slug);
  if (!article) notFound();
  return <ArticleOverview article={article} />;
}
