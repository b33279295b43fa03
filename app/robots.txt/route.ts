import { robotsTxt } from "@/lib/sitemap";
import { siteOrigin } from "@/lib/site-url";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return new Response(robotsTxt(siteOrigin(request.headers)), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
