import { z } from "zod";
import { getCurrentUser } from "@/lib/current-user";
import { isPostgresUrl } from "@/lib/database-url";
import { env } from "@/lib/env";
import { closeStream, onAll, onNewComment, openStream } from "@/lib/live-events";
import { livePollSeconds } from "@/lib/live-updates";
import { countNewComments } from "@/lib/queries/thread-activity";

export const dynamic = "force-dynamic";

const query = z.object({
  since: z.iso.datetime({ offset: true, error: "since must be an ISO 8601 date-time, e.g. 2026-11-26T10:00:00Z" }),
});

/** A comment line every so often: proxies and browsers keep an idle stream open, and a dead one is noticed. */
const HEARTBEAT_MS = 15_000;
/** Comments posted in a burst are counted once. */
const RECOUNT_DELAY_MS = 100;

// Server-Sent Events for an open thread page (components/new-comments-notice.tsx): an `update` event with
// { count, firstId } whenever comments others posted since `since` change, as soon as one is posted on any
// instance (lib/live-events.ts). Past LIVE_UPDATES_MAX_STREAMS open streams on this instance: 503, and the page
// asks /new-comments every few seconds instead.
export async function GET(request: Request, { params }: { params: Promise<{ threadId: string }> }) {
  const parsed = query.safeParse({ since: new URL(request.url).searchParams.get("since") ?? undefined });
  if (!parsed.success) {
    return Response.json({ error: { code: "invalid", message: parsed.error.issues[0]!.message } }, { status: 422 });
  }
  const since = new Date(Math.max(0, Date.parse(parsed.data.since)));
  const { threadId } = await params;
  const user = await getCurrentUser();
  const first = await countNewComments(threadId, since, user?.id);
  if (!first) return Response.json({ error: { code: "not_found", message: "No such thread." } }, { status: 404 });
  if (!openStream()) {
    return Response.json(
      { error: { code: "unavailable", message: "Too many live readers on this server: ask /new-comments instead." } },
      { status: 503, headers: { "retry-after": "30", "cache-control": "no-store" } },
    );
  }

  const encoder = new TextEncoder();
  const cleanups: (() => void)[] = [];
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        for (const cleanup of cleanups) cleanup();
        closeStream();
        try {
          controller.close();
        } catch {
          // Already closed by the reader.
        }
      };
      let last = JSON.stringify(first);
      let pending: NodeJS.Timeout | undefined;
      const recount = () => {
        if (closed || pending) return;
        pending = setTimeout(async () => {
          pending = undefined;
          try {
            const result = await countNewComments(threadId, since, user?.id);
            const next = JSON.stringify(result);
            if (result && next !== last) {
              last = next;
              send(`event: update\ndata: ${next}\n\n`);
            }
          } catch {
            // The database is away for a moment: the next event or tick counts again.
          }
        }, RECOUNT_DELAY_MS);
      };
      // Reconnect after 2 s if the connection drops; the first update says where things stand.
      send(`retry: 2000\nevent: update\ndata: ${last}\n\n`);
      cleanups.push(onNewComment(threadId, recount), onAll("recount", recount), onAll("shutdown", close));
      // SQLite: another process on the same file (no NOTIFY between them) is caught by counting on every tick.
      const tickMs = isPostgresUrl(env.DATABASE_URL) ? HEARTBEAT_MS : Math.min(HEARTBEAT_MS, livePollSeconds() * 1000);
      const ticker = setInterval(() => {
        send(": tick\n\n");
        if (!isPostgresUrl(env.DATABASE_URL)) recount();
      }, tickMs);
      cleanups.push(
        () => clearInterval(ticker),
        () => clearTimeout(pending),
      );
      request.signal.addEventListener("abort", close);
    },
    cancel() {
      closed = true;
      for (const cleanup of cleanups) cleanup();
      closeStream();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      // nginx: pass each event on at once instead of buffering the response.
      "x-accel-buffering": "no",
    },
  });
}
