import { ArticleOverview } from "@/components/article-overview";
import { getArticleWithThreads } from "@/lib/queries/articles";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const article = await getArticleWithThreads();
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
