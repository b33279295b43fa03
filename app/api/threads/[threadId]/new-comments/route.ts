import { z } from "zod";
import { getCurrentUser } from "@/lib/current-user";
import { countNewComments } from "@/lib/queries/thread-activity";

export const dynamic = "force-dynamic";

const query = z.object({
  since: z.iso.datetime({ offset: true, error: "since must be an ISO 8601 date-time, e.g. 2026-11-26T10:00:00Z" }),
});

// Polled by an open thread page (components/new-comments-notice.tsx) to offer "N new comments — show".
export async function GET(request: Request, { params }: { params: Promise<{ threadId: string }> }) {
  const parsed = query.safeParse({ since: new URL(request.url).searchParams.get("since") ?? undefined });
  if (!parsed.success) {
    return Response.json({ error: { code: "invalid", message: parsed.error.issues[0]!.message } }, { status: 422 });
  }
  // Anything before 1970 asks for the same comments as 1970 does; PostgreSQL refuses year 0 ("0000-01-01").
  const since = new Date(Math.max(0, Date.parse(parsed.data.since)));
  const user = await getCurrentUser();
  const result = await countNewComments((await params).threadId, since, user?.id);
  if (!result) return Response.json({ error: { code: "not_found", message: "No such thread." } }, { status: 404 });
  return Response.json(result, { headers: { "cache-control": "no-store" } });
}
