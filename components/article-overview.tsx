import Link from "next/link";
import type { ReactNode } from "react";
import type { getArticleWithThreads } from "@/lib/queries/articles";
import { ArticleStateBanner } from "./article-state-banner";
import { ModerationLogLink } from "./moderation-log-link";
import { ThreadStats } from "./thread-stats";

type Article = NonNullable<Awaited<ReturnType<typeof getArticleWithThreads>>>;

/** An article and its points, each point a thread with its activity; `points` replaces the plain list (the article map). */
export function ArticleOverview({ article, points, answers }: { article: Article; points?: ReactNode; answers?: ReactNode }) {
  return (
    <main>
      <ArticleStateBanner article={article} />
      <section className="article-head">
        <p className="eyebrow">The article under discussion</p>
        <h1>{article.title}</h1>
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
        <p className="lede">{article.summary}</p>
        {answers}
        <p className="feed-link">
          <a href={`/a/${article.slug}/feed.xml`} type="application/atom+xml">
            Follow new comments (Atom feed)
          </a>
        </p>
        <ModerationLogLink slug={article.slug} />
      </section>
      {points ?? (
        <section aria-labelledby="points-heading">
          <h2 id="points-heading">The points it makes — {article.threads.length} discussions</h2>
          <ol className="thread-list">
            {article.threads.map((thread) => (
              <li key={thread.id} id={`point-${thread.position}`} className="thread-card">
                <span className="point-number" aria-hidden="true">
                  {thread.position}
                </span>
                <div>
                  <h3>
                    <Link href={`/t/${thread.id}`}>{thread.title}</Link>
                    {thread.pinned && <span className="badge">Pinned</span>}
                    {thread.locked && <span className="badge">Locked</span>}
                  </h3>
                  <p className="thread-summary">{thread.summary}</p>
                  <ThreadStats commentCount={thread.commentCount} lastActivityAt={thread.lastActivityAt} />
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}
