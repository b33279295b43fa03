import { listPublicPages } from "@/lib/queries/articles";
import { sitemapXml } from "@/lib/sitemap";
import { siteOrigin } from "@/lib/site-url";

export const dynamic = "force-dynamic";

/** The home page, every published article and every thread of one; drafts never appear. */
export async function GET(request: Request) {
  const articles = await listPublicPages();
  const entries = [
    { path: "/" },
    ...articles.flatMap((article) => [
      { path: `/a/${article.slug}`, lastModified: article.updatedAt },
      ...article.threads.map((thread) => ({ path: `/t/${thread.id}`, lastModified: thread.lastActivityAt })),
    ]),
  ];
  return new Response(sitemapXml(siteOrigin(request.headers), entries), {
    headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
