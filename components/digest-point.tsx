import Link from "next/link";
import type { DigestPoint as Point } from "@/lib/queries/digest";
import { topCommentHeading } from "@/lib/stance-labels";
import { STANCES } from "@/lib/validations/comment";
import { RelativeTime } from "./relative-time";
import { StanceTally } from "./stance-tally";
import styles from "./digest-point.module.css";

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** One point of the digest: where its comments stand, the strongest comment of each stance, open corrections. */
export function DigestPoint({ point }: { point: Point }) {
  const headingId = `digest-point-${point.position}`;
  const tops = STANCES.flatMap((stance) => (point.top[stance] ? [point.top[stance]] : []));
  return (
    <section className={styles.point} id={`point-${point.position}`} aria-labelledby={headingId} data-new-since={point.newSinceLastVisit ?? undefined}>
      <h2 id={headingId}>
        <Link href={`/t/${point.threadId}`}>
          Point {point.position}: {point.title}
        </Link>
        {point.newSinceLastVisit !== null && point.newSinceLastVisit > 0 && (
          <span className={`${styles.new} digest-new`}>{plural(point.newSinceLastVisit, "new comment", "new comments")} since your last visit</span>
        )}
      </h2>
      <p className={styles.meta}>{plural(point.commentCount, "comment", "comments")}</p>
      <StanceTally tally={point.tally} compact />
      {tops.length === 0 ? (
        <p className="empty">Nobody has taken a stance on this point yet.</p>
      ) : (
        <ul className={`${styles.top} digest-top`} aria-label={`Top comment of each stance on point ${point.position}`}>
          {tops.map((comment) => (
            <li key={comment.id} className={styles[comment.stance]} data-stance={comment.stance}>
              <h3>{topCommentHeading(comment.stance, comment.score)}</h3>
              <div className="prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
              <p className={styles.meta}>
                {comment.authorName ?? "Anonymous"} · {plural(comment.score, "upvote", "upvotes")} ·{" "}
                <Link href={`/t/${point.threadId}/c/${comment.id}`}>
                  <RelativeTime date={comment.createdAt} />
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {point.openCorrections.length > 0 && (
        <div className={styles.corrections}>
          <h3>{plural(point.openCorrections.length, "open correction", "open corrections")}</h3>
          <ul>
            {point.openCorrections.map((correction) => (
              <li key={correction.id}>
                {correction.target === "article" ? "The article" : "The point's summary"}: {correction.claim}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
