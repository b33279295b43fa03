import type { Metadata } from "next";
import Link from "next/link";
import { HighlightedText } from "@/components/highlighted-text";
import { RelativeTime } from "@/components/relative-time";
import { SearchForm } from "@/components/search-form";
import { commentHref } from "@/lib/reply-tree";
import { searchForum, type SearchResults } from "@/lib/queries/search";
import { SEARCH_QUERY_MAX_LENGTH } from "@/lib/search-query";
import styles from "./page.module.css";

type Props = { searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = first((await searchParams).q).trim();
  // Result pages are for visitors, not for search engines' indexes.
  return { title: q ? `Search: ${q.slice(0, 60)}` : "Search", robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = first(params.q);
  const results = await searchForum(q, { cursor: first(params.cursor) || undefined });

  return (
    <main className={styles.page}>
      <h1>Search</h1>
      <SearchForm id="search-page-query" className={`${styles.form}`} defaultValue={q} withButton />
      <Outcome q={q} results={results} />
    </main>
  );
}

function Outcome({ q, results }: { q: string; results: SearchResults }) {
  const { parsed, threads, comments, offset, nextCursor } = results;
  if (parsed.kind === "empty") {
    return <p className="hint">Search the threads and their comments. Every word must appear; put “quotes” around words that belong together.</p>;
  }
  if (parsed.kind === "too_long") {
    return (
      <p className="form-error" role="alert">
        Searches are at most {SEARCH_QUERY_MAX_LENGTH} characters (this one has {parsed.length}). Try fewer words.
      </p>
    );
  }
  if (parsed.kind === "no_terms") {
    return <p className="hint">Type a word to search for: punctuation and symbols alone match nothing.</p>;
  }
  if (threads.length === 0 && comments.length === 0) {
    return (
      <p className="empty" role="status">
        {offset > 0 ? "No more results for " : "Nothing matches "}“{q.trim()}”.
      </p>
    );
  }
  const moreHref = (cursor: string) => `/search?${new URLSearchParams({ q, cursor })}`;
  return (
    <>
      {threads.length > 0 && (
        <section aria-labelledby="search-threads">
          <h2 id="search-threads">Threads</h2>
          <ol className={styles.results}>
            {threads.map((thread) => (
              <li key={thread.id} className={`${styles.hit} search-hit`}>
                <h3>
                  <Link href={`/t/${thread.id}`}>
                    <HighlightedText text={thread.title} />
                  </Link>
                </h3>
                <p className={styles.snippet}>
                  <HighlightedText text={thread.context} />
                </p>
                <p className={styles.hitMeta}>
                  Point {thread.position} of {thread.articleTitle} · {thread.commentCount} {thread.commentCount === 1 ? "comment" : "comments"}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {comments.length > 0 && (
        <section aria-labelledby="search-comments">
          <h2 id="search-comments">{offset > 0 ? `Comments, from result ${offset + 1}` : "Comments"}</h2>
          <ol className={styles.results} start={offset + 1}>
            {comments.map((comment) => {
              const href = commentHref(comment.threadId, comment);
              return (
                <li key={comment.id} className={`${styles.hit} search-hit`}>
                  <p className={styles.hitMeta}>
                    <Link href={`/u/${comment.author.id}`} className="author">
                      {comment.author.name ?? "Member"}
                    </Link>{" "}
                    on <Link href={`/t/${comment.threadId}`}>{comment.threadTitle}</Link> in {comment.articleTitle} · <RelativeTime date={comment.createdAt} />
                    {comment.editedAt && <span className="edited"> · edited</span>}
                  </p>
                  <p className={styles.snippet}>
                    <Link href={href} className={styles.snippetLink}>
                      <HighlightedText text={comment.snippet} />
                    </Link>
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {(offset > 0 || nextCursor) && (
        <nav aria-label="More results" className={styles.pages}>
          {offset > 0 && <Link href={`/search?${new URLSearchParams({ q })}`}>← First results</Link>}
          {nextCursor && <Link href={moreHref(nextCursor)}>More results →</Link>}
        </nav>
      )}
    </>
  );
}
