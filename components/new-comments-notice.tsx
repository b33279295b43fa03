"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Props = {
  threadId: string;
  /** When the page's comments were read (ISO): only comments after it count as new. */
  since: string;
  pollSeconds: number;
};

/**
 * "N new comments — show" while a thread is open: the server pushes how many comments others have posted since
 * the page was rendered (Server-Sent Events, app/api/threads/[threadId]/events), or, when the stream breaks, is
 * asked every few seconds while the tab is visible; "show" opens the page that holds
 * the first of them (its `?at=` permalink: on a long thread they are rarely on the page already open).
 */
export function NewCommentsNotice({ threadId, since, pollSeconds }: Props) {
  const router = useRouter();
  // The news belongs to the effect run that fetched it: a new thread, `since` or interval starts again from none.
  const key = `${threadId} ${since} ${pollSeconds}`;
  const [news, setNews] = useState<{ key: string; count: number; firstId: string | null }>({ key, count: 0, firstId: null });
  const { count, firstId } = news.key === key ? news : { count: 0, firstId: null };

  useEffect(() => {
    let stopped = false;
    const query = `since=${encodeURIComponent(since)}`;
    const check = async () => {
      if (document.hidden) return;
      try {
        const response = await fetch(`/api/threads/${threadId}/new-comments?${query}`, { cache: "no-store" });
        if (response.ok && !stopped) setNews({ key, ...((await response.json()) as { count: number; firstId: string | null }) });
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    // Polling: without EventSource, or once the stream broke (refused past the server's bound, a proxy that
    // cuts it, the server gone). The stream is tried again a minute later.
    let timer: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | undefined;
    const poll = () => {
      if (timer) return;
      timer = setInterval(check, pollSeconds * 1000);
      void check();
    };
    const stream = () => {
      if (typeof EventSource === "undefined") return poll();
      source = new EventSource(`/api/threads/${threadId}/events?${query}`);
      source.addEventListener("update", (event) => {
        if (!stopped) setNews({ key, ...(JSON.parse((event as MessageEvent<string>).data) as { count: number; firstId: string | null }) });
      });
      source.addEventListener("open", () => {
        clearInterval(timer);
        timer = undefined;
      });
      source.addEventListener("error", () => {
        source?.close();
        source = undefined;
        poll();
        retry = setTimeout(stream, 60_000);
      });
    };
    stream();
    const onVisible = () => {
      if (!source) void check();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      source?.close();
      clearInterval(timer);
      clearTimeout(retry);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [key, threadId, since, pollSeconds]);

  return (
    <div className="new-comments-notice" role="status" aria-live="polite">
      {count > 0 && (
        <button type="button" onClick={() => (firstId ? router.push(`/t/${threadId}?at=${firstId}#c-${firstId}`) : router.refresh())}>
          {count} new {count === 1 ? "comment" : "comments"} — show
        </button>
      )}
    </div>
  );
}
