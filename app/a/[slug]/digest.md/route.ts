import { digestMarkdown } from "@/lib/digest-export";
import { loadDigestForExport } from "@/lib/digest-request";
import { siteOrigin } from "@/lib/site-url";

export const dynamic = "force-dynamic";

// The article's digest as a Markdown file: comment bodies quoted, members' words escaped.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const digest = await loadDigestForExport((await params).slug);
  if (!digest) return Response.json({ error: { code: "not_found", message: "No such article." } }, { status: 404 });
  return new Response(digestMarkdown(digest, siteOrigin(request.headers)), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${digest.article.slug}-digest.md"`,
      "cache-control": "private, no-store",
    },
  });
}
