import { ATOM_CONTENT_TYPE, commentsAtomFeed } from "@/lib/atom-feed";
import { getThreadFeed } from "@/lib/queries/feeds";
import { siteOrigin } from "@/lib/site-url";

export const dynamic = "force-dynamic";

// The newest comments of one thread (one point of the article), for feed readers.
export async function GET(request: Request, { params }: { params: Promise<{ threadId: string }> }) {
  const data = await getThreadFeed((await params).threadId);
  if (!data) return Response.json({ error: { code: "not_found", message: "No such thread." } }, { status: 404 });
  const origin = siteOrigin(request.headers);
  const { thread, comments } = data;
  const xml = commentsAtomFeed({
    selfUrl: `${origin}/t/${thread.id}/feed.xml`,
    pageUrl: `${origin}/t/${thread.id}`,
    title: `${thread.title} — ${thread.article.title}`,
    description: thread.summary,
    fallbackUpdated: thread.createdAt,
    origin,
    comments,
    nameThread: false,
  });
  return new Response(xml, { headers: { "content-type": ATOM_CONTENT_TYPE, "cache-control": "public, max-age=60" } });
}
