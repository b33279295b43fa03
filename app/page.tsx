import type { Metadata } from "next";
import { cache } from "react";
import { ArticleOverview } from "@/components/article-overview";
import { articleMetadata } from "@/lib/page-metadata";
import { getArticleWithThreads } from "@/lib/queries/articles";

export const dynamic = "force-dynamic";

const loadFirstArticle = cache(() => getArticleWithThreads());

export async function generateMetadata(): Promise<Metadata> {
  const article = await loadFirstArticle();
  return article ? { ...articleMetadata(article, "/"), title: { absolute: `${article.title} · Agora` } } : {};
}

export default async function HomePage() {
  const article = await loadFirstArticle();
  if (!article) {
    return (
      <main className="narrow">
        <h1>No article yet</h1>
        <p>
          Seed the forum with <code>npm run seed</code> or import one with <code>npm run import-article -- article.txt</code>.
        </p>
      </main>
    );
  }
  return <ArticleOverview article={article} />;
}
