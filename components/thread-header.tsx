import Link from "next/link";
import type { ReactNode } from "react";
import { ModerationLogLink } from "./moderation-log-link";

type Props = {
  thread: {
    id: string;
    position: number;
    title: string;
    summary: string;
    excerpt: string;
    locked: boolean;
    lockReason: string | null;
    article: { slug: string; title: string; source: string; sourceUrl: string | null };
  };
  /** Shown right under the point's summary (accepted corrections' notes). */
  afterSummary?: ReactNode;
  /** More of the thread's tools, in the toolbar beside its feed and moderation log (report, correction). */
  tools?: ReactNode;
};

/** The point a thread discusses: our summary, then the article's own words with attribution. */
export function ThreadHeader({ thread, afterSummary, tools }: Props) {
  return (
    <header className="thread-head">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/a/${thread.article.slug}#point-${thread.position}`}>{thread.article.title}</Link>
        <span aria-hidden="true"> › </span>
        <span>Point {thread.position}</span>
      </nav>
      <h1>{thread.title}</h1>
      <p className="lede">{thread.summary}</p>
      {afterSummary}
      <figure className="excerpt">
        <blockquote>{thread.excerpt}</blockquote>
        <figcaption>
          —{" "}
          {thread.article.sourceUrl ? (
            <a href={thread.article.sourceUrl} rel="noopener">
              {thread.article.source}
            </a>
          ) : (
            <cite>{thread.article.source}</cite>
          )}
        </figcaption>
      </figure>
      <div className="thread-toolbar">
        <p className="feed-link">
          <a href={`/t/${thread.id}/feed.xml`} type="application/atom+xml">
            {/* One inline run: as loose text in the flex link, the space after "Follow" would be dropped. */}
            <span>
              Follow <span className="visually-hidden">this point&apos;s comments </span>(Atom feed)
            </span>
          </a>
        </p>
        <ModerationLogLink slug={thread.article.slug} />
        {tools}
      </div>
      {thread.locked && (
        <p className="banner" role="status">
          This thread is locked: no new comments or edits.{thread.lockReason ? ` Reason: ${thread.lockReason}` : ""}
        </p>
      )}
    </header>
  );
}
