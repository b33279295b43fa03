import Link from "next/link";
// Styles of its own wherever it renders (the thread page too), not only on the pages that import this file.
import "@/app/moderation-public.css";

/** The small link to an article's public moderation log, on the article page and its thread pages. */
export function ModerationLogLink({ slug }: { slug: string }) {
  return (
    <p className="moderation-log-link">
      <Link href={`/a/${slug}/moderation`}>Moderation log</Link>
    </p>
  );
}
