import { db } from "@/lib/db";

/** The points before and after one in its article (by position; null at either end): two small indexed reads. */
export async function getPointNeighbours(articleSlug: string, position: number) {
  const select = { id: true, position: true, title: true } as const;
  const [previous, next] = await Promise.all([
    db.thread.findFirst({ where: { article: { slug: articleSlug }, position: { lt: position } }, orderBy: { position: "desc" }, select }),
    db.thread.findFirst({ where: { article: { slug: articleSlug }, position: { gt: position } }, orderBy: { position: "asc" }, select }),
  ]);
  return { previous, next };
}
