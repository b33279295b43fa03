import Link from "next/link";
import styles from "./moderation-log-link.module.css";

/** The small link to an article's public moderation log, on the article page and its thread pages. */
export function ModerationLogLink({ slug }: { slug: string }) {
  return (
    <p className={styles.link}>
      <Link href={`/a/${slug}/moderation`}>Moderation log</Link>
    </p>
  );
}
