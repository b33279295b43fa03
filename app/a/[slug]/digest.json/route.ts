import { digestJson } from "@/lib/digest-export";
import { loadDigestForExport } from "@/lib/digest-request";
import { siteOrigin } from "@/lib/site-url";

export const dynamic = "force-dynamic";

// The article's digest as JSON (for scripts and other tools).
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const digest = await loadDigestForExport((await params).slug);
  if (!digest) return Response.json({ error: { code: "not_found", message: "No such article." } }, { status: 404 });
  return Response.json(digestJson(digest, siteOrigin(request.headers)), {
    headers: {
      "content-disposition": `attachment; filename="${digest.article.slug}-digest.json"`,
      "cache-control": "private, no-store",
    },
  });
}
