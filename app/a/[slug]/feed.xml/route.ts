import { ATOM_CONTENT_TYPE, commentsAtomFeed } from "@/lib/atom-feed";
import { getArticleFeed } from "@/lib/queries/feeds";
import { siteOrigin } from "@/lib/site-url";

export const dynamic = "force-dynamic";

// The newest comments across the article's threads, for feed readers.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const data = await getArticleFeed((await params).slug);
  if (!data) return Response.json({ error: { code: "not_found", message: "No such article." } }, { status: 404 });
  const origin = siteOrigin(request.headers);
  const { article, comments } = data;
  const xml = commentsAtomFeed({
    selfUrl: `${origin}/a/${article.slug}/feed.xml`,
    pageUrl: `${origin}/a/${article.slug}`,
    title: `${article.title} — discussion`,
    description: article.summary,
    fallbackUpdated: article.updatedAt,
    origin,
    comments,
    nameThread: true,
  });
  return new Response(xml, { headers: { "content-type": ATOM_CONTENT_TYPE, "cache-control": "public, max-age=60" } });
}
