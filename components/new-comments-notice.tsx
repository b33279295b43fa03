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
 * "N new comments — show" while a thread is open: asks the server every few seconds (only while the tab is
 * visible) how many comments others have posted since the page was rendered; "show" opens the page that holds
 * the first of them (its `?at=` permalink: on a long thread they are rarely on the page already open).
 */
export function NewCommentsNotice({ threadId, since, pollSeconds }: Props) {
  const router = useRouter();
  const [news, setNews] = useState<{ count: number; firstId: string | null }>({ count: 0, firstId: null });
  const { count, firstId } = news;

  useEffect(() => {
    setNews({ count: 0, firstId: null });
    let stopped = false;
    const check = async () => {
      if (document.hidden) return;
      try {
        const response = await fetch(`/api/threads/${threadId}/new-comments?since=${encodeURIComponent(since)}`, { cache: "no-store" });
        if (response.ok && !stopped) setNews((await response.json()) as { count: number; firstId: string | null });
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    const timer = setInterval(check, pollSeconds * 1000);
    document.addEventListener("visibilitychange", check);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, [threadId, since, pollSeconds]);

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
