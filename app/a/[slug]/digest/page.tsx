import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DigestPoint } from "@/components/digest-point";
import { getCurrentUser } from "@/lib/current-user";
import { recordArticleVisitBySlug } from "@/lib/queries/article-visits";
import { getArticleDigest } from "@/lib/queries/digest";
import { formatExactTime } from "@/lib/time";
import styles from "./page.module.css";

type Props = { params: Promise<{ slug: string }> };

export const dynamic = "force-dynamic";

// Once per request (metadata and page share it): opening the digest is the visit the markers count from.
const loadDigest = cache(async (slug: string) => {
  const user = await getCurrentUser();
  if (!user) return { digest: await getArticleDigest(slug, null), signedIn: false, firstVisit: false };
  const since = await recordArticleVisitBySlug(user.id, slug);
  if (since === undefined) return { digest: null, signedIn: true, firstVisit: false };
  return { digest: await getArticleDigest(slug, { userId: user.id, since }), signedIn: true, firstVisit: since === null };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { digest } = await loadDigest((await params).slug);
  return digest ? { title: `Digest: ${digest.article.title}`, alternates: { canonical: `/a/${digest.article.slug}/digest` } } : { title: "Article not found" };
}

/** The article's points at a glance: each point's tally, strongest comment per stance, open corrections, what is new. */
export default async function DigestPage({ params }: Props) {
  const { digest, signedIn, firstVisit } = await loadDigest((await params).slug);
  if (!digest) notFound();
  const { article } = digest;
  return (
    <main>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/a/${article.slug}`}>{article.title}</Link>
        <span aria-hidden="true"> › </span>
        <span>Digest</span>
      </nav>
      <h1>Digest: {article.title}</h1>
      <p className="lede">Each point of the article: where the comments stand, the most upvoted comment of each stance, and open corrections.</p>
      {signedIn && (
        <p className={`${styles.visit} digest-visit`} role="status">
          {digest.since
            ? `Marked: comments by others since your previous visit (${formatExactTime(digest.since)}).`
            : firstVisit
              ? "Your first visit: from your next one, points with new comments are marked."
              : "No earlier visit to compare with yet."}
        </p>
      )}
      <p className={styles.exports}>
        <span>Download:</span>
        <a href={`/a/${article.slug}/digest.md`} download>
          Markdown
        </a>
        <a href={`/a/${article.slug}/digest.json`} download>
          JSON
        </a>
      </p>
      {digest.points.map((point) => (
        <DigestPoint key={point.threadId} point={point} />
      ))}
    </main>
  );
}
