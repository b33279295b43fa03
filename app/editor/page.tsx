import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { canEditArticles } from "@/lib/permissions";
import { listArticlesForEditors } from "@/lib/queries/editor";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Editor" };

function state(article: { draft: boolean; closedAt: Date | null }) {
  return article.draft ? "Draft" : article.closedAt ? "Closed" : "Published";
}

/** Every article (drafts first), with its points, comments and last activity; New article. */
export default async function EditorPage() {
  if (!canEditArticles(await getCurrentUser())) notFound();
  const articles = await listArticlesForEditors();
  return (
    <main>
      <h1>Editor</h1>
      <p>
        <Link href="/editor/new" className="button-link">
          New article
        </Link>
      </p>
      <section aria-labelledby="articles-heading">
        <h2 id="articles-heading">Articles ({articles.length})</h2>
        {articles.length === 0 ? (
          <p className="empty">No article yet.</p>
        ) : (
          <table className={`log-table ${styles.articles}`}>
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col">State</th>
                <th scope="col">Points</th>
                <th scope="col">Comments</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.id}>
                  <td>
                    <Link href={`/editor/${article.id}`}>{article.title}</Link>
                    <br />
                    <span className="muted">/a/{article.slug}</span>
                  </td>
                  <td data-label="State">{state(article)}</td>
                  <td data-label="Points">{article.points}</td>
                  <td data-label="Comments">{article.comments}</td>
                  <td data-label="Last activity">{article.draft || !article.lastActivityAt ? "—" : <RelativeTime date={article.lastActivityAt} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
