import Link from "next/link";
import styles from "./point-nav.module.css";

type Point = { id: string; position: number; title: string };

/**
 * A thread's place in its article, on one row: the previous point on the left, back to the article's map in the
 * middle, the next point on the right. Titles are read out in full and shown where there is room (hover for them
 * on phones).
 */
export function PointNav({ slug, position, previous, next }: { slug: string; position: number; previous: Point | null; next: Point | null }) {
  return (
    <nav aria-label="Points of the article" className={styles.nav}>
      {previous ? (
        <Link className={styles.previous} href={`/t/${previous.id}`} title={previous.title}>
          ← Point {previous.position}
          <span className={styles.title}>: {previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      <Link className={styles.back} href={`/a/${slug}#point-${position}`}>
        ↑ <span className={styles.title}>Point {position} in the </span>article
      </Link>
      {next ? (
        <Link className={styles.next} href={`/t/${next.id}`} title={next.title}>
          Point {next.position}
          <span className={styles.title}>: {next.title}</span>
          {" →"}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
