import { getCurrentUser } from "@/lib/current-user";
import { getArticleVisitBaseline } from "@/lib/queries/article-visits";
import { getArticleDigest } from "@/lib/queries/digest";

/**
 * The digest an export serves: a signed-in member's copy counts new comments from the same baseline the digest
 * page shows them; an export never records a visit (only opening the page does).
 */
export async function loadDigestForExport(slug: string) {
  const user = await getCurrentUser();
  const reader = user ? { userId: user.id, since: await getArticleVisitBaseline(user.id, slug) } : null;
  return getArticleDigest(slug, reader);
}
