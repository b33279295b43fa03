import type { Metadata } from "next";
import Link from "next/link";
import { HowAgoraWorks } from "@/components/how-agora-works";
import { RelativeTime } from "@/components/relative-time";
import { StanceTally } from "@/components/stance-tally";
import { homeMetadata } from "@/lib/page-metadata";
import { listPublishedArticles } from "@/lib/queries/articles";
import styles from "./page.module.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = homeMetadata();

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The published articles, newest first, and how the site works for someone who just arrived. */
export default async function HomePage() {
  const articles = await listPublishedArticles();
  return (
    <main>
      <HowAgoraWorks />
      <section aria-labelledby="articles-heading">
        <h2 id="articles-heading">Articles under discussion</h2>
        {articles.length === 0 ? (
          <p className="empty">No article has been published yet.</p>
        ) : (
          <ol className={styles.list}>
            {articles.map((article) => (
              <li key={article.id} className={styles.card}>
                <h3>
                  <Link href={`/a/${article.slug}`}>{article.title}</Link>
                  {article.closed && <span className="badge">Closed</span>}
                </h3>
                <p className="source">
                  Source:{" "}
                  {article.sourceUrl ? (
                    <a href={article.sourceUrl} rel="noopener">
                      {article.source}
                    </a>
                  ) : (
                    article.source
                  )}
                </p>
                <p className="thread-summary">{article.summary}</p>
                <p className="thread-stats">
                  {count(article.points, "point", "points")} · {count(article.comments, "comment", "comments")} · last activity{" "}
                  <RelativeTime date={article.lastActivityAt} />
                </p>
                <StanceTally tally={article.tally} compact />
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
