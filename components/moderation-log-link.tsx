import Link from "next/link";

/** The small link to an article's public moderation log, on the article page and its thread pages. */
export function ModerationLogLink({ slug }: { slug: string }) {
  return (
    <p className="moderation-log-link">
      <Link href={`/a/${slug}/moderation`}>Moderation log</Link>
    </p>
  );
}
