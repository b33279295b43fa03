import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

function tokenMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Prometheus scrapes this (lib/metrics.ts): `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN the
// endpoint does not exist (404); with a wrong or missing token, 401.
export async function GET(request: Request) {
  const token = env.METRICS_TOKEN;
  if (!token) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  if (!tokenMatches(request.headers.get("authorization"), token)) {
    return Response.json(
      { error: { code: "unauthorized", message: "Metrics need Authorization: Bearer <METRICS_TOKEN>." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
