import Link from "next/link";

type Point = { id: string; position: number; title: string };

/**
 * A thread's place in its article, on one row: the previous point on the left, back to the article's map in the
 * middle, the next point on the right. Titles are read out in full and shown where there is room (hover for them
 * on phones).
 */
export function PointNav({ slug, position, previous, next }: { slug: string; position: number; previous: Point | null; next: Point | null }) {
  return (
    <nav aria-label="Points of the article" className="point-nav">
      {previous ? (
        <Link className="point-nav-previous" href={`/t/${previous.id}`} title={previous.title}>
          ← Point {previous.position}
          <span className="point-nav-title">: {previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      <Link className="point-nav-back" href={`/a/${slug}#point-${position}`}>
        ↑ <span className="point-nav-title">Point {position} in the </span>article
      </Link>
      {next ? (
        <Link className="point-nav-next" href={`/t/${next.id}`} title={next.title}>
          Point {next.position}
          <span className="point-nav-title">: {next.title}</span>
          {" →"}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
