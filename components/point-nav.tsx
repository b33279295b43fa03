import Link from "next/link";

type Point = { id: string; position: number; title: string };

/** A thread's place in its article: back to the article's map at this point, and the points before and after. */
export function PointNav({ slug, position, previous, next }: { slug: string; position: number; previous: Point | null; next: Point | null }) {
  return (
    <nav aria-label="Points of the article" className="point-nav">
      <Link className="point-nav-back" href={`/a/${slug}#point-${position}`}>
        ↑ Point {position} in the article
      </Link>
      {previous && (
        <Link className="point-nav-previous" href={`/t/${previous.id}`}>
          ← Point {previous.position}: {previous.title}
        </Link>
      )}
      {next && (
        <Link className="point-nav-next" href={`/t/${next.id}`}>
          Point {next.position}: {next.title} →
        </Link>
      )}
    </nav>
  );
}
