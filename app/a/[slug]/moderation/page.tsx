import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RelativeTime } from "@/components/relative-time";
import { showModeratorNamesInPublicLog } from "@/lib/env";
import { describeAction, readableDetail } from "@/lib/moderation-labels";
import { getArticleHeading } from "@/lib/queries/articles";
import { getArticleModerationLog } from "@/lib/queries/moderation-log";
import styles from "./page.module.css";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string | string[] }> };

const loadArticle = cache(getArticleHeading);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await loadArticle((await params).slug);
  return { title: article ? `Moderation log: ${article.title}` : "Article not found" };
}

const CURSOR = /^[a-z0-9]{1,64}$/i;

/** An article's moderation, in public: what was done, why and when, on which point (never what was removed). */
export default async function ArticleModerationLogPage({ params, searchParams }: Props) {
  const [{ slug }, { before: rawBefore }] = await Promise.all([params, searchParams]);
  const article = await loadArticle(slug);
  if (!article) notFound();
  const before = typeof rawBefore === "string" && CURSOR.test(rawBefore) ? rawBefore : undefined;
  const { entries, nextCursor } = await getArticleModerationLog(article.id, { before, showNames: showModeratorNamesInPublicLog });

  return (
    <main className="narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/a/${article.slug}`}>{article.title}</Link>
        <span aria-hidden="true"> › </span>
        <span>Moderation log</span>
      </nav>
      <h1>Moderation log</h1>
      <p className="muted">
        Every moderation action on this article&apos;s discussion, newest first: what was done, why, and when. Removed words are not shown here.
      </p>
      {entries.length === 0 ? (
        <p className="empty">{before ? "No older actions." : "No moderation actions yet."}</p>
      ) : (
        <ol className={styles.log} aria-label="Moderation actions">
          {entries.map((entry) => (
            <li key={entry.id} className={styles.entry} data-log-id={entry.id}>
              <p className={styles.what}>
                <span className={styles.actor}>{entry.actor}</span> {describeAction(entry.action)}
                {entry.point && (
                  <>
                    {" "}
                    on{" "}
                    <Link href={`/t/${entry.point.threadId}`}>
                      Point {entry.point.position}: {entry.point.title}
                    </Link>
                  </>
                )}
              </p>
              <p>{entry.reason ? <>Reason: {entry.reason}</> : <span className="muted">No reason given.</span>}</p>
              <p className={`${styles.when} muted`}>
                <RelativeTime date={entry.createdAt} />
                {entry.detail && <> · {readableDetail(entry.detail)}</>}
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <p className="page-nav">
          <Link href={`/a/${article.slug}/moderation?before=${nextCursor}`} rel="next">
            Older actions →
          </Link>
        </p>
      )}
    </main>
  );
}
