import { db } from "@/lib/db";

/** The points before and after one in its article (by position; null at either end). */
export async function getPointNeighbours(articleSlug: string, position: number) {
  // One statement for both: an article's points are few, and the thread page runs this on every view.
  const points = await db.thread.findMany({
    where: { article: { slug: articleSlug } },
    orderBy: { position: "asc" },
    select: { id: true, position: true, title: true },
  });
  const previous = points.findLast((point) => point.position < position) ?? null;
  const next = points.find((point) => point.position > position) ?? null;
  return { previous, next };
}
