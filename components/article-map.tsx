import Link from "next/link";
import type { PointLinks as Links } from "@/lib/queries/article-answers";
import type { CorrectionNote } from "@/lib/queries/corrections";
import type { StanceTally as Tally } from "@/lib/queries/stances";
import { CorrectionNotes } from "./correction-notes";
import { PointLinks } from "./point-links";
import { StanceTally } from "./stance-tally";
import { ThreadStats } from "./thread-stats";
import styles from "./article-map.module.css";

type Point = { id: string; position: number; title: string; summary: string; commentCount: number; lastActivityAt: Date; locked: boolean; pinned: boolean };

/**
 * The argument map: the article's points in the article's order, each anchored at #point-N, with where its
 * comments stand (the stance tally) and how many there are, linking to its thread.
 */
export function ArticleMap({
  slug,
  points,
  tallies,
  correctionNotes,
  pointLinks,
}: {
  slug: string;
  points: Point[];
  tallies: Map<string, Tally>;
  /** Accepted corrections' dated notes, per point. */
  correctionNotes?: ReadonlyMap<string, readonly CorrectionNote[]>;
  /** Per point, the points of other articles it answers and that answer it. */
  pointLinks?: ReadonlyMap<string, Links>;
}) {
  const ordered = [...points].sort((a, b) => a.position - b.position);
  return (
    <section aria-labelledby="points-heading" className="article-map">
      <h2 id="points-heading">The points it makes — {ordered.length} discussions</h2>
      <p className={styles.tools}>
        <Link href={`/a/${slug}/digest`} prefetch={false}>
          Read the digest: the strongest comment for each stance, point by point →
        </Link>
      </p>
      <ol className="thread-list">
        {ordered.map((point) => (
          <li key={point.id} id={`point-${point.position}`} className="thread-card">
            <span className="point-number" aria-hidden="true">
              {point.position}
            </span>
            <div>
              <h3>
                <Link href={`/t/${point.id}`}>{point.title}</Link>
                {point.pinned && <span className="badge">Pinned</span>}
                {point.locked && <span className="badge">Locked</span>}
              </h3>
              <p className="thread-summary">{point.summary}</p>
              <PointLinks links={pointLinks?.get(point.id)} compact />
              <CorrectionNotes notes={correctionNotes?.get(point.id)} compact />
              <StanceTally tally={tallies.get(point.id)!} compact />
              <ThreadStats commentCount={point.commentCount} lastActivityAt={point.lastActivityAt} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
